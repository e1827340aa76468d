"""Models of the personal updates sent when feedback is published: the progress of one
publication's sending, and a record per response of what was sent, without the address."""

from django.db import models
from django.utils import timezone

from consultations.models import Response

from .loop_choices import DeliveryState, DispatchState, UpdateKind


class UpdateDispatch(models.Model):
    """The sending of the personal updates of one publication: its progress, for the feedback
    page to show. Counts only: who was written to is not recorded here."""

    feedback = models.OneToOneField("outcomes.Feedback", on_delete=models.CASCADE, related_name="dispatch")
    state = models.CharField(max_length=10, choices=DispatchState.choices, default=DispatchState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    addresses = models.PositiveIntegerField(default=0)
    personal = models.PositiveIntegerField(default=0)
    general = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self) -> str:
        return f"Updates for feedback {self.feedback_id}"

    @property
    def is_active(self) -> bool:
        return self.state in (DispatchState.QUEUED, DispatchState.SENDING)


class PersonalUpdate(models.Model):
    """A record that a response's update for a publication was sent (or is being), so that a
    task run twice writes to nobody twice. It holds no address: it goes with its response when
    the response is withdrawn."""

    feedback = models.ForeignKey(
        "outcomes.Feedback", on_delete=models.CASCADE, related_name="personal_updates"
    )
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=UpdateKind.choices)
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.CLAIMED)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "response"], name="personal_update_once"),
        ]

    def __str__(self) -> str:
        return f"Update {self.pk} for feedback {self.feedback_id}"
