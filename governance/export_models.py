"""An export made in the background: what was asked for (the kind and its parameters, to be
read again through the owning app's selectors), how far it has got, and the file it made.

Seen by the person who asked for it only: the file holds what they could see. The file is kept
for `HEARD_EXPORT_KEEP_DAYS` days, then removed with its job (governance/export_running.py).
The requester's organisation is a plain id, as on the audit log: governance sits below
organisations."""

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class ExportState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Making the file"
    DONE = "done", "Ready to download"
    FAILED = "failed", "Failed"


EXPORT_ACTIVE = (ExportState.QUEUED, ExportState.RUNNING)


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def visible_to(self, user: Any) -> Self:
        """The requester's own jobs, nobody else's (not even a superuser's)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(requested_by_id=user.pk)


class ExportJob(models.Model):
    kind = models.CharField(max_length=60)
    label = models.CharField(max_length=300, help_text=gettext_lazy("What is exported, in words."))
    parameters = models.JSONField(default=dict, blank=True)
    file_format = models.CharField(max_length=4)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    state = models.CharField(max_length=10, choices=ExportState.choices, default=ExportState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    row_count = models.PositiveIntegerField(
        default=0, help_text=gettext_lazy("Rows expected when it was asked for.")
    )
    rows_written = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0)
    audit = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("What a download records in the audit log.")
    )

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in EXPORT_ACTIVE

    @property
    def is_ready(self) -> bool:
        return self.state == ExportState.DONE
