"""Coordination between partners over HTTP: possible duplicates and chances to piggyback for an
activity and across the register, and proposals of joint working. Thin adapters over reach's
coordination selectors (reads) and services (writes), the same ones the staff pages use."""

from datetime import date, datetime
from typing import Any, cast

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Field, Query, Router, Schema
from ninja.responses import Status as Reply

from engagement.selectors import activity_get
from organisations.models import User
from reach import coordination_proposal_selectors as proposals
from reach import coordination_selectors as selectors
from reach import coordination_services as services
from reach.coordination_exports import duplicates_export
from reach.models import ProposalState

router = Router(tags=["coordination"])


class ActivityBrief(Schema):
    id: int
    title: str
    organisation: str = Field(..., alias="lead_organisation.slug")
    status: str
    starts_at: datetime
    areas: list[str]

    @staticmethod
    def resolve_areas(obj: Any) -> list[str]:
        return [a.code for a in obj.areas.all()]


class MatchOut(Schema):
    kind: str = Field(
        ..., description="possible duplicate (`duplicate`) or chance to piggyback (`piggyback`)"
    )
    kind_label: str
    score: float = Field(..., description="0 to 1: text, audience, place and date overlap together")
    reason: str
    details: list[str]
    advice: str
    activity: ActivityBrief
    other_activity: ActivityBrief = Field(..., alias="other")


class ReportFilters(Schema):
    area: str | None = Field(None, description="Area code; includes the areas inside it")
    organisation: str | None = Field(None, description="Organisation slug, leading either activity")
    starts_from: date | None = None
    starts_to: date | None = None
    kind: str | None = Field(None, description="`duplicate` or `piggyback`")


class SideOut(Schema):
    id: int | None = Field(..., description="None when the activity is no longer shared with you")
    title: str
    organisation: str
    starts_at: datetime | None
    areas: list[str]
    contact_name: str
    contact_email: str


class ProposalOut(Schema):
    id: int
    state: str
    kind: str
    reason: str
    message: str
    reply: str
    created_at: datetime
    decided_at: datetime | None
    proposing_organisation: str
    receiving_organisation: str
    activity: SideOut
    other_activity: SideOut
    incoming: bool
    can_answer: bool


class ProposalIn(Schema):
    activity: int = Field(..., description="Your activity's id")
    other_activity: int = Field(..., description="The partner's activity's id")
    message: str = Field(..., min_length=1, max_length=2000)


class AnswerIn(Schema):
    reply: str = Field("", max_length=2000)
    seen: ProposalState = Field(
        ProposalState.PROPOSED,
        description="The state you last saw. If somebody has answered since, nothing changes and the "
        "answer is a 409 giving its state now.",
    )


def _user(request: HttpRequest) -> User:
    """The signed-in user: every route here needs authentication (api.auth.AUTH)."""
    return cast(User, request.user)


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@router.get("/activities/{int:activity_id}/coordination", response=list[MatchOut])
def list_activity_matches(request: HttpRequest, activity_id: int) -> Any:
    """Partner activities that may duplicate this one, or that one could piggyback on, best first."""
    user = _user(request)
    return selectors.activity_matches(user=user, activity=activity_get(user=user, pk=activity_id))


@router.get("/coordination/duplicates", response=list[MatchOut])
def list_duplicates(request: HttpRequest, filters: Query[ReportFilters]) -> Any:
    """Every pair across the register you may see, best first."""
    return selectors.duplicates_list(user=_user(request), data=filters.dict(exclude_none=True))


@router.get(
    "/coordination/duplicates/export", response={200: None}, summary="The duplicates report as CSV or XLSX"
)
def export_duplicates(
    request: HttpRequest, filters: Query[ReportFilters], format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    return duplicates_export(user=_user(request), data=filters.dict(exclude_none=True), file_format=format)


@router.get("/coordination/proposals", response=list[ProposalOut])
def list_proposals(request: HttpRequest) -> Any:
    """Proposals to and from your organisation, those waiting for its answer first."""
    return proposals.proposal_list(user=_user(request))


@router.post("/coordination/proposals", response={201: ProposalOut})
def create_proposal(request: HttpRequest, payload: ProposalIn) -> Any:
    user = _user(request)
    draft = selectors.proposal_draft(user=user, pk=payload.activity, other_pk=payload.other_activity)
    proposal = services.proposal_create(
        user=user,
        activity=draft.activity,
        other_activity=draft.other,
        message=payload.message,
        site_url=_site(request),
    )
    return Reply(201, proposals.proposal_detail(user=user, pk=proposal.pk))


@router.get("/coordination/proposals/{int:proposal_id}", response=ProposalOut)
def get_proposal(request: HttpRequest, proposal_id: int) -> Any:
    return proposals.proposal_detail(user=_user(request), pk=proposal_id)


class Message(Schema):
    detail: str


@router.post("/coordination/proposals/{int:proposal_id}/accept", response={200: ProposalOut, 409: Message})
def accept_proposal(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
    """Accept: each organisation becomes a partner of the other's activity. 409 when the proposal
    is no longer in `seen`."""
    user = _user(request)
    proposal = proposals.proposal_get(user=user, pk=proposal_id)
    services.proposal_accept(
        user=user, proposal=proposal, reply=payload.reply, seen=payload.seen, site_url=_site(request)
    )
    return proposals.proposal_detail(user=user, pk=proposal_id)


@router.post("/coordination/proposals/{int:proposal_id}/decline", response={200: ProposalOut, 409: Message})
def decline_proposal(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
    """Decline. 409 when the proposal is no longer in `seen`."""
    user = _user(request)
    proposal = proposals.proposal_get(user=user, pk=proposal_id)
    services.proposal_decline(
        user=user, proposal=proposal, reply=payload.reply, seen=payload.seen, site_url=_site(request)
    )
    return proposals.proposal_detail(user=user, pk=proposal_id)
