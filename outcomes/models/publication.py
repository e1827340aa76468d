"""Models of outcomes: publication-scheme bundles (outcomes/publication.py). A
`PublicationBundle` is one making of the bundle of a period and area, asked for on a staff page or
over the API and made by a background task whose progress the page polls. It keeps the finished
zip and its manifest, so that the file downloaded later is the one that was made. It belongs to
the organisation of the person who asked: it holds what they could see, so only their
organisation's staff download it.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from organisations.models import Organisation, User
from places.models import Area

__all__ = ["BundleState", "PublicationBundle"]


class BundleState(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Waiting to start")
    RUNNING = "running", gettext_lazy("Being made")
    DONE = "done", gettext_lazy("Ready")
    FAILED = "failed", gettext_lazy("Stopped with a problem")


class PublicationBundleQuerySet(models.QuerySet["PublicationBundle"]):
    def visible_to(self, user: "User | AnonymousUser") -> "PublicationBundleQuerySet":
        """The bundles of the user's organisation (a superuser: every bundle)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(organisation_id=user.organisation_id) if user.organisation_id else self.none()


class PublicationBundle(models.Model):
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
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=BundleState.choices, default=BundleState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    error = models.TextField(blank=True)
    filename = models.CharField(
        max_length=200, blank=True, help_text=gettext_lazy("The zip's name, with its date.")
    )
    manifest = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("Every file, its hash and size.")
    )
    content = models.BinaryField(blank=True, default=b"", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=gettext_lazy("Last sign of life from the worker making it.")
    )

    objects = PublicationBundleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": gettext("The end of the period must be on or after its start.")})

    @property
    def is_active(self) -> bool:
        return self.state in (BundleState.QUEUED, BundleState.RUNNING)

    @property
    def place(self) -> str:
        return self.area.name if self.area_id and self.area else "every area"

    @property
    def period(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def title(self) -> str:
        return f"Publication scheme bundle for {self.place}, {self.period}"

    @property
    def size(self) -> int:
        return sum(int(f.get("size", 0)) for f in self.manifest.get("files", []))
