"""A reference-data import started from the web (Census tables, boundaries, postcodes), run in
the background: the file uploaded (kept in the default storage only until the import ends), its
progress, and what came of it. Imported by models.py so that Django knows it.

Reference data is shared by every organisation using Heard, so only the people who run Heard
(superusers) start imports or see them: `visible_to` and places/rules.py say so in one place."""

from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class ReferenceKind(models.TextChoices):
    CENSUS = "census", "Census 2021 table (tidy-long CSV)"
    BOUNDARIES = "boundaries", "Area boundaries (GeoJSON)"
    POSTCODES = "postcodes", "Postcode lookup (CSV)"


class ReferenceImportState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Not imported"


ACTIVE = (ReferenceImportState.QUEUED, ReferenceImportState.RUNNING)


def manages_reference_data(user: Any) -> bool:
    """Whether `user` may import reference data and see the imports: superusers only."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


class ReferenceImportQuerySet(models.QuerySet["ReferenceImport"]):
    def visible_to(self, user: "Any | AnonymousUser") -> Self:
        return self if manages_reference_data(user) else self.none()


def _upload_to(instance: "ReferenceImport", filename: str) -> str:
    return f"reference-imports/{timezone.now():%Y/%m}/{filename}"


class ReferenceImport(models.Model):
    kind = models.CharField(max_length=12, choices=ReferenceKind.choices)
    level = models.CharField(
        max_length=20,
        blank=True,
        help_text=gettext_lazy("Boundaries only: the level of areas the file creates."),
    )
    file = models.FileField(
        upload_to=_upload_to, blank=True, help_text=gettext_lazy("Deleted when the import ends.")
    )
    file_name = models.CharField(max_length=250)
    file_size = models.PositiveBigIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(
        max_length=10, choices=ReferenceImportState.choices, default=ReferenceImportState.QUEUED
    )
    task_id = models.CharField(max_length=64, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    areas_created = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True, help_text=gettext_lazy("What the import did, in a sentence."))
    error = models.TextField(
        blank=True, help_text=gettext_lazy("Why nothing was imported, for the person to act on.")
    )

    objects = ReferenceImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="places_refimport_state")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE
