"""Models of outcomes: measures and plans.

- Results-Based Accountability performance measures (Mark Friedman): each in its quadrant (how
  much did we do, how well did we do it, is anyone better off), with a baseline, a target,
  values per period and the "story behind the curve" (seed 004: "an outcomes based model of
  accountability"). A partnership's measures make its report card.
- The evidence register: the data sources seed 001 lists (user-satisfaction surveys, opinion
  surveys, place surveys, complaints, stop and search, focus groups), each a time series per area.
- The strategy action plan and the annual engagement plan: models/measures_plans.py.

Every record is owned by an organisation and may belong to a partnership: the organisation's own
staff see it, and so do the staff of the partnership's member organisations (`visible_to`).
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from organisations.models import Organisation, Partnership
from places.models import Area

from ..measures_periods import Frequency, is_period_start, label, what_starts
from ..measures_scope import SharedQuerySet
from .measures_plans import (
    AnnualPlan,
    AnnualPlanChange,
    AnnualPlanItem,
    PlanChangeKind,
    PlanState,
    StrategyAction,
    StrategyActionUpdate,
    StrategyRag,
)

__all__: list[str] = [
    "AnnualPlan",
    "AnnualPlanChange",
    "AnnualPlanItem",
    "Direction",
    "EvidenceKind",
    "EvidenceSource",
    "EvidenceValue",
    "Measure",
    "MeasureValue",
    "PlanChangeKind",
    "PlanState",
    "Quadrant",
    "StrategyAction",
    "StrategyActionUpdate",
    "StrategyRag",
]

LARGEST = Decimal("999999999999.99")  # what a value column holds (14 digits, 2 after the point)


class Quadrant(models.TextChoices):
    """Friedman's performance measures: the quantity and quality of effort and of effect."""

    HOW_MUCH = "how_much", gettext_lazy("How much did we do?")
    HOW_WELL = "how_well", gettext_lazy("How well did we do it?")
    BETTER_OFF = "better_off", gettext_lazy("Is anyone better off?")


class Direction(models.TextChoices):
    HIGHER = "higher", gettext_lazy("Higher is better")
    LOWER = "lower", gettext_lazy("Lower is better")


def _value_field(**kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(-LARGEST), MaxValueValidator(LARGEST)],
        **kwargs,
    )


class Measure(models.Model):
    """A performance measure of an organisation, optionally a partnership's and an area's."""

    name = models.CharField(max_length=200)
    quadrant = models.CharField(max_length=20, choices=Quadrant.choices)
    description = models.TextField(
        blank=True, help_text=gettext_lazy("What it counts and where the figures come from.")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="measures")
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(
        max_length=40, blank=True, help_text=gettext_lazy("Like %, people or complaints.")
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTER)
    baseline = _value_field(null=True, blank=True)
    baseline_period = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("The first day of its period.")
    )
    target = _value_field(null=True, blank=True)
    target_period = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("The first day of its period.")
    )
    story = models.TextField("The story behind the curve", blank=True)
    partners = models.ManyToManyField(Organisation, blank=True, related_name="measures_partnered")
    other_partners = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("Partners not in Heard.")
    )
    what_works = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for name in ("baseline_period", "target_period"):
            day = getattr(self, name)
            if (
                day is not None
                and self.frequency in Frequency.values
                and not is_period_start(day, self.frequency)
            ):
                errors[name] = f"Choose the first day of a period: {what_starts(self.frequency)}."
        if self.baseline_period and self.baseline is None:
            errors["baseline"] = "Give the baseline's value, or leave its period empty."
        if self.target_period and self.target is None:
            errors["target"] = "Give the target's value, or leave its period empty."
        if errors:
            raise ValidationError(errors)


class MeasureValueQuerySet(SharedQuerySet):
    owner_prefix = "measure__"


class MeasureValue(models.Model):
    """A measure's value for one period, stored by the period's first day."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    value = _value_field()
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    objects = MeasureValueQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period_start"], name="measure_value_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} ({self.period_start})"

    def clean(self) -> None:
        if (
            self.measure_id
            and self.period_start
            and not is_period_start(self.period_start, self.measure.frequency)
        ):
            raise ValidationError(
                {
                    "period_start": gettext("Choose the first day of a period: %(dates)s.")
                    % {"dates": what_starts(self.measure.frequency)}
                }
            )

    @property
    def period_label(self) -> str:
        return label(self.period_start, self.measure.frequency)


class EvidenceKind(models.TextChoices):
    """The data sources of seed 001's table, and others."""

    USER_SATISFACTION = "user_satisfaction", gettext_lazy("User-satisfaction survey")
    OPINION = "opinion", gettext_lazy("Opinion survey")
    PLACE = "place", gettext_lazy("Place survey")
    COMPLAINTS = "complaints", gettext_lazy("Complaints")
    STOP_AND_SEARCH = "stop_and_search", gettext_lazy("Stop and search")
    FOCUS_GROUPS = "focus_groups", gettext_lazy("Focus groups")
    OTHER = "other", gettext_lazy("Other")


class EvidenceSource(models.Model):
    """A data source of the evidence register: a time series of figures per area."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    description = models.TextField(
        blank=True, help_text=gettext_lazy("What the figures are and who collects them.")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="evidence_sources")
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence_sources"
    )
    unit = models.CharField(
        max_length=40, blank=True, help_text=gettext_lazy("Like %, people or complaints.")
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return self.name


class EvidenceValueQuerySet(SharedQuerySet):
    owner_prefix = "source__"


class EvidenceValue(models.Model):
    """One figure of a data source: for an area and a period, with how many people it rests on."""

    source = models.ForeignKey(EvidenceSource, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    value = _value_field()
    respondents = models.PositiveIntegerField(
        null=True, blank=True, help_text=gettext_lazy("How many people or cases the figure rests on.")
    )

    objects = EvidenceValueQuerySet.as_manager()

    class Meta:
        ordering = ["source", "area__name", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "area", "period_start"], name="evidence_value_once_per_area_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.value} ({self.area_id}, {self.period_start})"
