"""The activity register: what engagement happens, where, with whom, why and how."""

from typing import Any, ClassVar, Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from governance.models import Marking
from organisations.models import DataSharingAgreement, Organisation, SharingScope, User
from places.models import Area, Audience

from .access import (
    BY_CODE,
    Language,
    format_label,
    json_list_has,
    validate_access_formats,
    validate_languages,
)
from .checklist import POINTS_BY_NUMBER, ChecklistScope
from .choices import MINIMUM_WINDOW_WEEKS, ConsultationKind, Level, Purpose, Status


class Method(models.Model):
    """Reference data: a way of engaging (seed 004's lists plus policing methods)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    purpose = models.CharField(
        max_length=30, choices=Purpose.choices, help_text=gettext_lazy("Where the method usually sits.")
    )
    collects_information_only = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Surveys and the like: the checklist then needs only points 6, 24 and 25."),
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: "User | AnonymousUser") -> "ActivityQuerySet":
        """What `user` may see: their organisation's records, plus OFFICIAL records of
        activities they are a partner in or whose owner shares activities with them under
        an active data-sharing agreement. OFFICIAL-SENSITIVE never leaves its organisation."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        org_id = user.organisation_id
        if org_id is None:
            return self.none()
        is_partner = Exists(
            Activity.partners.through.objects.filter(activity_id=OuterRef("pk"), organisation_id=org_id)
        )
        sharing_owners = DataSharingAgreement.objects.owners_sharing(org_id, SharingScope.ACTIVITIES)
        shared = Q(marking=Marking.OFFICIAL) & (is_partner | Q(lead_organisation_id__in=sharing_owners))
        return self.filter(Q(lead_organisation_id=org_id) | shared)

    def public(self) -> "ActivityQuerySet":
        """The only rows the public website may show: published, OFFICIAL, past the draft stage.
        Every public page reads through this."""
        return self.filter(is_published=True, marking=Marking.OFFICIAL).exclude(status=Status.DRAFT)

    def in_area(self, area: Area) -> "ActivityQuerySet":
        """Activities in `area` or any area below it."""
        inside = Activity.areas.through.objects.filter(
            activity_id=OuterRef("pk"), area__path__startswith=area.path
        )
        return self.filter(Exists(inside))

    def offering(self, *, language: str = "", access_format: str = "") -> "ActivityQuerySet":
        """Activities held in or interpreted into `language`, and offering `access_format`."""
        found = self
        if language:
            found = found.filter(json_list_has("languages", language))
        if access_format:
            found = found.filter(json_list_has("access_formats", access_format))
        return found

    def with_related(self) -> "ActivityQuerySet":
        return self.select_related("method", "lead_organisation").prefetch_related(
            "areas", "audiences", "partners"
        )

    def for_list(self) -> "ActivityQuerySet":
        """What a list of activities shows of each: its method and its areas."""
        return self.select_related("method").prefetch_related("areas")


class PublicActivityManager(models.Manager.from_queryset(ActivityQuerySet)):  # type: ignore[misc]
    """`Activity.public_objects`: only the rows the public website may show."""

    def get_queryset(self) -> ActivityQuerySet:
        return ActivityQuerySet(self.model, using=self._db).public()


class ActivityScopedQuerySet(models.QuerySet[Any]):
    """Rows that belong to an activity are seen by whoever may see the activity. Subclasses say
    how to reach it (`activity_path`), so every such model has the same `visible_to(user)`."""

    activity_path: ClassVar[str] = "activity"

    def visible_to(self, user: "User | AnonymousUser") -> Self:
        visible = Activity.private_objects.visible_to(user).values("pk")
        return self.filter(**{f"{self.activity_path}__in": visible})


