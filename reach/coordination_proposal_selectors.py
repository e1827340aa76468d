"""What the pages, e-mails and API show of joint-working proposals, read once for all of them.

A proposal is seen by the two organisations it is between. The proposing organisation chose to
show the other its activity (its title, dates, places and named contact), so the receiving
organisation sees those even without a data-sharing agreement, as long as the activity stays
OFFICIAL. Messages and replies are staff's words, but may name residents: each passes through
the reader's TextDoor, owned by the organisation that wrote it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse

from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from governance.models import Marking
from organisations.models import User
from organisations.privacy import text_door

from .coordination_lifecycle import PROPOSAL
from .models import JointProposal, MatchKind, ProposalState
from .models.coordination import JointProposalQuerySet

HIDDEN_TITLE = "An activity that is no longer shared with you"


@dataclass(frozen=True)
class Side:
    """One of the two activities, as the reader may see it."""

    id: int | None  # None when it is not shared with the reader
    title: str
    organisation: str
    starts_at: datetime | None
    areas: list[str]
    contact_name: str
    contact_email: str
    url: str  # its staff page, when the reader may open it
    shared: bool


@dataclass(frozen=True)
class ProposalView:
    proposal: JointProposal
    id: int
    state: str
    state_label: str
    kind: str
    kind_label: str
    reason: str
    message: str
    reply: str
    created_at: datetime
    decided_at: datetime | None
    proposing_organisation: str
    receiving_organisation: str
    proposed_by: str  # named to the proposing organisation only
    decided_by: str  # named to the receiving organisation only
    activity: Side  # the proposer's
    other_activity: Side  # the one it was sent about
    incoming: bool  # the reader's organisation is asked
    can_answer: bool


def _proposals() -> JointProposalQuerySet:
    return JointProposal.objects.select_related(
        "activity__lead_organisation",
        "other_activity__lead_organisation",
        "proposing_organisation",
        "receiving_organisation",
        "proposed_by",
        "decided_by",
    ).prefetch_related("activity__areas", "other_activity__areas")


def _side(activity: Activity, *, user: User, openable: set[int]) -> Side:
    own = user.organisation_id is not None and user.organisation_id == activity.lead_organisation_id
    shared = own or activity.pk in openable or activity.marking == Marking.OFFICIAL
    if not shared:
        return Side(None, HIDDEN_TITLE, activity.lead_organisation.name, None, [], "", "", "", False)
    opens = activity.pk in openable
    return Side(
        id=activity.pk,
        title=activity.title,
        organisation=activity.lead_organisation.name,
        starts_at=activity.starts_at,
        areas=[area.name for area in activity.areas.all()],
        contact_name=activity.contact_name,
        contact_email=activity.contact_email,
        url=reverse("engagement:activity_detail", kwargs={"pk": activity.pk}) if opens else "",
        shared=True,
    )


def _view(proposal: JointProposal, *, user: User, openable: set[int]) -> ProposalView:
    org = user.organisation_id
    proposed_by, decided_by = proposal.proposed_by, proposal.decided_by
    return ProposalView(
        proposal=proposal,
        id=proposal.pk,
        state=proposal.state,
        state_label=proposal.get_state_display(),
        kind=proposal.kind,
        kind_label=str(MatchKind(proposal.kind).label) if proposal.kind else "",
        reason=proposal.reason,
        message=text_door(user, proposal.proposing_organisation_id)(proposal.message),
        reply=text_door(user, proposal.receiving_organisation_id)(proposal.reply),
        created_at=proposal.created_at,
        decided_at=proposal.decided_at,
        proposing_organisation=proposal.proposing_organisation.name,
        receiving_organisation=proposal.receiving_organisation.name,
        proposed_by=proposed_by.display_name()
        if proposed_by and org == proposal.proposing_organisation_id
        else "",
        decided_by=decided_by.display_name()
        if decided_by and org == proposal.receiving_organisation_id
        else "",
        activity=_side(proposal.activity, user=user, openable=openable),
        other_activity=_side(proposal.other_activity, user=user, openable=openable),
        incoming=org is not None and org == proposal.receiving_organisation_id,
        can_answer=bool(PROPOSAL.available(user, proposal)),
    )


def _openable(user: User, proposals: list[JointProposal]) -> set[int]:
    ids = {pk for p in proposals for pk in (p.activity_id, p.other_activity_id)}
    return set(Activity.private_objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def proposal_get(*, user: User, pk: Any) -> JointProposal:
    """The proposal if `user`'s organisation is one of its two; Http404 otherwise."""
    require(user, "reach.view_coordination")
    return get_visible_or_404(_proposals(), user, pk)


def proposal_detail(*, user: User, pk: Any) -> ProposalView:
    proposal = proposal_get(user=user, pk=pk)
    return _view(proposal, user=user, openable=_openable(user, [proposal]))


def proposal_list(*, user: User) -> list[ProposalView]:
    """Every proposal to or from the user's organisation: those waiting for its answer first."""
    require(user, "reach.view_coordination")
    proposals = list(_proposals().visible_to(user))
    openable = _openable(user, proposals)
    views = [_view(p, user=user, openable=openable) for p in proposals]
    return sorted(views, key=lambda v: not (v.incoming and v.state == ProposalState.PROPOSED))


def proposals_waiting_count(user: Any) -> int:
    """How many proposals wait for the answer of `user`'s organisation (the staff menu's count)."""
    return JointProposal.objects.waiting_for(user).count()
