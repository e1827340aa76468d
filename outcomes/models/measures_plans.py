"""Models of outcomes, measures and plans (re-exported by models/measures.py):

- the strategy action plan of seed 004's table ("Action and Lead Agencies, Progress, Risks, Next
  Steps and timescales"), each row with a RAG status set with a reason, and every update kept;
- the annual engagement plan of seed 001 ("agree an annual plan for community engagement
  initiatives"): the activities planned for a year, agreed by the partnership, with the changes
  made after it was agreed.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from engagement.models import Activity
from organisations.models import Organisation, Partnership

from ..measures_periods import FIRST_YEAR, LAST_YEAR, plan_year_label
from ..measures_scope import SharedQuerySet


class StrategyRag(models.TextChoices):
    RED = "red", gettext_lazy("Red")
    AMBER = "amber", gettext_lazy("Amber")
    GREEN = "green", gettext_lazy("Green")


class StrategyAction(models.Model):
    """A row of a partnership's strategy action plan."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="strategy_actions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=500)
    lead_agencies = models.ManyToManyField(Organisation, blank=True, related_name="strategy_actions_led")
    other_leads = models.CharField(
        "Other lead agencies",
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Agencies that are not in Heard."),
    )
    progress = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    timescale = models.CharField(
        max_length=200, blank=True, help_text=gettext_lazy("Like “November 2026 onwards”.")
    )
    due = models.DateField(null=True, blank=True)
    rag = models.CharField(
        "RAG status", max_length=10, choices=StrategyRag.choices, default=StrategyRag.AMBER
    )
    rag_reason = models.TextField("Why it has this status")
    rag_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rag_set_at = models.DateTimeField(default=timezone.now)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "position", "id"]

    def __str__(self) -> str:
        return self.action


class StrategyActionUpdateQuerySet(SharedQuerySet):
    owner_prefix = "action__"


class StrategyActionUpdate(models.Model):
    """One update of a row, kept as it was written: who, when, the RAG status before and after
    with the reason, and the row's words after the update."""

    action = models.ForeignKey(StrategyAction, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True, help_text=gettext_lazy("Kept when the user goes."))
    rag_before = models.CharField(max_length=10, choices=StrategyRag.choices, blank=True)
    rag = models.CharField(max_length=10, choices=StrategyRag.choices)
    reason = models.TextField(blank=True, help_text=gettext_lazy("Why the status was set, when it was."))
    progress = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    timescale = models.CharField(max_length=200, blank=True)
    changed = models.JSONField(default=list, blank=True, help_text=gettext_lazy("What changed, in words."))

    objects = StrategyActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Update of {self.action_id} at {self.at:%Y-%m-%d %H:%M}"


class PlanState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    AGREED = "agreed", gettext_lazy("Agreed")


class AnnualPlan(models.Model):
    """A partnership's engagement plan for a year running from April to March."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="annual_plans")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=gettext_lazy("The calendar year the plan's year starts in (April)."),
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    introduction = models.TextField(
        blank=True, help_text=gettext_lazy("What the plan is for and how it was drawn up.")
    )
    state = models.CharField(max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_by_name = models.CharField(max_length=200, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_where = models.CharField(
        "Where it was agreed",
        max_length=200,
        blank=True,
        help_text=gettext_lazy("Like “Partnership board, 12 March 2026”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "partnership__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="annual_plan_once_per_partnership_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership.name}: engagement plan {plan_year_label(self.year)}"

    @property
    def year_label(self) -> str:
        return plan_year_label(self.year)


class AnnualPlanItemQuerySet(SharedQuerySet):
    """Items of the plans the user may see; which activities they may see is narrowed again
    by the activity's own visibility where they are shown."""

    owner_prefix = "plan__"


class AnnualPlanItem(models.Model):
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="items")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=300, blank=True, help_text=gettext_lazy("Why it is in the plan."))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    objects = AnnualPlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "activity"], name="annual_plan_item_once")]

    def __str__(self) -> str:
        return f"Activity {self.activity_id} in plan {self.plan_id}"


class PlanChangeKind(models.TextChoices):
    ADDED = "added", gettext_lazy("Activity added")
    REMOVED = "removed", gettext_lazy("Activity removed")
    INTRODUCTION = "introduction", gettext_lazy("Introduction changed")


class AnnualPlanChangeQuerySet(SharedQuerySet):
    owner_prefix = "plan__"


class AnnualPlanChange(models.Model):
    """A change made to a plan after it was agreed, with who made it, when and why. The
    activity is named only to those who may see it, so it is kept as a link, not as words."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=PlanChangeKind.choices)
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True)

    objects = AnnualPlanChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in plan {self.plan_id}"
