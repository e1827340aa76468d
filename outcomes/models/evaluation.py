"""Models of outcomes: evaluation (seed 002 point 25, "Evaluate how effective your event has been,
based on your own aims and expectations, as well as those who took part"; seed 004's National
Standards for Community Engagement and its "outcomes based model of accountability").

- `Evaluation`: one per activity, draft then complete, with each aim rated (`AimRating`), a
  target number of participants, the lessons learned and, once complete, the figures as they
  stood (people reached, cost per participant) so that a report of any year reads the same.
- `ParticipantEvaluationLink` and `ParticipantEvaluation`: the short form people who took part
  fill in online (through the link's code) or on paper. Anonymous, only ever shown as totals.
- `NationalStandard`, `StandardsAssessment`, `StandardScore`: the self-assessment against the
  seven standards, per activity or per partnership and year. `period_start` lets a report
  select assessments by period in the database.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from engagement.models import Activity, ActivityScopedQuerySet, Aim
from organisations.models import Organisation, Partnership, User

__all__ = [
    "AimRating",
    "AimResult",
    "Evaluation",
    "EvaluationState",
    "NationalStandard",
    "ParticipantAnswer",
    "ParticipantChannel",
    "ParticipantEvaluation",
    "ParticipantEvaluationLink",
    "StandardScore",
    "StandardsAssessment",
]

COMMENT_MAX_LENGTH = 2000
LOWEST_SCORE, HIGHEST_SCORE = 1, 4


def validate_evidence_link(value: str) -> None:
    """A page in Heard ("/staff/…") or a web address: nothing a browser would run."""
    if (
        value
        and not (value.startswith("/") and not value.startswith("//"))
        and not value.startswith("https://")
    ):
        raise ValidationError(
            gettext("Give a link to a page in Heard (starting with /) or a web address starting https://")
        )


class EvaluationState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    COMPLETE = "complete", gettext_lazy("Complete")


class AimResult(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    PARTLY = "partly", gettext_lazy("Partly met")
    NOT_MET = "not_met", gettext_lazy("Not met")


class Evaluation(models.Model):
    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="evaluation")
    state = models.CharField(max_length=20, choices=EvaluationState.choices, default=EvaluationState.DRAFT)
    target_participants = models.PositiveIntegerField(
        "Target number of participants", null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    lessons_learned = models.TextField(blank=True)
    # The figures as they stood when the evaluation was completed.
    people_reached = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cost_per_participant = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-activity__starts_at", "-id"]

    def __str__(self) -> str:
        return f"Evaluation of {self.activity}"


class AimRatingQuerySet(ActivityScopedQuerySet):
    activity_path = "evaluation__activity"


class AimRating(models.Model):
    """How far one aim was met. The aim's words are kept: editing an activity rewrites its aims,
    and a completed evaluation keeps what it rated."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="aim_ratings")
    aim = models.ForeignKey(Aim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    aim_text = models.CharField("Aim", max_length=500)
    result = models.CharField(max_length=20, choices=AimResult.choices)
    evidence = models.TextField(blank=True)
    evidence_link = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_evidence_link],
        help_text=gettext_lazy("A finding or results page."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = AimRatingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.aim_text}: {self.get_result_display()}"


