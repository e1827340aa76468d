"""The retention review over HTTP: records past review per type, decisions about them, and the
decisions waiting. Thin adapters over governance's retention queue and services, with the same
rules as the page (an organisation's admins, over their own organisation's records only;
intelligence flags only for those who are also its intelligence officers)."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from core.shortcuts import get_or_404
from governance import retention_queue as queue
from governance import retention_services as services

router = Router(tags=["retention"])


class RowOut(Schema):
    id: int
    label: str
    counts_from: date
    review_on: date


class GroupOut(Schema):
    record_type: str
    label: str
    months: int
    reason: str
    due: int
    can_anonymise: bool
    records: list[RowOut]


class DecisionIn(Schema):
    record_type: str = Field(..., max_length=40)
    ids: list[int] = Field(..., min_length=1, max_length=queue.SHOWN_PER_TYPE)
    action: str = Field(..., max_length=10, description="keep, anonymise or delete")
    reason: str = Field("", max_length=2000)
    review_on: date | None = Field(None, description="For keep: when to review again")


class DecisionOut(Schema):
    id: int
    record_type: str
    object_id: int
    action: str
    state: str
    review_on: date | None
    error: str


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm("governance.review_retention"):
        raise PermissionDenied


@router.get("/retention/queue", response=list[GroupOut], summary="Records past their review date, per type")
def get_retention_queue(request: HttpRequest) -> Any:
    _require(request)
    return [
        {
            "record_type": g.key,
            "label": str(g.record_type.label),
            "months": g.policy.months,
            "reason": g.policy.reason,
            "due": g.count,
            "can_anonymise": g.can_anonymise,
            "records": [r.__dict__ for r in g.rows],
        }
        for g in queue.retention_queue(user=request.user)
    ]


@router.post(
    "/retention/decisions", response={201: list[DecisionOut]}, summary="Keep, anonymise or delete records"
)
def decide_retention(request: HttpRequest, body: DecisionIn) -> Any:
    """Records must be past review and your organisation's; anything else refuses it all (422).
    Anonymising and deleting are carried out in the background within minutes."""
    made = services.retention_decide(user=request.user, **body.dict())
    return Reply(201, made)


@router.get("/retention/decisions", response=list[DecisionOut], summary="Decisions not yet carried out")
def list_retention_decisions(request: HttpRequest) -> Any:
    _require(request)
    return list(queue.decisions_waiting(user=request.user)[:500])


@router.post(
    "/retention/decisions/{decision_id}/retry", response=DecisionOut, summary="Try a failed decision again"
)
def retry_retention_decision(request: HttpRequest, decision_id: int) -> Any:
    _require(request)
    decision = get_or_404(queue.decisions_waiting(user=request.user), decision_id)
    return services.retention_retry(user=request.user, decision=decision)
