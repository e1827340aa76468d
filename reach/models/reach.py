"""Models of reach: target profiles (the make-up of a population the Census does not count, such
as victims of crime or business owners, imported from CSV) and the maintained list of ways to
reach an audience ("who haven't we heard from?", seeded from seed 000's examples)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from organisations.models import Organisation, Partnership, User
from places.models import Audience, Dimension

__all__ = ["TargetProfile", "TargetShare", "WayToReach"]


class TargetProfileQuerySet(models.QuerySet["TargetProfile"]):
    def visible_to(self, user: "User | AnonymousUser") -> "TargetProfileQuerySet":
        """The user's organisation's profiles, and those its partnership partners chose to share."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        org_id = user.organisation_id
        if org_id is None:
            return self.none()
        partnerships = Partnership.objects.filter(members=org_id).values("pk")
        partners = Organisation.objects.filter(partnerships__in=partnerships).values("pk")
        return self.filter(
            models.Q(organisation_id=org_id) | models.Q(is_shared=True, organisation__in=partners)
        )


class ShareKind(models.TextChoices):
    SHARE = "share", "Shares (fractions or percentages)"
    COUNT = "count", "Counts of people"


class TargetProfile(models.Model):
    """A population to compare participants with instead of the Census residents of an area."""

    name = models.CharField(
        max_length=200, help_text=gettext_lazy("For example “Victims of crime in Trafford, 2025”.")
    )
    description = models.TextField(blank=True, help_text=gettext_lazy("Who the population is."))
    source = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("Where the figures come from.")
    )
    given_as = models.CharField(max_length=10, choices=ShareKind.choices, default=ShareKind.SHARE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    is_shared = models.BooleanField(
        "Let partner organisations use it",
        default=True,
        help_text=gettext_lazy("Organisations in a partnership with yours can compare against it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TargetProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="reach_target_profile_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def dimensions(self) -> dict[str, dict[str, float]]:
        """{dimension: {category: amount}} in the order the file gave them."""
        found: dict[str, dict[str, float]] = {}
        for share in self.shares.all():
            found.setdefault(share.dimension, {})[share.category] = share.amount
        return found


class TargetShareQuerySet(models.QuerySet["TargetShare"]):
    def visible_to(self, user: "User | AnonymousUser") -> "TargetShareQuerySet":
        return self.filter(profile__in=TargetProfile.objects.visible_to(user).values("pk"))


class TargetShare(models.Model):
    """One category of one dimension of a target profile: a share or a count of people."""

    profile = models.ForeignKey(TargetProfile, on_delete=models.CASCADE, related_name="shares")
    dimension = models.CharField(max_length=30, choices=Dimension.choices)
    category = models.CharField(max_length=120)
    amount = models.FloatField(validators=[MinValueValidator(0)])

    objects = TargetShareQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "dimension", "category"], name="reach_target_share_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.category}: {self.amount}"


class WayToReach(models.Model):
    """A suggested way to reach an audience (seed 000: "older people might be targeted through
    the local authority newspaper … lunch clubs, day centres, also Age Concern"). A maintained
    list, edited in the admin."""

    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="ways_to_reach")
    title = models.CharField(
        max_length=200, help_text=gettext_lazy("For example “Lunch clubs and day centres”.")
    )
    how = models.TextField(blank=True, help_text=gettext_lazy("What to do, in a sentence or two."))
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["audience__name", "order", "id"]
        verbose_name_plural = "ways to reach people"
        constraints = [
            models.UniqueConstraint(fields=["audience", "title"], name="reach_way_to_reach_unique")
        ]

    def __str__(self) -> str:
        return f"{self.audience}: {self.title}"

    def clean(self) -> None:
        if not self.title.strip():
            raise ValidationError({"title": "Say what the way to reach people is."})

    def as_text(self) -> str:
        return f"{self.title}: {self.how}" if self.how else self.title
