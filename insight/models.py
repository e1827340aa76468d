"""Analysis runs over written answers: themes, coded answers and community-intelligence flags."""

from typing import Any, ClassVar, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultations.models import Answer, Question, Questionnaire
from core import quarters
from engagement.models import Activity
from governance.marking import MarkedModel, official_only
from organisations.models import DataSharingAgreement, Organisation, Role, SharingScope, User
from places.models import Area


class RunState(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    RUNNING = "running", gettext_lazy("Running")
    DONE = "done", gettext_lazy("Done")
    FAILED = "failed", gettext_lazy("Failed")


class AnalysisRunQuerySet(models.QuerySet["AnalysisRun"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """The user's organisation's runs; and OFFICIAL runs over another organisation's
        questionnaire the user may see, when their organisation is a partner in its activity or
        an agreement shares themes with it (engagement/sharing.py). Runs across activities cover
        their organisation's own activities only."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        org = user.organisation_id or 0
        questionnaires = Questionnaire.private_objects.visible_to(user).values("pk")
        partner = Exists(
            Activity.partners.through.objects.filter(
                activity_id=OuterRef("questionnaire__activity_id"), organisation_id=org
            )
        )
        sharing = DataSharingAgreement.objects.owners_sharing(org, SharingScope.THEMES)
        shared = (
            Q(questionnaire__in=questionnaires) & (partner | Q(organisation_id__in=sharing)) & official_only()
        )
        return self.filter(Q(organisation_id=org) | shared)


class RunScopedQuerySet(models.QuerySet[Any]):
    """Rows of an analysis run are seen by whoever may see the run."""

    run_path: ClassVar[str] = "run"

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        return self.filter(**{f"{self.run_path}__in": AnalysisRun.objects.visible_to(user).values("pk")})


class ThemeQuerySet(RunScopedQuerySet):
    """Themes of runs the user may see; outside the run's organisation only OFFICIAL ones."""

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        rows = super().visible_to(user)
        if user.is_superuser:
            return rows
        own = Q(run__organisation_id=getattr(user, "organisation_id", None) or 0)
        return rows.filter(own | official_only())


class AnalysisRun(MarkedModel):
    """One analysis of the written answers to a question. Owned by the organisation leading the
    question's activity."""

    questionnaire = models.ForeignKey(
        Questionnaire, null=True, blank=True, on_delete=models.CASCADE, related_name="analysis_runs"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="analysis_runs"
    )
    marking_sources = ("questionnaire",)
    filters = models.JSONField(
        default=dict,
        blank=True,
        help_text=gettext_lazy(
            "For an analysis across activities (no question): area, audience and method "
            "slugs or codes, and the period (from, to) of the responses."
        ),
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
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=gettext_lazy("Last sign of life from the worker running it.")
    )
    started_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=gettext_lazy("When a worker began it (the time estimate counts from here)."),
    )
    embedder = models.CharField(
        max_length=64,
        blank=True,
        help_text=gettext_lazy(
            "The embedding model its themes came from, e.g. all-MiniLM-L6-v2-int8-onnx, "
            "multilingual-e5-small-q4 or tfidf-lsa."
        ),
    )
    level = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
        help_text=gettext_lazy(
            "How broad the themes are, from 0 (much broader) to 4 (much finer); 2 is as found. "
            "Empty for an analysis made before themes could be made broader or finer."
        ),
    )
    level_names = models.JSONField(
        default=dict,
        blank=True,
        help_text=gettext_lazy(
            "The names and reviewed marks analysts gave at each level, by group, so that going "
            "back to a level brings them back (insight/granularity.py)."
        ),
    )

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

    @property
    def seconds_left(self) -> int | None:
        """The time estimate of a running analysis (insight/estimates.py)."""
        from .estimates import seconds_left

        if self.state != RunState.RUNNING:
            return None
        return seconds_left(progress=self.progress, started_at=self.started_at)

    @property
    def time_left(self) -> str:
        from .estimates import time_left_text

        return time_left_text(self.seconds_left) if self.state == RunState.RUNNING else ""


class Theme(MarkedModel):
    """A theme found in a run's answers. Its label (a name such as "Police should listen to young
    people"), summary and key terms are built from the answers' redacted text; its representative
    quotes are not copied here but marked on its coded answers (`CodedAnswer.quote_position`), so
    that they go when an answer is withdrawn."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="themes")
    marking_sources = ("run",)
    label = models.CharField(max_length=200)
    named_by_analyst = models.BooleanField(
        default=False,
        help_text=gettext_lazy("An analyst gave the name: it is kept when the theme is relabelled."),
    )
    summary = models.TextField(
        blank=True,
        help_text=gettext_lazy(
            "Two sentences on what the answers say, made by Heard from their redacted text "
            "(made again when the theme's answers change, even when an analyst named it)."
        ),
    )
    key_terms = models.JSONField(default=list, blank=True)
    size = models.PositiveIntegerField(default=0)
    reviewed = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    objects = ThemeQuerySet.as_manager()

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
    quote_position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=gettext_lazy("Set when the answer is one of its theme's quotes, in this order."),
    )
    levels = models.JSONField(
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Its group at each of the five levels, much broader to much finer (insight/granularity.py); "
            "empty when the run did not group it (an empty answer, or one kept in a reviewed theme)."
        ),
    )
    level_quotes = models.JSONField(
        null=True,
        blank=True,
        help_text=gettext_lazy("At each level, its place among its group's quotes (or null)."),
    )
    moved_by_analyst = models.BooleanField(
        default=False,
        help_text=gettext_lazy("An analyst moved it: it stays where they put it at every level."),
    )

    objects = RunScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["run", "answer"], name="coded_answer_once_per_run")]

    def __str__(self) -> str:
        return f"Answer {self.answer_id} in {self.theme or 'no theme'}"


class FlagState(models.TextChoices):
    NEW = "new", gettext_lazy("New")
    PASSED = "passed", gettext_lazy("Passed to the local intelligence unit")
    DISMISSED = "dismissed", gettext_lazy("Dismissed")


class IntelligenceFlagQuerySet(models.QuerySet["IntelligenceFlag"]):
    def visible_to(self, user: "User | AnonymousUser") -> "IntelligenceFlagQuerySet":
        """Only intelligence officers of the owning organisation see flags: need-to-know, even for
        superusers."""
        if not user.is_authenticated or not user.organisation_id:
            return self.none()
        if not user.has_role(Role.INTELLIGENCE_OFFICER):
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class IntelligenceFlag(MarkedModel):
    """An answer that may hold community intelligence. One per answer, kept across runs.

    Until an intelligence officer passes it on, a flag is part of the consultation response and
    goes when the response is withdrawn. Once passed to the local intelligence unit, its text is
    a police record: it is copied into the flag (`text`, `activity`, `area`) and kept under the
    police's own retention rules, because the intelligence unit may already have acted on it.
    A later withdrawal of the response is recorded on the flag (`response_withdrawn_at`) and in
    the audit log, and the link to the response goes (`answer` becomes empty)."""

    answer = models.OneToOneField(Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(
        blank=True, help_text=gettext_lazy("The answer as passed on (kept as a police record).")
    )
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    response_withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=gettext_lazy("When the respondent withdrew the response, after it was passed on."),
    )
    run = models.ForeignKey(AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    marking_sources = ("run", "activity")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=FlagState.choices, default=FlagState.NEW)
    reference = models.CharField(
        max_length=100, blank=True, help_text=gettext_lazy("The intelligence unit's reference.")
    )
    reason = models.TextField(blank=True, help_text=gettext_lazy("Why it was dismissed."))
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

    @property
    def shown_text(self) -> str:
        """The answer's text, or the copy kept when it was passed on."""
        return self.answer.text if self.answer is not None else self.text


class PrioritySource(models.TextChoices):
    THEME = "theme", gettext_lazy("From an analysis theme")
    RANKING = "ranking", gettext_lazy("From a ranking question")
    PACT = "pact", gettext_lazy("Set at a PACT meeting")


class PriorityQuerySet(models.QuerySet["Priority"]):
    def public(self) -> "PriorityQuerySet":
        """The priorities the public neighbourhood page may show: public and OFFICIAL."""
        return self.filter(official_only(), is_public=True)

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(organisation_id=user.organisation_id) if user.organisation_id else self.none()


class PublicPriorityManager(models.Manager.from_queryset(PriorityQuerySet)):  # type: ignore[misc]
    """`Priority.public_objects`: only what the public neighbourhood pages may show."""

    def get_queryset(self) -> PriorityQuerySet:
        return PriorityQuerySet(self.model, using=self._db).public()


class Priority(MarkedModel):
    """A neighbourhood's priority for a quarter, ranked (1 = most important)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(
        max_length=7, validators=[quarters.validate], help_text=gettext_lazy("Stored like 2026-Q3.")
    )
    label = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=PrioritySource.choices, default=PrioritySource.PACT)
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(99)])
    is_public = models.BooleanField(default=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    marking_sources = ("theme",)
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("The ranking question it was drawn from."),
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


# The policing codeframe's models live beside these.
from .coding_models import (  # noqa: E402, F401
    AnswerCode,
    CodeCorrection,
    CodeframeVersion,
    CodeSource,
    CodingJob,
    CorrectionAction,
    NoteCode,
    NoteCodeCorrection,
)

# Vectors of answers, kept so that a re-analysis embeds nothing twice.
from .embedding_models import EmbeddingVector  # noqa: E402, F401
