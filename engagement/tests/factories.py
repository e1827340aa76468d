"""factory_boy factories for the activity register, shared by every app's tests."""

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from engagement.models import Activity, Level, Method, Purpose
from governance.models import Marking
from organisations.tests.factories import OrganisationFactory
from places.tests.factories import AreaFactory


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
