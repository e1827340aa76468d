"""The feedback loop over HTTP: findings ("You said"), decisions and actions (their progress,
status and RAG); feedback ("We did"), publishing it and the police.uk export are in
outcomes_feedback.py, mounted here. Thin adapters over outcomes' selectors (what is shown, text
already through the reader's TextDoor) and services (writes, with their rules). A stale move
(an action or feedback somebody else moved meanwhile) is a 409.

Request bodies take every field as optional, so that a body is always read and the record
looked up first: a record out of reach is a 404 whatever the body, and a missing value is then
a 422 naming it."""

from dataclasses import asdict
from typing import Any, cast

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status as Reply

from governance.marking import OFFICIAL, SENSITIVE
from organisations.models import User
from outcomes import loop_selectors as reading
from outcomes import loop_selectors_work as work
from outcomes.loop_actions import (
    action_create,
    action_move,
    action_progress_add,
    action_rag_set,
    action_update,
)
from outcomes.loop_services import decision_create, decision_update, finding_create, finding_update
from places.models import Area

from .outcomes_args import area_arg, caller, need, organisation_arg
from .outcomes_feedback import router as feedback_router
from .outcomes_schemas import (
    ActionIn,
    ActionOut,
    DecisionIn,
    DecisionOut,
    FindingIn,
    FindingOut,
    Message,
    MoveIn,
    ProgressIn,
    RagIn,
)

router = Router(tags=["outcomes"])
router.add_router("", feedback_router)


def _finding_out(user: User, pk: int) -> dict[str, Any]:
    view = reading.finding_view(user=user, finding=reading.finding_get(user=user, pk=pk))
    row = view.row
    return {
        **{
            k: getattr(row, k)
            for k in ("statement", "source", "area", "activity_title", "found_on", "organisation")
        },
        "id": row.pk,
        "source_note": view.source_note,
        "area": row.area_code,
        "area_name": row.area,
        "activity": row.activity_pk,
        "official_sensitive": row.sensitive,
        "marking": SENSITIVE if row.sensitive else OFFICIAL,
        "themes": [t.pk for t in view.themes],
        "priorities": view.priorities,
        "quoted_answers": view.answers,
        "decisions": [d.pk for d in view.decisions],
    }


def _evidence_kwargs(user: User, data: dict[str, Any]) -> dict[str, Any]:
    if not any(data.get(k) is not None for k in ("themes", "priorities", "answers", "activities")):
        return {}
    names = ("themes", "priorities", "answers", "activities")
    return {"evidence": reading.evidence_from_ids(user=user, **{k: data.get(k) or [] for k in names})}


@router.get("/outcomes/findings", response=list[FindingOut], summary="What people said: findings you may see")
def list_findings(request: HttpRequest, area: str = "") -> Any:
    user = caller(request)
    rows = reading.finding_list(user=user, area=area_arg(area, required=False))
    return [_finding_out(user, row.pk) for row in rows]


@router.post("/outcomes/findings", response={201: FindingOut})
def create_finding(request: HttpRequest, payload: FindingIn) -> Any:
    user = caller(request)
    data = payload.dict()
    need(data, "statement", "area", "source")
    finding = finding_create(
        user=user,
        statement=data["statement"],
        area=cast(Area, area_arg(data["area"], required=True)),
        source=data["source"],
        activity=reading.activity_from_id(user=user, pk=data["activity"]),
        source_note=data["source_note"] or "",
        found_on=data["found_on"],
        marking=data["marking"] or "official",
        **_evidence_kwargs(user, data),
    )
    return Reply(201, _finding_out(user, finding.pk))


@router.get("/outcomes/findings/{int:finding_id}", response=FindingOut)
def get_finding(request: HttpRequest, finding_id: int) -> Any:
    return _finding_out(caller(request), finding_id)


@router.patch("/outcomes/findings/{int:finding_id}", response=FindingOut)
def update_finding(request: HttpRequest, finding_id: int, payload: FindingIn) -> Any:
    user = caller(request)
    finding = reading.finding_get(user=user, pk=finding_id)
    data = payload.dict(exclude_none=True)
    fields: dict[str, Any] = {
        k: data[k] for k in ("statement", "source", "source_note", "found_on") if k in data
    }
    if "area" in data:
        fields["area"] = area_arg(data["area"], required=True)
    finding_update(
        user=user, finding=finding, marking=data.get("marking"), **fields, **_evidence_kwargs(user, data)
    )
    return _finding_out(user, finding.pk)


def _decision_out(user: User, pk: int) -> dict[str, Any]:
    view = reading.decision_view(user=user, decision=reading.decision_get(user=user, pk=pk))
    row = view.row
    return {
        "id": row.pk,
        **{
            k: getattr(row, k)
            for k in ("summary", "decided_by_name", "decided_by_body", "decided_on", "organisation")
        },
        "detail": view.detail,
        "official_sensitive": row.sensitive,
        "marking": SENSITIVE if row.sensitive else OFFICIAL,
        "findings": [f.pk for f in view.findings],
        "factors": [{"factor": f, "label": label, "note": note} for f, label, note in view.factors],
        "actions": [a.pk for a in view.actions],
    }


@router.get("/outcomes/decisions", response=list[DecisionOut])
def list_decisions(request: HttpRequest, area: str = "") -> Any:
    user = caller(request)
    return [
        _decision_out(user, row.pk)
        for row in reading.decision_list(user=user, area=area_arg(area, required=False))
    ]


