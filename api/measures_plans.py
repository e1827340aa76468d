"""The strategy action plan and the annual engagement plan over HTTP (mounted by api/measures.py):
thin adapters over outcomes' measures_plan_selectors and measures_plan_services, as the staff pages
are. A RAG status or a plan's agreement that somebody else changed meanwhile is a 409."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext
from ninja import Router
from ninja.responses import Status as Reply

from engagement import selectors as engagement_selectors
from organisations.models import Organisation, Partnership, User
from outcomes import measures_plan_selectors as plan_selectors
from outcomes import measures_plan_services as plan_services
from outcomes import measures_selectors as selectors
from outcomes.measures_documents import annual_plan_download, strategy_download

from .measures_schemas import (
    ActionDetailOut,
    ActionIn,
    ActionOut,
    ActionPatch,
    ActionUpdateIn,
    Message,
    PlanActivityIn,
    PlanAgreeIn,
    PlanIn,
    PlanOut,
    PlanRemoveIn,
    PlanSummaryOut,
)

router = Router(tags=["strategy and plans"])


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _organisations(slugs: list[str], name: str) -> list[Organisation]:
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise ValidationError(
            {name: gettext("Unknown organisations: %(values)s.") % {"values": ", ".join(missing)}}
        )
    return [found[s] for s in slugs]


def _partnership(user: User, pk: int | None) -> Partnership | None:
    if pk is None:
        return None
    return selectors.partnership_get(user=user, pk=pk)


# The strategy action plan


@router.get(
    "/strategy/{int:partnership_id}/actions", response=list[ActionOut], summary="A strategy action plan"
)
def list_strategy_actions(request: HttpRequest, partnership_id: int, rag: str = "") -> Any:
    user = _user(request)
    partnership = selectors.partnership_get(user=user, pk=partnership_id)
    return plan_selectors.strategy_actions(user=user, partnership=partnership, rag=rag).rows


def _action_detail(user: User, pk: int) -> dict[str, Any]:
    action = plan_selectors.strategy_action_get(user=user, pk=pk)
    return {
        "action": plan_selectors.strategy_action_view(user=user, action=action),
        "history": plan_selectors.strategy_action_history(user=user, action=action),
    }


@router.post("/strategy/{int:partnership_id}/actions", response={201: ActionDetailOut})
def create_strategy_action(request: HttpRequest, partnership_id: int, payload: ActionIn) -> Any:
    user = _user(request)
    partnership = selectors.partnership_get(user=user, pk=partnership_id)
    data = payload.dict()
    if not data["action"].strip():
        raise ValidationError({"action": "Enter the action."})
    data["rag"] = data["rag"] or ""
    data["lead_agencies"] = _organisations(data["lead_agencies"], "lead_agencies")
    row = plan_services.strategy_action_create(user=user, partnership=partnership, **data)
    return Reply(201, _action_detail(user, row.pk))


@router.get(
    "/strategy/actions/{int:action_id}", response=ActionDetailOut, summary="An action with its history"
)
def get_strategy_action(request: HttpRequest, action_id: int) -> Any:
    return _action_detail(_user(request), action_id)


@router.patch(
    "/strategy/actions/{int:action_id}", response=ActionDetailOut, summary="Change an action or its leads"
)
def update_strategy_action(request: HttpRequest, action_id: int, payload: ActionPatch) -> Any:
    user = _user(request)
    action = plan_selectors.strategy_action_get(user=user, pk=action_id)
    data = payload.dict(exclude_unset=True)
    leads = data.get("lead_agencies")
    plan_services.strategy_action_edit(
        user=user,
        action=action,
        action_text=data.get("action") or action.action,
        lead_agencies=_organisations(leads, "lead_agencies")
        if leads is not None
        else action.lead_agencies.all(),
        other_leads=(data["other_leads"] or "") if "other_leads" in data else action.other_leads,
        due=data.get("due", action.due),
    )
    return _action_detail(user, action.pk)


@router.post(
    "/strategy/actions/{int:action_id}/updates",
    response={201: ActionDetailOut, 409: Message},
    summary="Record an update: progress, risks, next steps, timescale, RAG status",
)
def record_strategy_update(request: HttpRequest, action_id: int, payload: ActionUpdateIn) -> Any:
    user = _user(request)
    action = plan_selectors.strategy_action_get(user=user, pk=action_id)
    plan_services.strategy_action_update(
        user=user,
        action=action,
        rag=payload.rag or payload.from_rag or action.rag,
        progress=payload.progress,
        risks=payload.risks,
        next_steps=payload.next_steps,
        timescale=payload.timescale,
        rag_reason=payload.rag_reason,
        seen_rag=payload.from_rag,
    )
    return Reply(201, _action_detail(user, action.pk))


@router.get("/strategy/{int:partnership_id}/actions/export", response={200: None}, summary="As CSV or XLSX")
def export_strategy_actions(
    request: HttpRequest, partnership_id: int, format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    user = _user(request)
    partnership = selectors.partnership_get(user=user, pk=partnership_id)
    return strategy_download(user=user, partnership=partnership, file_format=format)


# The annual engagement plan


@router.get("/annual-plans", response=list[PlanSummaryOut], summary="Annual engagement plans")
def list_annual_plans(request: HttpRequest, partnership: int | None = None, year: int | None = None) -> Any:
    user = _user(request)
    return plan_selectors.annual_plan_list(user=user, partnership=_partnership(user, partnership), year=year)


def _plan(user: User, pk: int) -> Any:
    return plan_selectors.annual_plan_view(user=user, plan=plan_selectors.annual_plan_get(user=user, pk=pk))


@router.post("/annual-plans", response={201: PlanOut}, summary="Start a partnership's plan for a year")
def create_annual_plan(request: HttpRequest, payload: PlanIn) -> Any:
    user = _user(request)
    partnership = selectors.partnership_get(user=user, pk=payload.partnership)
    plan = plan_services.annual_plan_create(
        user=user, partnership=partnership, year=payload.year, introduction=payload.introduction
    )
    return Reply(201, _plan(user, plan.pk))


@router.get("/annual-plans/{int:plan_id}", response=PlanOut)
def get_annual_plan(request: HttpRequest, plan_id: int) -> Any:
    return _plan(_user(request), plan_id)


@router.post("/annual-plans/{int:plan_id}/activities", response={201: PlanOut}, summary="Plan an activity")
def add_annual_plan_activity(request: HttpRequest, plan_id: int, payload: PlanActivityIn) -> Any:
    user = _user(request)
    plan = plan_selectors.annual_plan_get(user=user, pk=plan_id)
    if payload.activity is None:
        raise ValidationError({"activity": "Give the activity's id."})
    activity = engagement_selectors.activity_get(user=user, pk=payload.activity)
    plan_services.annual_plan_add_activity(
        user=user, plan=plan, activity=activity, note=payload.note, reason=payload.reason
    )
    return Reply(201, _plan(user, plan.pk))


@router.post(
    "/annual-plans/{int:plan_id}/activities/{int:item_id}/remove",
    response=PlanOut,
    summary="Take an activity out",
)
def remove_annual_plan_activity(
    request: HttpRequest, plan_id: int, item_id: int, payload: PlanRemoveIn
) -> Any:
    user = _user(request)
    plan = plan_selectors.annual_plan_get(user=user, pk=plan_id)
    item = plan_selectors.annual_plan_item_get(user=user, plan=plan, pk=item_id)
    plan_services.annual_plan_remove_activity(user=user, plan=plan, item=item, reason=payload.reason)
    return _plan(user, plan.pk)


@router.post(
    "/annual-plans/{int:plan_id}/agree",
    response={200: PlanOut, 409: Message},
    summary="Record that the partnership agreed the plan",
)
def agree_annual_plan(request: HttpRequest, plan_id: int, payload: PlanAgreeIn) -> Any:
    user = _user(request)
    plan = plan_selectors.annual_plan_get(user=user, pk=plan_id)
    plan_services.annual_plan_agree(
        user=user, plan=plan, agreed_where=payload.agreed_where, seen=payload.from_state
    )
    return _plan(user, plan.pk)


@router.get("/annual-plans/{int:plan_id}/export", response={200: None}, summary="As CSV, XLSX or PDF")
def export_annual_plan(
    request: HttpRequest, plan_id: int, format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    user = _user(request)
    plan = plan_selectors.annual_plan_get(user=user, pk=plan_id)
    view = plan_selectors.annual_plan_view(user=user, plan=plan)
    return annual_plan_download(user=user, plan=plan, view=view, file_format=format)
