"""Models of outcomes: reports. A `Report` is a document made for publication — the annual
outcome report of a year (seed 001: "an annual outcome report") or a statutory evidence pack of
a period (Police Act 1996 s.96, Police Reform and Social Responsibility Act 2011 s.14 and s.34) —
for an area, made in a background task whose progress the page polls.

It keeps the figures it was made from (`data`, already through the publication rules: small
numbers suppressed at the outsiders' threshold, residents' words redacted) and the finished PDF,
so that it reads the same every time it is opened. It belongs to the organisation of the person
who asked for it: it holds what they could see, so only their organisation's staff open it.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from organisations.models import Organisation, User
from places.models import Area
from reach.models import TargetProfile

__all__ = ["Report", "ReportKind", "ReportState"]

FIRST_YEAR, LAST_YEAR = 2000, 2100


class ReportKind(models.TextChoices):
    ANNUAL = "annual", gettext_lazy("Annual outcome report")
    EVIDENCE = "evidence", gettext_lazy("Statutory evidence pack")


class ReportState(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Waiting to start")
    RUNNING = "running", gettext_lazy("Being made")
    DONE = "done", gettext_lazy("Ready")
    FAILED = "failed", gettext_lazy("Stopped with a problem")


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: "User | AnonymousUser") -> "ReportQuerySet":
        """The reports of the user's organisation (a superuser: every report)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(organisation_id=user.organisation_id) if user.organisation_id else self.none()


class Report(models.Model):
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=gettext_lazy("The year of an annual report."),
    )
    start = models.DateField(help_text=gettext_lazy("The first day of the period it covers."))
    end = models.DateField(help_text=gettext_lazy("The last day of the period it covers."))
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy("With the areas inside it; empty for every area."),
    )
    target = models.ForeignKey(
        TargetProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("The population victims of crime are compared with (an evidence pack)."),
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    error = models.TextField(blank=True)
    as_at = models.DateField(null=True, blank=True, help_text=gettext_lazy("The day its figures stand at."))
    data = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("The figures, to show it again.")
    )
    pdf = models.BinaryField(blank=True, default=b"", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=gettext_lazy("Last sign of life from the worker making it.")
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": gettext("The end of the period must be on or after its start.")})
        if self.kind == ReportKind.ANNUAL and self.year is None:
            raise ValidationError({"year": gettext("Choose the year of the report.")})

    @property
    def is_active(self) -> bool:
        return self.state in (ReportState.QUEUED, ReportState.RUNNING)

    @property
    def place(self) -> str:
        return self.area.name if self.area_id and self.area else "every area"

    @property
    def period(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def title(self) -> str:
        if self.kind == ReportKind.ANNUAL:
            return f"Annual outcome report {self.year} for {self.place}"
        return f"Evidence pack for {self.place}, {self.period}"
