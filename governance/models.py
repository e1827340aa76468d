"""Protective marking and the append-only audit log."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Marking(models.TextChoices):
    """Government Security Classifications as used on engagement records."""

    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    TRANSITION = "transition", "Changed status"
    EXPORT = "export", "Exported"
    IMPORT = "import", "Imported"
    WITHDRAW = "withdraw", "Withdrawn by the respondent"
    # Reading personal data that is kept on a need-to-know basis (a community contact who is
    # an individual): who looked, and when.
    VIEW = "view", "Viewed"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only.")

    def for_object(self, obj: models.Model) -> "AuditEventQuerySet":
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def visible_to(self, user: Any) -> "AuditEventQuerySet":
        """The trail a person may read: a superuser all of it; an organisation's admins what
        their own staff did and what anyone did to their organisation's records; nobody else
        any. Rows written before organisations were recorded on them (none on a database
        migrated by 0006, which fills them in) carry no organisation: superusers only."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self.all()
        organisation_id = getattr(user, "organisation_id", None)
        if not organisation_id or not user.has_role("admin"):
            return self.none()
        return self.filter(
            models.Q(actor_organisation_id=organisation_id) | models.Q(owner_organisation_id=organisation_id)
        )


class AuditEvent(models.Model):
    """One thing somebody did. Rows are never updated or deleted (on PostgreSQL a trigger
    enforces it too), and the actor is kept as a label so the row outlives the user."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # Whose trail the entry belongs to: the organisation the actor belonged to, and the one
    # owning the record. Plain ids, not foreign keys: the log outlives organisations, and
    # governance's migrations stay below organisations' (see governance/owners.py).
    actor_organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    owner_organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only.")


# Retention decisions, subject requests and background exports live in modules of their own
# (imported here so that Django finds their models).
from .export_models import ExportJob  # noqa: E402
from .retention_models import RetentionDecision, RetentionRun  # noqa: E402
from .subject_models import SubjectRequest  # noqa: E402
from .translation_models import TranslationSource  # noqa: E402

__all__ = [
    "AuditAction",
    "AuditEvent",
    "ExportJob",
    "Marking",
    "RetentionDecision",
    "RetentionRun",
    "SubjectRequest",
    "TranslationSource",
]
