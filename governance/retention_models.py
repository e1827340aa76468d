"""Retention decisions and the runs that carry them out (seed 004, "Data sharing and
confidentiality"; police records management: review, retention, disposal).

A record past its review date is kept (with a reason and a new review date), anonymised or
deleted. Keeping takes effect at once; anonymising and deleting wait, as pending decisions, for
the next run (a background task started when they are made, and `manage.py retention_run` from
cron), which carries them out and writes to the audit log how many records of each type it
removed — never what they were. Records are named by their type's key and id, and the owning
organisation by its id: governance sits below the apps that hold them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class RetentionAction(models.TextChoices):
    KEEP = "keep", "Keep"
    ANONYMISE = "anonymise", "Anonymise"
    DELETE = "delete", "Delete"


class DecisionState(models.TextChoices):
    PENDING = "pending", "Waiting to be carried out"
    CARRIED_OUT = "carried_out", "Carried out"
    FAILED = "failed", "Failed"


class RunState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RetentionRun(models.Model):
    """One carrying-out of the pending decisions: its progress and what it removed, counted."""

    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    counts = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("record type -> action -> count")
    )
    failed = models.PositiveIntegerField(default=0)
    started_by = models.CharField(max_length=200, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]

    def __str__(self) -> str:
        return f"Retention run {self.pk}"


class RetentionDecision(models.Model):
    record_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=10, choices=RetentionAction.choices)
    reason = models.TextField(blank=True)
    review_on = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("For a record kept: review it again by.")
    )
    state = models.CharField(max_length=12, choices=DecisionState.choices, default=DecisionState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    carried_out_at = models.DateTimeField(null=True, blank=True)
    run = models.ForeignKey(RetentionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["record_type", "object_id"]), models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.record_type} {self.object_id}"
