"""Models of reach: coordination between partners. Seed 002 points 2 and 3 ("check whether there
are any partner organisations you might carry out your activity with", "check that your activity
is co-ordinated with any others that are being arranged locally"), seed 000 ("which activities
can be 'piggybacked' onto?") and seed 004 ("duplication and inefficiency")."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from engagement.models import Activity
from organisations.models import Organisation, User
from places.models import Area

__all__ = ["AreaNeighbour", "JointProposal", "MatchKind", "ProposalState"]


class AreaNeighbour(models.Model):
    """Two wards whose boundaries share an edge, stored both ways round. Worked out from
    places.AreaBoundary by reach/coordination_neighbours.py, once and again whenever a boundary
    changes, so that matching activities never decodes a boundary."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "neighbour"], name="area_neighbour_unique"),
            models.CheckConstraint(condition=~Q(area=F("neighbour")), name="area_neighbour_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} borders {self.neighbour_id}"


class MatchKind(models.TextChoices):
    DUPLICATE = "duplicate", "Possible duplicate"
    PIGGYBACK = "piggyback", "Chance to piggyback"


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class JointProposalQuerySet(models.QuerySet["JointProposal"]):
    def visible_to(self, user: "User | AnonymousUser") -> "JointProposalQuerySet":
        """A proposal is seen by the two organisations it is between (and superusers)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        org = user.organisation_id
        if org is None:
            return self.none()
        return self.filter(Q(proposing_organisation_id=org) | Q(receiving_organisation_id=org))

    def waiting_for(self, user: "User | AnonymousUser") -> "JointProposalQuerySet":
        """Proposals the user's organisation has still to answer."""
        if not isinstance(user, User) or not user.is_active or user.organisation_id is None:
            return self.none()
        return self.filter(receiving_organisation_id=user.organisation_id, state=ProposalState.PROPOSED)


class JointProposal(models.Model):
    """One organisation proposes to another that two activities become one joint activity (or
    that one carries the other's questions). Accepted, each organisation becomes a partner of the
    other's activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="joint_proposals_made")
    other_activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="joint_proposals_received"
    )
    proposing_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    receiving_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(max_length=2000)
    kind = models.CharField(max_length=20, choices=MatchKind.choices, blank=True)
    reason = models.CharField(
        max_length=500, blank=True, help_text=gettext_lazy("Why the pair was found, when proposed.")
    )
    state = models.CharField(max_length=20, choices=ProposalState.choices, default=ProposalState.PROPOSED)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(max_length=2000, blank=True)

    objects = JointProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "other_activity"],
                condition=Q(state="proposed"),
                name="joint_proposal_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(activity=F("other_activity")), name="joint_proposal_two_activities"
            ),
        ]
        indexes = [models.Index(fields=["receiving_organisation", "state"])]

    def __str__(self) -> str:
        return f"Joint working: {self.activity_id} and {self.other_activity_id}"

    def clean(self) -> None:
        if self.activity_id and self.activity_id == self.other_activity_id:
            raise ValidationError(gettext("Choose two different activities."))
        if (
            self.proposing_organisation_id
            and self.proposing_organisation_id == self.receiving_organisation_id
        ):
            raise ValidationError(gettext("Both activities are led by the same organisation."))
