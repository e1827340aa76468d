"""Who works in Heard: organisations, their partnerships, users and their roles."""

import hashlib
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from places.models import Area

from .models_agreements import AgreementScope as AgreementScope  # an agreement's scopes and signatories
from .models_agreements import AgreementSignatory as AgreementSignatory
from .models_agreements import SharingScope as SharingScope


class Sector(models.TextChoices):
    POLICE = "police", "Police"
    POLICE_AUTHORITY = "police_authority", "Police authority / PCC"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"
    FIRE = "fire", "Fire and rescue"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary / community"
    FAITH = "faith", "Faith"
    BUSINESS = "business", "Business"
    EDUCATION = "education", "Education"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="organisations")
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipKind(models.TextChoices):
    STATUTORY = "statutory", "Formal statutory partnership"
    JOINT = "joint", "Joint working"


class Partnership(models.Model):
    """A community safety partnership, or a looser joint-working arrangement (seed 001 Part C)."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=PartnershipKind.choices)
    members = models.ManyToManyField(Organisation, related_name="partnerships")
    areas = models.ManyToManyField(Area, blank=True, related_name="partnerships")
    objectives = models.TextField(blank=True, help_text=gettext_lazy("Shared objectives, one per line."))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    ENGAGEMENT_OFFICER = "engagement_officer", "Engagement officer"
    ANALYST = "analyst", "Analyst"
    INTELLIGENCE_OFFICER = "intelligence_officer", "Intelligence officer"
    PARTNER_USER = "partner_user", "Partner user"
    AUTHORITY_MEMBER = "authority_member", "Authority member"


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: "User | AnonymousUser") -> "UserQuerySet":
        """Staff see the people of their own organisation (names, job titles, contact details)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(organisation_id=user.organisation_id) if user.organisation_id else self.none()


class HeardUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A member of staff. Belongs to one organisation; what they see is scoped by it."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    must_set_up_two_factor = models.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "Set when an admin resets their two-factor sign-in: they set it up again before any page."
        ),
    )

    objects: ClassVar[HeardUserManager] = HeardUserManager()

    class Meta:
        ordering = ["username"]

    def clean(self) -> None:
        super().clean()
        if not self.is_superuser and self.organisation_id is None:
            raise ValidationError(
                {"organisation": "Every user except a superuser belongs to an organisation."}
            )

    @property
    def roles(self) -> frozenset[str]:
        cached: frozenset[str] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            if self.pk is None:
                return frozenset()
            cached = frozenset(self.role_grants.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="user_role_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class DataSharingAgreementQuerySet(models.QuerySet["DataSharingAgreement"]):
    def active(self, on: date | None = None) -> "DataSharingAgreementQuerySet":
        on = on or timezone.localdate()
        return self.filter(Q(starts__lte=on), Q(ends__isnull=True) | Q(ends__gte=on))

    def covering(self, scope: str) -> "DataSharingAgreementQuerySet":
        """Agreements whose scopes include `scope` (organisations/models_agreements.py)."""
        return self.filter(scopes__scope=scope)

    def owners_sharing(self, recipient_id: int | None, scope: str) -> "models.QuerySet[Any, Any]":
        """Ids of the organisations that share `scope` with `recipient_id` today, as a subquery."""
        return self.active().covering(scope).filter(recipient_id=recipient_id or 0).values("owner_id")

    def visible_to(self, user: "User | AnonymousUser") -> "DataSharingAgreementQuerySet":
        """The agreements the user's organisation is a party to."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        org = user.organisation_id or 0
        return self.filter(Q(owner_id=org) | Q(recipient_id=org))


class DataSharingAgreement(models.Model):
    """`owner` lets `recipient` see its OFFICIAL records of its `scopes` (never
    OFFICIAL-SENSITIVE), from `starts` to `ends`; signed by its `signatories`."""

    title = models.CharField(max_length=200)
    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="agreements_given")
    recipient = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="agreements_received")
    starts = models.DateField(default=timezone.localdate)
    ends = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = DataSharingAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "recipient"]

    def __str__(self) -> str:
        return f"{self.owner} → {self.recipient}: {self.title}"

    def clean(self) -> None:
        if self.owner_id and self.owner_id == self.recipient_id:
            raise ValidationError(gettext("An organisation does not need an agreement with itself."))
        if self.ends and self.starts and self.ends < self.starts:
            raise ValidationError({"ends": "The agreement cannot end before it starts."})


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_expiry() -> datetime:
    """A new token's default end: HEARD_API_TOKEN_DAYS from now (organisations/tokens.py)."""
    return timezone.now() + timedelta(days=settings.HEARD_API_TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)

    def visible_to(self, user: "User | AnonymousUser") -> "ApiTokenQuerySet":
        """A token is its owner's (its key is never shown again); superusers see all, to revoke them."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        return self.all() if user.is_superuser else self.filter(user_id=user.pk)


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=api_token_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.user} – {self.name}"

    @property
    def state(self) -> str:
        """active, expired or revoked."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "active"


from .models_signin import SignInIdentity as SignInIdentity  # noqa: E402  (single sign-on accounts)
