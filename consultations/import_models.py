"""A response import running in the background: the file as read (kept only until the import
ends), the columns chosen, its progress and what came of it. Imported by models.py so Django
knows it (so it names the questionnaire's model without importing it); seen by whoever may see
the questionnaire it imports into."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from organisations.models import User


class ImportState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Checking and importing"
    DONE = "done", "Imported"
    REJECTED = "rejected", "Not imported: some rows have problems"
    FAILED = "failed", "Failed"


ACTIVE = (ImportState.QUEUED, ImportState.RUNNING)


class ResponseImportQuerySet(models.QuerySet["ResponseImport"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        questionnaires = self.model._meta.get_field("questionnaire").related_model.private_objects  # type: ignore[union-attr]
        return self.filter(questionnaire__in=questionnaires.visible_to(user).values("pk"))


class ResponseImport(models.Model):
    questionnaire = models.ForeignKey(
        "consultations.Questionnaire", on_delete=models.CASCADE, related_name="response_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=ImportState.choices, default=ImportState.QUEUED)
    channel = models.CharField(max_length=10)
    language = models.CharField(
        max_length=12,
        default="en",
        help_text=gettext_lazy("The responses' language, unless a column gives it."),
    )
    file_name = models.CharField(max_length=250)
    row_count = models.PositiveIntegerField(default=0)
    table = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("The file as read; emptied when the import ends.")
    )
    mapping = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    imported = models.PositiveIntegerField(default=0)
    blank_lines = models.PositiveIntegerField(default=0)
    hidden_answers = models.PositiveIntegerField(default=0)
    line_word = models.CharField(max_length=10, default="Line")
    row_errors = models.JSONField(
        default=list, blank=True, help_text=gettext_lazy("[{line, problems}] when rejected.")
    )
    error = models.TextField(blank=True)

    objects = ResponseImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE
