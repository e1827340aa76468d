"""The policing codeframe in the application: each organisation's versions of it, the codes its
answers and meeting notes were given (automatically or by an analyst) and the analysts'
corrections, which later coding learns from. Imported by `insight.models`.

A codeframe version is frozen JSON (the codes as they were), so that a code's meaning at the time
an answer was coded can always be read back, and exports of old versions stay the same."""

from typing import Any, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultations.models import Answer, Attendance
from engagement.models import Activity
from organisations.models import Organisation, User
from places.models import Area

# The crime categories of data.police.uk street-level crime, which the codes map onto.
POLICE_UK_CATEGORIES = {
    "anti-social-behaviour": "Anti-social behaviour",
    "bicycle-theft": "Bicycle theft",
    "burglary": "Burglary",
    "criminal-damage-arson": "Criminal damage and arson",
    "drugs": "Drugs",
    "other-theft": "Other theft",
    "possession-of-weapons": "Possession of weapons",
    "public-order": "Public order",
    "robbery": "Robbery",
    "shoplifting": "Shoplifting",
    "theft-from-the-person": "Theft from the person",
    "vehicle-crime": "Vehicle crime",
    "violent-crime": "Violence and sexual offences",
    "other-crime": "Other crime",
}


class OrganisationScopedQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """An organisation's codeframe and codes are its own staff's."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(organisation_id=user.organisation_id or 0)


class CodeframeVersion(models.Model):
    """One version of an organisation's policing codeframe. Every change makes a new one; the
    newest is the one coding uses. Version 1 is a copy of the codeframe shipped with Heard."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    codes = models.JSONField(
        default=list,
        help_text=gettext_lazy("The codes: id, label, description, examples, keywords, police_uk, retired."),
    )
    change = models.CharField(max_length=300, blank=True, help_text=gettext_lazy("What changed, in words."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="codeframe_version_once")
        ]

    def __str__(self) -> str:
        return f"Codeframe version {self.number} of {self.organisation}"

    @property
    def active_codes(self) -> list[dict[str, Any]]:
        return [code for code in self.codes if not code.get("retired")]


class CodeSource(models.TextChoices):
    AUTO = "auto", gettext_lazy("Coded automatically")
    ANALYST = "analyst", gettext_lazy("Added by an analyst")


class AnswerCodeQuerySet(OrganisationScopedQuerySet):
    def in_area(self, area: Area) -> Self:
        """Codes of answers from `area` or anywhere inside it: where the respondent lives (from
        their postcode), or, when they gave none, where the activity was held."""
        lives = Q(answer__response__area__path__startswith=area.path)
        held = Exists(
            Activity.areas.through.objects.filter(
                activity_id=OuterRef("answer__question__questionnaire__activity_id"),
                area__path__startswith=area.path,
            )
        )
        return self.filter(lives | (Q(answer__response__area=None) & held))

    def public(self) -> Self:
        """Codes the public pages may count: answers to published OFFICIAL activities, coded by
        the organisation leading them."""
        activities = Activity.public_objects.values("pk")
        return self.filter(
            answer__question__questionnaire__activity__in=activities,
            organisation_id=models.F("answer__question__questionnaire__activity__lead_organisation_id"),
        )


class AnswerCode(models.Model):
    """A policing code given to a written answer for an organisation. Removed with the answer, so
    a withdrawn response leaves no trace. Several per answer (multi-label)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=60, help_text=gettext_lazy("The code's id in the codeframe."))
    confidence = models.FloatField(default=1.0)
    source = models.CharField(max_length=10, choices=CodeSource.choices, default=CodeSource.AUTO)
    version = models.PositiveIntegerField(help_text=gettext_lazy("The codeframe version it was coded with."))
    coded_at = models.DateTimeField(default=timezone.now)

    objects = AnswerCodeQuerySet.as_manager()

    class Meta:
        ordering = ["answer_id", "-confidence", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "answer", "code"], name="answer_code_once")
        ]

    def __str__(self) -> str:
        return f"Answer {self.answer_id}: {self.code}"


class NoteCode(models.Model):
    """A policing code given to the notes of a meeting or event (its attendance record), for the
    organisation leading the activity. Removed with the notes' record."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=60)
    confidence = models.FloatField(default=1.0)
    source = models.CharField(max_length=10, choices=CodeSource.choices, default=CodeSource.AUTO)
    version = models.PositiveIntegerField()
    coded_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["attendance_id", "-confidence", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "attendance", "code"], name="note_code_once")
        ]

    def __str__(self) -> str:
        return f"Notes {self.attendance_id}: {self.code}"


class CorrectionAction(models.TextChoices):
    ADD = "add", gettext_lazy("Added")
    REMOVE = "remove", gettext_lazy("Removed")


class Correction(models.Model):
    """What an analyst's correction of a code says, whatever was coded: the latest word on it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=60)
    action = models.CharField(max_length=10, choices=CorrectionAction.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class CodeCorrection(Correction):
    """An analyst's correction of an answer's codes: the latest word on that answer and code.
    Coding again keeps it, and learns from it for the organisation's later answers."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")

    class Meta(Correction.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organisation", "answer", "code"], name="code_correction_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.code} on answer {self.answer_id}"


class NoteCodeCorrection(Correction):
    """An analyst's correction of a meeting's notes' codes: the latest word on those notes and
    that code. Coding again keeps it and learns from it, as for answers. Removed with the notes'
    record, so deleting the notes leaves no trace."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")

    class Meta(Correction.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "attendance", "code"], name="note_code_correction_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.code} on notes {self.attendance_id}"


class CodingJob(models.Model):
    """Coding an organisation's written answers, in a background task. Coding writes each batch
    of answers in its own transaction and is the same however often it runs, so a job whose
    worker died is marked failed and simply started again."""

    class State(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    answer_ids = models.JSONField(
        default=list, blank=True, help_text=gettext_lazy("The answers to code; empty for all of them.")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    answer_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Coding job {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
