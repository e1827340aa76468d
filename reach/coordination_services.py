"""Writes of coordination: proposing a joint activity, and accepting or declining a proposal.
Each checks this part's rules (rules_coordination.py), is validated, runs in one transaction, is
audited, and e-mails the other side once it has committed (tasks_coordination.py)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from engagement.models import Activity, Status
from engagement.services import activity_update
from governance.models import AuditAction, Marking
from governance.services import audit_record
from organisations.models import Organisation, User

from .coordination_lifecycle import PROPOSAL
from .coordination_selectors import pair_match
from .models import JointProposal, ProposalState

MAX_TEXT = 2000


def _text(value: str, field: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(
            {
                field: gettext("Keep it to %(most)s characters (it has %(count)s).")
                % {"most": MAX_TEXT, "count": len(value)}
            }
        )
    return value


def _notify(proposal: JointProposal, event: str, site_url: str) -> None:
    from .tasks_coordination import send_proposal_notice

    proposal_id = proposal.pk
    transaction.on_commit(lambda: send_proposal_notice.enqueue(proposal_id, event, site_url))


def _check_pair(user: User, activity: Activity, other: Activity) -> None:
    if not Activity.private_objects.visible_to(user).filter(pk=other.pk).exists():
        raise PermissionDenied(gettext("You cannot see the other activity."))
    if other.lead_organisation_id == activity.lead_organisation_id:
        raise ValidationError(
            gettext("Both activities are led by the same organisation: choose a partner's activity.")
        )
    sensitive = {
        "your": gettext(
            "Your activity is OFFICIAL-SENSITIVE, so it cannot be shared with another organisation."
        ),
        "other": gettext(
            "The other activity is OFFICIAL-SENSITIVE, so it cannot be shared with another organisation."
        ),
    }
    cancelled = {
        "your": gettext("Your activity is cancelled."),
        "other": gettext("The other activity is cancelled."),
    }
    for which, item in (("your", activity), ("other", other)):
        if item.marking != Marking.OFFICIAL:
            raise ValidationError(sensitive[which])
        if item.status == Status.CANCELLED:
            raise ValidationError(cancelled[which])
    already = JointProposal.objects.filter(state=ProposalState.PROPOSED).filter(
        activity__in=[activity, other], other_activity__in=[activity, other]
    )
    if already.exists():
        raise ValidationError(
            gettext("A proposal about these two activities is already waiting for an answer.")
        )


@transaction.atomic
def proposal_create(
    *, user: User, activity: Activity, other_activity: Activity, message: str, site_url: str = ""
) -> JointProposal:
    """Propose to the organisation leading `other_activity` that it and the user's `activity`
    become one joint activity. The other lead is told by e-mail and in Heard."""
    require(user, "reach.propose_joint_activity", activity)
    # Both rows locked, in a fixed order, so that two people proposing at once make one proposal.
    locked = {
        a.pk: a
        for a in Activity.private_objects.select_for_update()
        .filter(pk__in=[activity.pk, other_activity.pk])
        .order_by("pk")
    }
    activity, other = locked[activity.pk], locked[other_activity.pk]
    _check_pair(user, activity, other)
    match = pair_match(activity=activity, other=other)
    proposal = JointProposal(
        activity=activity,
        other_activity=other,
        proposing_organisation_id=activity.lead_organisation_id,
        receiving_organisation_id=other.lead_organisation_id,
        proposed_by=user,
        message=_text(message, "message"),
        kind=match.kind if match else "",
        reason=match.reason[:500] if match else "",
    )
    proposal.full_clean()
    proposal.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=proposal,
        changes={"activity": str(activity), "other_activity": str(other), "kind": proposal.kind},
    )
    _notify(proposal, "proposed", site_url)
    return proposal


def _partner(user: User, activity: Activity, organisation: Organisation) -> None:
    """Make `organisation` a partner of `activity`, through the register's own service."""
    current = list(activity.partners.all())
    if organisation not in current:
        activity_update(user=user, activity=activity, partners=[*current, organisation])


def _join(user: User, proposal: JointProposal) -> None:
    """Each organisation becomes a partner of the other's activity. The accepting user changes
    their own activity; the proposer's activity is changed in the proposer's name, whose
    proposal is their agreement, because nobody may change another organisation's activity."""
    activity = Activity.private_objects.select_related("lead_organisation").get(pk=proposal.activity_id)
    other = Activity.private_objects.select_related("lead_organisation").get(pk=proposal.other_activity_id)
    if Status.CANCELLED in (activity.status, other.status):
        raise ValidationError(
            gettext("One of the two activities has been cancelled, so they cannot be joined.")
        )
    if activity.marking != Marking.OFFICIAL:
        raise ValidationError(
            gettext("The proposing activity is no longer shared, so they cannot be joined.")
        )
    proposer = proposal.proposed_by
    if (
        proposer is None
        or not proposer.is_active
        or not proposer.has_perm("engagement.change_activity", activity)
    ):
        raise ValidationError(
            gettext(
                "The person who proposed this can no longer change their activity: ask %(name)s to "
                "propose again."
            )
            % {"name": activity.lead_organisation.name}
        )
    _partner(user, other, activity.lead_organisation)
    _partner(proposer, activity, other.lead_organisation)


def _answer(
    *, user: User, proposal: JointProposal, to: str, reply: str, seen: str, site_url: str
) -> JointProposal:
    reply = _text(reply, "reply")
    if seen not in ProposalState.values:
        raise ValidationError(
            {"state": gettext("Reload the page: the state it showed is not one Heard knows.")}
        )
    require(user, "reach.answer_proposal", proposal)
    proposal.state = seen

    def decide(locked: JointProposal) -> list[str]:
        if to == ProposalState.ACCEPTED:
            _join(user, locked)
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.reply = reply
        return ["decided_by", "decided_at", "reply"]

    PROPOSAL.advance(proposal, to, user=user, update=decide)
    audit_record(
        actor=user, action=AuditAction.TRANSITION, obj=proposal, changes={"state": [seen, proposal.state]}
    )
    _notify(proposal, str(to), site_url)
    return proposal


@transaction.atomic
def proposal_accept(
    *,
    user: User,
    proposal: JointProposal,
    reply: str = "",
    seen: str = ProposalState.PROPOSED,
    site_url: str = "",
) -> JointProposal:
    """Accept: each organisation becomes a partner of the other's activity. `seen` is the state
    the person last saw; when somebody answered meanwhile, TransitionConflict and nothing
    changes."""
    return _answer(
        user=user, proposal=proposal, to=ProposalState.ACCEPTED, reply=reply, seen=seen, site_url=site_url
    )


@transaction.atomic
def proposal_decline(
    *,
    user: User,
    proposal: JointProposal,
    reply: str = "",
    seen: str = ProposalState.PROPOSED,
    site_url: str = "",
) -> JointProposal:
    return _answer(
        user=user, proposal=proposal, to=ProposalState.DECLINED, reply=reply, seen=seen, site_url=site_url
    )


def proposal_answer(*, user: User, proposal: JointProposal, to: str, **kwargs: Any) -> JointProposal:
    """Accept or decline, by the state named (for the page's one form)."""
    if to == ProposalState.ACCEPTED:
        return proposal_accept(user=user, proposal=proposal, **kwargs)
    if to == ProposalState.DECLINED:
        return proposal_decline(user=user, proposal=proposal, **kwargs)
    raise ValidationError({"state": gettext("Choose to accept or to decline.")})
