"""Analysis runs over written answers: themes, coded answers and community-intelligence flags."""

from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consultations.models import Answer, Question, Questionnaire
from organisations.models import Organisation
from places.models import Area


class RunState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


ALLOWED_RUN_MOVES: dict[str, frozenset[str]] = {
    RunState.QUEUED: frozenset({RunState.RUNNING, RunState.FAILED}),
    RunState.RUNNING: frozenset({RunState.DONE, RunState.FAILED}),
    RunState.DONE: frozenset(),
    RunState.FAILED: frozenset(),
}


class AnalysisRunQuerySet(models.QuerySet["AnalysisRun"]):
    def visible_to(self, user: Any) -> Self:
        """Runs over a questionnaire the user may see, and the user's organisation's runs across
        activities (they cover its own activities only)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        questionnaires = Questionnaire.private_objects.visible_to(user).values("pk")
        return self.filter(
            Q(questionnaire__in=questionnaires)
            | Q(questionnaire__isnull=True, organisation_id=user.organisation_id or 0)
        )


class RunScopedQuerySet(models.QuerySet[Any]):
    """Rows of an analysis run are seen by whoever may see the run."""

    run_path: ClassVar[str] = "run"

    def visible_to(self, user: Any) -> Self:
        return self.filter(**{f"{self.run_path}__in": AnalysisRun.objects.visible_to(user).values("pk")})


class AnalysisRun(models.Model):
    """One analysis of the written answers to a question. Owned by the organisation leading the
    question's activity."""

    questionnaire = models.ForeignKey(
        Questionnaire, null=True, blank=True, on_delete=models.CASCADE, related_name="analysis_runs"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="analysis_runs"
    )
    filters = models.JSONField(
        default=dict,
        blank=True,
        help_text="For an analysis across activities (no question): area, audience and method "
        "slugs or codes, and the period (from, to) of the responses.",
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    error = models.TextField(blank=True)
    answer_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AnalysisRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Analysis {self.pk} of “{self.subject}”"

    @property
    def subject(self) -> str:
        if self.question_id:
            return str(self.question)
        return "Written answers across activities"

    @property
    def is_active(self) -> bool:
        return self.state in (RunState.QUEUED, RunState.RUNNING)

    def move_to(self, state: RunState) -> None:
        if state not in ALLOWED_RUN_MOVES[self.state]:
            raise ValidationError(f"An analysis cannot go from {self.state} to {state}.")
        self.state = state
        if state in (RunState.DONE, RunState.FAILED):
            self.finished_at = timezone.now()


class Theme(models.Model):
    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(max_length=200)
    key_terms = models.JSONField(default=list, blank=True)
    quotes = models.JSONField(default=list, blank=True)
    size = models.PositiveIntegerField(default=0)
    reviewed = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    objects = RunScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class CodedAnswer(models.Model):
    """One written answer in a run: its theme, or the bucket of empty answers. Removed with the
    answer, so a withdrawn response leaves no trace."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="coded_answers")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="coded")
    confidence = models.FloatField(default=1.0)
    is_empty_bucket = models.BooleanField(default=False)

    objects = RunScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["run", "answer"], name="coded_answer_once_per_run")]

    def __str__(self) -> str:
        return f"Answer {self.answer_id} in {self.theme or 'no theme'}"


class FlagState(models.TextChoices):
    NEW = "new", "New"
    PASSED = "passed", "Passed to the local intelligence unit"
    DISMISSED = "dismissed", "Dismissed"


class IntelligenceFlagQuerySet(models.QuerySet["IntelligenceFlag"]):
    def visible_to(self, user: Any) -> "IntelligenceFlagQuerySet":
        """Only intelligence officers of the owning organisation (and superusers) see flags."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if not user.organisation_id or not user.has_role("intelligence_officer"):
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class IntelligenceFlag(models.Model):
    """An answer that may hold community intelligence. One per answer, kept across runs."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=FlagState.choices, default=FlagState.NEW)
    reference = models.CharField(max_length=100, blank=True, help_text="The intelligence unit's reference.")
    reason = models.TextField(blank=True, help_text="Why it was dismissed.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = IntelligenceFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Intelligence flag {self.pk}"


QUARTER_PATTERN = r"^\d{4}-Q[1-4]$"


def quarter_of(day: Any) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class PrioritySource(models.TextChoices):
    THEME = "theme", "From an analysis theme"
    RANKING = "ranking", "From a ranking question"
    PACT = "pact", "Set at a PACT meeting"


class PriorityQuerySet(models.QuerySet["Priority"]):
    def public(self) -> "PriorityQuerySet":
        """The priorities the public neighbourhood page may show."""
        return self.filter(is_public=True)

    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(organisation_id=user.organisation_id) if user.organisation_id else self.none()


class PublicPriorityManager(models.Manager.from_queryset(PriorityQuerySet)):  # type: ignore[misc]
    """`Priority.public_objects`: only what the public neighbourhood pages may show."""

    def get_queryset(self) -> PriorityQuerySet:
        return PriorityQuerySet(self.model, using=self._db).public()


class Priority(models.Model):
    """A neighbourhood's priority for a quarter, ranked (1 = most important)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(
        max_length=7,
        validators=[RegexValidator(QUARTER_PATTERN, "Enter a quarter like 2026-Q3.")],
        help_text="Like 2026-Q3.",
    )
    label = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=PrioritySource.choices, default=PrioritySource.PACT)
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(99)])
    is_public = models.BooleanField(default=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The ranking question it was drawn from.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # No `objects` (see engagement's Activity): `private_objects.visible_to(user)` for staff,
    # `public_objects` for the public pages.
    private_objects = PriorityQuerySet.as_manager()
    public_objects = PublicPriorityManager()

    class Meta:
        ordering = ["area__name", "-quarter", "rank", "id"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return f"{self.label} ({self.area}, {self.quarter})"
