"""Questionnaires and what people answered, from the web, paper, events and the phone."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from engagement.access import DEFAULT_LANGUAGE, validate_language
from engagement.models import Activity, ActivityScopedQuerySet, Status
from governance.marking import MarkedModel
from places.models import Area, Audience

from . import equality
from .querysets import (
    AnswerQuerySet,
    AttendanceCountQuerySet,
    ChoiceQuerySet,
    PublicQuestionnaireManager,
    QuestionnaireQuerySet,
    QuestionnaireState,
    QuestionQuerySet,
    ResponseQuerySet,
)

DEFAULT_PRIVACY_STATEMENT = (
    "Taking part is voluntary. We use your answers to understand what matters to people in your "
    "area and to decide what to do about it. We publish only summaries and quotes with personal "
    "details removed. You can withdraw your response at any time with the receipt code we give you. "
    "Equality questions are optional; we only ever report them as totals."
)


class PrivacyStatement(models.Model):
    """The consent and privacy text people saw. Never edited: a change is a new statement, so
    each response keeps exactly the words it was given under."""

    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Privacy statement {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(gettext("A privacy statement is never changed; write a new one."))
        super().save(*args, **kwargs)

    @property
    def version(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()[:12]


class Questionnaire(MarkedModel):
    marking_sources = ("activity",)

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="questionnaires")
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text=gettext_lazy("Shown before the first question."))
    privacy_statement = models.ForeignKey(PrivacyStatement, on_delete=models.PROTECT, related_name="+")
    equality_monitoring = models.BooleanField(
        default=True, help_text=gettext_lazy("Add the optional equality-monitoring questions at the end.")
    )
    state = models.CharField(
        max_length=20, choices=QuestionnaireState.choices, default=QuestionnaireState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # No `objects` (see Activity): staff code reads `private_objects.visible_to(user)`, the
    # public website `public_objects`.
    private_objects = QuestionnaireQuerySet.as_manager()
    public_objects = PublicQuestionnaireManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def is_accepting_responses(self, today: Any = None) -> bool:
        """Live, its activity open, and today inside the activity's response window."""
        today = today or timezone.localdate()
        activity = self.activity
        if self.state != QuestionnaireState.LIVE or activity.status != Status.OPEN:
            return False
        if activity.response_opens and today < activity.response_opens:
            return False
        return not (activity.response_closes and today > activity.response_closes)

    @property
    def has_responses(self) -> bool:
        return self.responses.exists()


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    SCALE = "scale", "Scale (e.g. strongly agree to strongly disagree)"
    TEXT = "text", "Free text"
    RANKING = "ranking", "Rank priorities"
    WHERE = "where", "Where do you live (postcode)"


CHOICE_KINDS = frozenset(
    {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE, QuestionKind.RANKING}
)


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=False)
    max_length = models.PositiveIntegerField(
        default=2000,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=gettext_lazy("For free text: the most characters an answer may have."),
    )
    show_if_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dependents",
        help_text=gettext_lazy(
            "Only ask this question when an earlier question was answered with one of the choices below."
        ),
    )
    show_if_choices: "models.ManyToManyField[Choice, Any]" = models.ManyToManyField(
        "Choice", blank=True, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.show_if_question_id and self.show_if_question_id == self.pk:
            raise ValidationError({"show_if_question": "A question cannot depend on itself."})
        if self.show_if_question and self.show_if_question.questionnaire_id != self.questionnaire_id:
            raise ValidationError({"show_if_question": "Pick a question from the same questionnaire."})
        if self.show_if_question and self.show_if_question.position >= self.position:
            raise ValidationError({"show_if_question": "A question can only depend on an earlier one."})


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=300)

    objects = ChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Channel(models.TextChoices):
    WEB = "web", "Online"
    PAPER = "paper", "Paper"
    EVENT = "event", "At an event"
    PHONE = "phone", "Phone"


def hash_receipt(code: str) -> str:
    """Receipt codes are stored hashed: the database alone cannot link a person to a response."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


class Response(MarkedModel):
    marking_sources = ("questionnaire",)

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    language = models.CharField(
        max_length=12,
        default=DEFAULT_LANGUAGE,
        validators=[validate_language],
        help_text=gettext_lazy("The language it was answered in (a code from engagement/access.py)."),
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    browser_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("The neighbourhood the respondent lives in, from their postcode."),
    )
    privacy_statement = models.ForeignKey(PrivacyStatement, on_delete=models.PROTECT, related_name="+")
    consented_at = models.DateTimeField()
    email = models.EmailField(
        blank=True, help_text=gettext_lazy("Only kept when the respondent asked for updates.")
    )
    wants_updates = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Who typed in a paper, event or phone response."),
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "browser_token"],
                condition=~Q(browser_token=""),
                name="one_response_per_browser",
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.questionnaire}"


class Answer(models.Model):
    """One answer: the chosen option (single, scale; one row per option for multiple choice and
    ranking, with `rank`), or text (free text, the postcode for "where do you live")."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["question__position", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="answer_choice_once",
            )
        ]

    def __str__(self) -> str:
        return self.text or str(self.choice)


class EqualityRecord(models.Model):
    """Voluntary, anonymous equality monitoring, kept apart from answers and only ever shown as
    totals. Linked to its response (if any) only so that withdrawing removes it too; paper forms
    collected at events stand alone."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="equality_records")
    response = models.OneToOneField(
        Response, null=True, blank=True, on_delete=models.CASCADE, related_name="equality"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    recorded_on = models.DateField(default=timezone.localdate)
    age_band = models.CharField(max_length=40, blank=True, choices=equality.choices_for("age_band"))
    sex = models.CharField(max_length=40, blank=True, choices=equality.choices_for("sex"))
    ethnicity = models.CharField(max_length=120, blank=True, choices=equality.choices_for("ethnicity"))
    religion = models.CharField(max_length=40, blank=True, choices=equality.choices_for("religion"))
    disability = models.CharField(max_length=40, blank=True, choices=equality.choices_for("disability"))
    sexual_orientation = models.CharField(
        max_length=40, blank=True, choices=equality.choices_for("sexual_orientation")
    )

    objects = ActivityScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            # Paper forms by activity and month (people reached, coverage): without it a
            # district's coverage reads every paper form of every activity.
            models.Index(
                fields=["activity", "recorded_on"],
                condition=Q(response__isnull=True),
                name="equality_paper_by_activity",
            )
        ]

    def __str__(self) -> str:
        return f"Equality record {self.pk}"


class Attendance(models.Model):
    """Who came to an event: a head count (exact or estimated) and counts by audience."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    held_on = models.DateField(default=timezone.localdate)
    head_count = models.PositiveIntegerField()
    is_estimate = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ActivityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.activity}: {self.head_count} on {self.held_on}"


class AttendanceCount(models.Model):
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="counts")
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField()

    objects = AttendanceCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attendance", "audience"], name="attendance_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.audience}: {self.count}"


# A model of this app in a module of its own (imported last: it refers to the ones above).
from .import_models import ImportState as ImportState  # noqa: E402
from .import_models import ResponseImport as ResponseImport  # noqa: E402
