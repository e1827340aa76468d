"""Subject access and erasure requests (UK GDPR articles 12, 15 and 17; seed 004, "Data sharing
and confidentiality"): who asked for what, when it is due (one calendar month after it was
received), where it has got to and who handled it.

The identifier the person gave is kept only while the request is open: an e-mail address as
given (lower case), a receipt code as its hash. Closing the request clears it; the dates, the
counts of what was found and who handled it stay, as the record that the request was met."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class RequestKind(models.TextChoices):
    ACCESS = "access", "Access: a copy of what we hold"
    ERASURE = "erasure", "Erasure: delete what we hold"


class IdentifierKind(models.TextChoices):
    EMAIL = "email", "E-mail address"
    RECEIPT = "receipt", "Receipt code"


class RequestState(models.TextChoices):
    RECEIVED = "received", "Received"
    SEARCHED = "searched", "Searched"
    EXPORTED = "exported", "Copy sent"
    ERASED = "erased", "Erased"
    CLOSED = "closed", "Closed"


class SubjectRequestQuerySet(models.QuerySet["SubjectRequest"]):
    def visible_to(self, user: object) -> "SubjectRequestQuerySet":
        """An organisation's admins (and superusers who belong to it) see its requests."""
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return self.none()
        org_id = getattr(user, "organisation_id", None)
        has_role = getattr(user, "has_role", None)
        is_admin = getattr(user, "is_superuser", False) or (has_role is not None and has_role("admin"))
        if org_id is None or not is_admin:
            return self.none()
        return self.filter(organisation_id=org_id)

    def open(self) -> "SubjectRequestQuerySet":
        return self.exclude(state=RequestState.CLOSED)


class SubjectRequest(models.Model):
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    identifier_kind = models.CharField(max_length=10, choices=IdentifierKind.choices)
    identifier = models.CharField(max_length=254, blank=True, editable=False)
    identifier_hint = models.CharField(
        max_length=60,
        blank=True,
        help_text=gettext_lazy("What staff see of the identifier: an address, or a code's end."),
    )
    organisation_id = models.PositiveBigIntegerField(
        db_index=True, help_text=gettext_lazy("Whose records it covers.")
    )
    received_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=RequestState.choices, default=RequestState.RECEIVED)
    found = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("record type -> how many, at the last search")
    )
    erased = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("record type -> how many were erased")
    )
    note = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    searched_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Request {self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.state != RequestState.CLOSED and self.due_on < timezone.localdate()