class Activity(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text=gettext_lazy("What it is and who it is for."))
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    method = models.ForeignKey(Method, on_delete=models.PROTECT, related_name="activities")
    level = models.CharField(max_length=20, choices=Level.choices)
    areas = models.ManyToManyField(Area, related_name="activities")
    audiences = models.ManyToManyField(Audience, blank=True, related_name="activities")
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_activities"
    )
    partners = models.ManyToManyField(Organisation, blank=True, related_name="partner_activities")

    contact_name = models.CharField("Named contact", max_length=200)
    contact_email = models.EmailField("Contact e-mail", blank=True)
    contact_phone = models.CharField("Contact phone", max_length=40, blank=True)

    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    consultation_kind = models.CharField(
        max_length=20,
        choices=ConsultationKind.choices,
        blank=True,
        help_text=gettext_lazy("Only for consultations: sets the minimum response window."),
    )
    response_opens = models.DateField(null=True, blank=True)
    response_closes = models.DateField(null=True, blank=True)
    short_window_reason = models.TextField(
        blank=True, help_text=gettext_lazy("Why the response window is shorter than the recommended minimum.")
    )
    short_window_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    short_window_acknowledged_at = models.DateTimeField(null=True, blank=True)

    venue = models.CharField(max_length=300, blank=True)
    accessibility = models.TextField("Accessibility", blank=True)
    # Seed 002 points 6 and 15: the languages and formats offered (engagement/access.py).
    languages = models.JSONField(
        "Languages",
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=gettext_lazy("Languages it is held in or interpreted into."),
    )
    access_formats = models.JSONField(
        "Access formats",
        default=list,
        blank=True,
        validators=[validate_access_formats],
        help_text=gettext_lazy("Formats and support offered."),
    )
    budget = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    expected_benefit = models.TextField(blank=True)

    marking = models.CharField(max_length=30, choices=Marking.choices, default=Marking.OFFICIAL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_published = models.BooleanField(
        "Show on the public website",
        default=False,
        help_text=gettext_lazy(
            "Published activities appear in the public calendar once they are planned. "
            "OFFICIAL-SENSITIVE activities never do."
        ),
    )
    # Seed 002's header asks of every document "Publication Scheme Y/N" (the Freedom of
    # Information Act scheme); outcomes/publication.py exports the records marked Y.
    publication_scheme = models.BooleanField(
        "Suitable for the publication scheme",
        default=False,
        help_text=gettext_lazy(
            "Include it, with its questionnaires, results and feedback, in the records the "
            "force publishes under the Freedom of Information Act. Only published OFFICIAL activities "
            "are ever included."
        ),
    )
    checklist_scope = models.CharField(
        max_length=20, choices=ChecklistScope.choices, default=ChecklistScope.FULL
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # No `objects`: every read names what it wants (the pattern of Democracy Club's
    # EveryElection). `private_objects` holds every row, for staff code that narrows it with
    # `.visible_to(user)`; `public_objects` holds only what the public website may show.
    private_objects = ActivityQuerySet.as_manager()
    public_objects = PublicActivityManager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def offered_languages(self) -> list[Language]:
        """The languages offered, for pages that mark each one's own name with its `lang`."""
        return [BY_CODE[code] for code in self.languages or [] if code in BY_CODE]

    @property
    def access_format_labels(self) -> list[str]:
        return [format_label(code) for code in self.access_formats or []]

    @property
    def window_weeks(self) -> float | None:
        if self.response_opens and self.response_closes:
            return (self.response_closes - self.response_opens).days / 7
        return None

    @property
    def minimum_window_weeks(self) -> int | None:
        """None when there is no kind, or an unknown one (full_clean reports that on the field)."""
        return MINIMUM_WINDOW_WEEKS.get(self.consultation_kind) if self.consultation_kind else None

    @property
    def window_is_short(self) -> bool:
        weeks, minimum = self.window_weeks, self.minimum_window_weeks
        return weeks is not None and minimum is not None and weeks < minimum

    def window_warning(self) -> str:
        if not (self.window_is_short and self.response_opens and self.response_closes):
            return ""
        days = (self.response_closes - self.response_opens).days
        minimum = self.minimum_window_weeks or 0
        kind = ConsultationKind(self.consultation_kind).label.lower()
        advice = "recommended" if self.consultation_kind == ConsultationKind.DOCUMENT else "the minimum"
        return (
            f"The response window is {days} days; {minimum} weeks "
            f"({minimum * 7} days) is {advice} for {kind} (checklist point 16)."
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "The end must be after the start."
        if bool(self.response_opens) != bool(self.response_closes):
            errors["response_closes"] = "Give both the date responses open and the date they close."
        elif self.response_opens and self.response_closes:
            if self.response_closes <= self.response_opens:
                errors["response_closes"] = "Responses must close after they open."
            elif not self.consultation_kind:
                errors["consultation_kind"] = "Say what kind of consultation this is."
        if self.consultation_kind and not self.response_opens and "response_closes" not in errors:
            errors["response_opens"] = "A consultation needs a response window."
        if not errors and self.window_is_short and not self.short_window_reason.strip():
            errors["short_window_reason"] = (
                self.window_warning() + " Give a reason to go ahead with a shorter window."
            )
        if errors:
            raise ValidationError(errors)


class Aim(models.Model):
    """Seed 002 point 1: every aim is linked to a clear issue or plan."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="aims")
    text = models.CharField("Aim", max_length=500)
    linked_to = models.CharField(
        "Linked issue or plan",
        max_length=300,
        help_text=gettext_lazy(
            "e.g. the local policing plan, a drugs strategy, a Safer Neighbourhood priority"
        ),
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = ActivityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Answer(models.TextChoices):
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class ChecklistAnswer(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="checklist_answers")
    point = models.PositiveSmallIntegerField()
    answer = models.CharField(max_length=20, choices=Answer.choices)
    note = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    objects = ActivityScopedQuerySet.as_manager()

    class Meta:
        ordering = ["point"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "point"], name="checklist_answer_unique"),
            models.CheckConstraint(
                condition=Q(point__gte=1) & Q(point__lte=25), name="checklist_point_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} point {self.point}: {self.get_answer_display()}"

    def clean(self) -> None:
        if self.point not in POINTS_BY_NUMBER:
            raise ValidationError({"point": "The checklist has points 1 to 25."})


class EngagementPlan(models.Model):
    """Seed 002 point 13: how results feed into decisions, what analysis, how shared back."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="plan")
    decision_route = models.TextField(
        "How results feed into decisions",
        blank=True,
        help_text=gettext_lazy("Which meeting, board or person decides, and when."),
    )
    analysis = models.TextField("What analysis you will do", blank=True)
    sharing_back = models.TextField("How you will share results with those who took part", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Plan for {self.activity}"

    @property
    def is_complete(self) -> bool:
        return all(v.strip() for v in (self.decision_route, self.analysis, self.sharing_back))
