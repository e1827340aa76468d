"""factory_boy factories shared by every app's tests."""

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone
from django.utils.text import slugify

from engagement.models import Activity, Level, Method, Purpose
from governance.models import Marking
from organisations.models import DataSharingAgreement, Organisation, Role, Sector, User
from organisations.services import user_set_roles
from places.models import Area, AreaLevel, Audience


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E05{n:06d}")
    name = factory.Sequence(lambda n: f"Ward {n}")
    level = AreaLevel.NEIGHBOURHOOD


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    sector = Sector.POLICE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            user_set_roles(user=self, roles=extracted or [Role.ENGAGEMENT_OFFICER])
            self.save()


class DataSharingAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSharingAgreement

    title = "Activity sharing"
    owner = factory.SubFactory(OrganisationFactory)
    recipient = factory.SubFactory(OrganisationFactory)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = "identity"


def method(slug: str = "public-meeting") -> Method:
    return Method.objects.get(slug=slug)


class ActivityFactory(factory.django.DjangoModelFactory):
    """Builds an activity directly (no service, no audit) for tests that need one to exist."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Activity {n}")
    purpose = Purpose.FORUMS_FOR_DEBATE
    method = factory.LazyFunction(method)
    level = Level.NEIGHBOURHOOD
    lead_organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "PC Jane Example"
    contact_email = "jane.example@example.org"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    marking = Marking.OFFICIAL

    @factory.post_generation
    def areas(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.areas.set(extracted or [AreaFactory()])

    @factory.post_generation
    def partners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.partners.set(extracted)

    @factory.post_generation
    def audiences(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.audiences.set(extracted)