class ParticipantEvaluationLink(models.Model):
    """The code an activity's team shares so that people who took part can fill in the form
    online, between `opens_on` and `closes_on`."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="participant_link")
    code = models.CharField(max_length=12, unique=True, editable=False)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActivityScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Online evaluation form for {self.activity}"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": gettext("The form must close on or after the day it opens.")})

    @property
    def shown_code(self) -> str:
        """'K7M2QX4P' -> 'K7M2-QX4P', as printed on flyers."""
        return f"{self.code[:4]}-{self.code[4:]}" if len(self.code) == 8 else self.code


class ParticipantChannel(models.TextChoices):
    ONLINE = "online", gettext_lazy("Online")
    PAPER = "paper", gettext_lazy("Paper")


class ParticipantAnswer(models.TextChoices):
    YES = "yes", gettext_lazy("Yes")
    PARTLY = "partly", gettext_lazy("Partly")
    NO = "no", gettext_lazy("No")


class ParticipantEvaluation(models.Model):
    """One person's form. No personal data is asked; the comments are residents' words (read
    through organisations.privacy). `received_on` is a day, not a time, so that no form can be
    matched to a visit."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participant_evaluations")
    channel = models.CharField(max_length=10, choices=ParticipantChannel.choices)
    satisfied = models.CharField(max_length=10, choices=ParticipantAnswer.choices, blank=True)
    listened_to = models.CharField(max_length=10, choices=ParticipantAnswer.choices, blank=True)
    understood_use = models.CharField(max_length=10, choices=ParticipantAnswer.choices, blank=True)
    comments = models.TextField(blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    browser_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    received_on = models.DateField(default=timezone.localdate)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Who typed in a paper form."),
    )

    objects = ActivityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "browser_token"],
                condition=~Q(browser_token=""),
                name="one_participant_evaluation_per_browser",
            )
        ]

    def __str__(self) -> str:
        return f"Participant evaluation {self.pk}"

    def clean(self) -> None:
        if not any((self.satisfied, self.listened_to, self.understood_use, self.comments.strip())):
            raise ValidationError(gettext("Answer at least one question."))


class NationalStandard(models.Model):
    """Reference data: one of the seven National Standards for Community Engagement (loaded by
    outcomes.evaluation_standards.load_national_standards), with what each score means."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(help_text=gettext_lazy("The standard in seed 004's words."))
    descriptors = models.JSONField(default=list, help_text=gettext_lazy("What scores 1 to 4 mean, in order."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def descriptor(self, score: int) -> str:
        texts: list[str] = list(self.descriptors or [])
        return texts[score - 1] if LOWEST_SCORE <= score <= len(texts) else ""


class StandardsAssessmentQuerySet(models.QuerySet["StandardsAssessment"]):
    def visible_to(self, user: "User | AnonymousUser") -> "StandardsAssessmentQuerySet":
        """An activity's assessment is seen by whoever sees the activity; a partnership's by the
        staff of its member organisations."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        activities = Activity.private_objects.visible_to(user).values("pk")
        member_of = Q(partnership__members__id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
        return self.filter(Q(activity__in=activities) | (Q(activity__isnull=True) & member_of)).distinct()


class StandardsAssessment(models.Model):
    """A self-assessment against the National Standards: of one activity, or of a partnership's
    year. `organisation` owns its notes (the activity's lead, or the partner who wrote it)."""

    activity = models.OneToOneField(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="standards_assessment"
    )
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(
        db_index=True, help_text=gettext_lazy("The activity's start, or 1 January of the year.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = StandardsAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(activity__isnull=False) & Q(partnership__isnull=True) & Q(year__isnull=True))
                | (Q(activity__isnull=True) & Q(partnership__isnull=False) & Q(year__isnull=False)),
                name="standards_assessment_of_activity_or_partnership_year",
            ),
            models.UniqueConstraint(
                fields=["partnership", "year"],
                condition=Q(partnership__isnull=False),
                name="standards_assessment_partnership_year_unique",
            ),
        ]

    def __str__(self) -> str:
        if self.activity_id:
            return f"National Standards: {self.activity}"
        return f"National Standards: {self.partnership} {self.year}"


class StandardScoreQuerySet(models.QuerySet["StandardScore"]):
    def visible_to(self, user: "User | AnonymousUser") -> "StandardScoreQuerySet":
        return self.filter(assessment__in=StandardsAssessment.objects.visible_to(user).values("pk"))


class StandardScore(models.Model):
    assessment = models.ForeignKey(StandardsAssessment, on_delete=models.CASCADE, related_name="scores")
    standard = models.ForeignKey(NationalStandard, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(LOWEST_SCORE), MaxValueValidator(HIGHEST_SCORE)]
    )
    note = models.TextField(blank=True, validators=[MaxLengthValidator(5000)])

    objects = StandardScoreQuerySet.as_manager()

    class Meta:
        ordering = ["standard__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "standard"], name="standard_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE) & Q(score__lte=HIGHEST_SCORE),
                name="standard_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.score}"