@router.post("/outcomes/decisions", response={201: DecisionOut})
def create_decision(request: HttpRequest, payload: DecisionIn) -> Any:
    user = caller(request)
    data = payload.dict()
    need(data, "summary", "decided_by_name", "decided_by_body", "decided_on", "findings")
    decision = decision_create(
        user=user,
        summary=data["summary"],
        detail=data["detail"] or "",
        decided_by_name=data["decided_by_name"],
        decided_by_body=data["decided_by_body"],
        decided_on=data["decided_on"],
        findings=reading.findings_from_ids(user=user, ids=data["findings"]),
        factors=data["factors"] or {},
        marking=data["marking"] or "official",
    )
    return Reply(201, _decision_out(user, decision.pk))


@router.get("/outcomes/decisions/{int:decision_id}", response=DecisionOut)
def get_decision(request: HttpRequest, decision_id: int) -> Any:
    return _decision_out(caller(request), decision_id)


@router.patch("/outcomes/decisions/{int:decision_id}", response=DecisionOut)
def update_decision(request: HttpRequest, decision_id: int, payload: DecisionIn) -> Any:
    user = caller(request)
    decision = reading.decision_get(user=user, pk=decision_id)
    data = payload.dict(exclude_none=True)
    fields = {
        k: data[k]
        for k in ("summary", "detail", "decided_by_name", "decided_by_body", "decided_on")
        if k in data
    }
    findings = reading.findings_from_ids(user=user, ids=data["findings"]) if "findings" in data else None
    decision_update(
        user=user,
        decision=decision,
        findings=findings,
        factors=data.get("factors"),
        marking=data.get("marking"),
        **fields,
    )
    return _decision_out(user, decision.pk)


def _action_out(user: User, pk: int) -> dict[str, Any]:
    view = work.action_view(user=user, action=work.action_get(user=user, pk=pk))
    row = view.row
    return {
        "id": row.pk,
        "decision": row.decision_pk,
        **{k: getattr(row, k) for k in ("title", "owner_name", "due_on", "done_on", "status")},
        "owner_organisation": row.owner_organisation_slug,
        "owner_organisation_name": row.owner_organisation,
        "result": view.result,
        "rag": asdict(row.rag),
        "official_sensitive": row.sensitive,
        "marking": SENSITIVE if row.sensitive else OFFICIAL,
        "updates": [asdict(u) for u in view.updates],
    }


@router.get("/outcomes/actions", response=list[ActionOut])
def list_actions(request: HttpRequest, area: str = "", status: str = "", rag: str = "") -> Any:
    user = caller(request)
    rows = work.action_list(user=user, area=area_arg(area, required=False), status=status, rag=rag)
    return [_action_out(user, row.pk) for row in rows]


@router.post("/outcomes/decisions/{int:decision_id}/actions", response={201: ActionOut})
def create_action(request: HttpRequest, decision_id: int, payload: ActionIn) -> Any:
    user = caller(request)
    decision = reading.decision_get(user=user, pk=decision_id)
    data = payload.dict()
    need(data, "title", "owner_organisation", "owner_name", "due_on")
    action = action_create(
        user=user,
        decision=decision,
        title=data["title"],
        owner_organisation=organisation_arg(data["owner_organisation"]),
        owner_name=data["owner_name"],
        due_on=data["due_on"],
    )
    return Reply(201, _action_out(user, action.pk))


@router.get("/outcomes/actions/{int:action_id}", response=ActionOut)
def get_action(request: HttpRequest, action_id: int) -> Any:
    return _action_out(caller(request), action_id)


@router.patch("/outcomes/actions/{int:action_id}", response=ActionOut)
def update_action(request: HttpRequest, action_id: int, payload: ActionIn) -> Any:
    user = caller(request)
    action = work.action_get(user=user, pk=action_id)
    data = payload.dict(exclude_none=True)
    if "owner_organisation" in data:
        data["owner_organisation"] = organisation_arg(data["owner_organisation"])
    action_update(user=user, action=action, **data)
    return _action_out(user, action.pk)


@router.post("/outcomes/actions/{int:action_id}/transition", response={200: ActionOut, 409: Message})
def move_action(request: HttpRequest, action_id: int, payload: MoveIn) -> Any:
    """Move along the lifecycle. 409 when it is no longer in `from_status`."""
    user = caller(request)
    action = work.action_get(user=user, pk=action_id)
    action_move(user=user, action=action, to=payload.to, note=payload.note, seen=payload.from_status)
    return _action_out(user, action.pk)


@router.post("/outcomes/actions/{int:action_id}/updates", response={201: ActionOut})
def add_action_progress(request: HttpRequest, action_id: int, payload: ProgressIn) -> Any:
    user = caller(request)
    action = work.action_get(user=user, pk=action_id)
    action_progress_add(user=user, action=action, text=payload.text)
    return Reply(201, _action_out(user, action.pk))


@router.put("/outcomes/actions/{int:action_id}/rag", response=ActionOut)
def set_action_rag(request: HttpRequest, action_id: int, payload: RagIn) -> Any:
    user = caller(request)
    action = work.action_get(user=user, pk=action_id)
    action_rag_set(user=user, action=action, rag=payload.rag, reason=payload.reason)
    return _action_out(user, action.pk)
