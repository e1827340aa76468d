"""The parts of a data-sharing agreement that are many to one: what it shares (its scopes) and
who signed it (seed 004 asks for "agreed principles on sharing data and local intelligence").
Kept beside organisations/models.py, which imports them (and `SharingScope`) from here; this
module imports nothing of it, so the two do not import each other."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class SharingScope(models.TextChoices):
    """What a data-sharing agreement lets the recipient see of the owner's OFFICIAL records."""

    ACTIVITIES = "activities", "Engagement activities"
    RESULTS = "results", "Results in aggregate"
    ANSWERS = "answers", "Written answers, redacted"
    THEMES = "themes", "Themes from analysis"
    REACH = "reach", "Reach"


class AgreementScope(models.Model):
    agreement = models.ForeignKey(
        "organisations.DataSharingAgreement", on_delete=models.CASCADE, related_name="scopes"
    )
    scope = models.CharField(max_length=30, choices=SharingScope.choices)

    class Meta:
        ordering = ["agreement", "scope"]
        constraints = [models.UniqueConstraint(fields=["agreement", "scope"], name="agreement_scope_once")]

    def __str__(self) -> str:
        return self.get_scope_display()


class AgreementSignatory(models.Model):
    agreement = models.ForeignKey(
        "organisations.DataSharingAgreement", on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(max_length=200)
    role = models.CharField("Role or position", max_length=200)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField("Date signed")

    class Meta:
        ordering = ["agreement", "signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.name}, {self.role} ({self.organisation})"

    def clean(self) -> None:
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError({"signed_on": "The date signed cannot be in the future."})
        agreement = self.agreement if self.agreement_id else None
        if agreement is not None and self.organisation_id not in (agreement.owner_id, agreement.recipient_id):
            raise ValidationError({"organisation": "A signatory signs for one of the two organisations."})
