"""Models of reach: the community contacts register (seed 002 point 22: "pass on any
significant new community contacts you've made"; seed 000: "mechanisms for reaching out to
specific groups").

A contact is a group or an individual met through engagement. A group is seen like an activity:
by its own organisation and by partners under a data-sharing agreement. An individual is
personal data held on their consent: only the organisation that holds the consent sees them,
unless they agreed to be shared with partners.
"""

from datetime import date
from typing import Self

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from engagement.models import Activity
from governance.marking import MarkedModel, official_only
from organisations.models import DataSharingAgreement, Organisation, SharingScope, User
from places.models import Area, Audience

__all__ = ["CommunityContact", "ContactKind"]


class ContactKind(models.TextChoices):
    GROUP = "group", "Group or organisation"
    PERSON = "person", "Individual"


class CommunityContactQuerySet(models.QuerySet["CommunityContact"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """Groups, and individuals who agreed to be shared: the holding organisation's and those
        of organisations that share their activities with the user's under an active
        agreement (a superuser sees these too). Other individuals: the holding organisation's
        staff only, superusers included."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        org_id = user.organisation_id
        own = Q(organisation_id=org_id) if org_id else Q(pk__in=[])
        shareable = Q(kind=ContactKind.GROUP) | Q(consent_to_share=True)
        if user.is_superuser:
            return self.filter(own | shareable)
        if org_id is None:
            return self.none()
        sharing_owners = DataSharingAgreement.objects.owners_sharing(org_id, SharingScope.ACTIVITIES)
        return self.filter(own | (shareable & official_only() & Q(organisation_id__in=sharing_owners)))

    def due_for_review(self, on: date | None = None) -> Self:
        """Contacts whose consent review date has come."""
        return self.filter(review_on__lte=on or timezone.localdate())

    def reaching(self, *, area: Area | None = None, audience: Audience | None = None) -> Self:
        """Contacts that reach `audience` in `area` or any area inside it."""
        found = self
        if area is not None:
            inside = CommunityContact.areas.through.objects.filter(
                communitycontact_id=models.OuterRef("pk"), area__path__startswith=area.path
            )
            found = found.filter(models.Exists(inside))
        if audience is not None:
            found = found.filter(audiences=audience)
        return found


class CommunityContact(MarkedModel):
    kind = models.CharField("Group or individual", max_length=10, choices=ContactKind.choices)
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="community_contacts",
        help_text=gettext_lazy("The organisation that holds the contact's consent."),
    )
    role = models.CharField(
        "Role or position",
        max_length=200,
        blank=True,
        help_text=gettext_lazy("For example chair of the residents' association, or youth worker."),
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="community_contacts")
    areas = models.ManyToManyField(Area, related_name="community_contacts")
    email = models.EmailField("E-mail address", blank=True)
    phone = models.CharField("Phone number", max_length=40, blank=True)
    address = models.TextField("Postal address", blank=True)
    notes = models.TextField(
        "How best to reach them", blank=True, help_text=gettext_lazy("For example the best time to call.")
    )

    consent_to_contact = models.BooleanField("Agreed to be contacted about engagement", default=False)
    consent_to_share = models.BooleanField(
        "Agreed to be passed on to partner organisations",
        default=False,
        help_text=gettext_lazy(
            "Partners that share activities with your organisation can then see this contact."
        ),
    )
    consent_details = models.TextField(
        "What else they agreed to",
        blank=True,
        help_text=gettext_lazy("In their words or yours, as they agreed it."),
    )
    consent_given_on = models.DateField("Date they agreed")
    review_on = models.DateField("Review consent by", help_text=gettext_lazy("Ask again by this date."))

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    met_at = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_contacts",
        verbose_name="Activity where you met them",
    )
    marking_sources = ("met_at",)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommunityContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "review_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_personal(self) -> bool:
        return self.kind == ContactKind.PERSON

    @property
    def audit_label(self) -> str:
        """What the audit log keeps of it: an individual's name is not written into a log that
        outlives their removal from the register."""
        return f"Individual contact {self.pk}" if self.is_personal else self.name[:300]

    @property
    def is_due_for_review(self) -> bool:
        return self.review_on is not None and self.review_on <= timezone.localdate()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not self.consent_to_contact:
            errors["consent_to_contact"] = (
                "Only add people and groups who agreed to be contacted about engagement."
            )
        if self.consent_given_on and self.consent_given_on > timezone.localdate():
            errors["consent_given_on"] = "The date they agreed cannot be in the future."
        if self.review_on and self.consent_given_on and self.review_on <= self.consent_given_on:
            errors["review_on"] = "The review date must be after the date they agreed."
        if not (self.email or self.phone or self.address.strip()):
            errors["email"] = (
                "Give at least one way to get in touch: an e-mail address, a phone number or an address."
            )
        if errors:
            raise ValidationError(errors)
