"""Models of reach: the partnership snapshot audit (seed 000: "it is worth finding out yourself by
doing a snapshot audit"). Partners' activity lists are imported into the register in batches; a
batch records who imported which file, when, for which partnership, and the activities it made,
so that a whole batch can be undone while nobody has touched its activities."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from engagement.models import Activity
from organisations.models import Organisation, Partnership, User

__all__ = ["AuditImport", "ImportState"]


class ImportState(models.TextChoices):
    IMPORTED = "imported", "Imported"
    UNDONE = "undone", "Undone"


class AuditImportQuerySet(models.QuerySet["AuditImport"]):
    def visible_to(self, user: "User | AnonymousUser") -> "AuditImportQuerySet":
        """A batch is seen by the staff of the organisation that imported it and of the members
        of its partnership (its activities, listed, keep their own visibility)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        org = user.organisation_id
        if org is None:
            return self.none()
        member = Partnership.members.through.objects.filter(
            partnership_id=OuterRef("partnership_id"), organisation_id=org
        )
        return self.filter(Q(organisation_id=org) | Exists(member))


class AuditImport(models.Model):
    """One file of partners' activities imported for a partnership's snapshot audit."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="audit_imports")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy(
            "The importing user's organisation (none for a superuser of no organisation)."
        ),
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_by_name = models.CharField(max_length=200, blank=True)
    file_name = models.CharField(max_length=200)
    rows = models.PositiveIntegerField(default=0, help_text=gettext_lazy("Rows of activities in the file."))
    skipped = models.PositiveIntegerField(
        default=0, help_text=gettext_lazy("Rows already in the register, left out.")
    )
    created = models.PositiveIntegerField(default=0, help_text=gettext_lazy("Activities the import added."))
    activities = models.ManyToManyField(Activity, blank=True, related_name="audit_imports")
    state = models.CharField(max_length=20, choices=ImportState.choices, default=ImportState.IMPORTED)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    objects = AuditImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} for {self.partnership}"
