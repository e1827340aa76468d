"""factory_boy factories for organisations and users, shared by every app's tests."""

from typing import Any

import factory
from django.utils.text import slugify

from organisations.models import (
    AgreementScope,
    DataSharingAgreement,
    Organisation,
    Role,
    Sector,
    SharingScope,
    User,
)
from organisations.services import user_set_roles


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
        skip_postgeneration_save = True

    title = "Activity sharing"
    owner = factory.SubFactory(OrganisationFactory)
    recipient = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def scopes(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Every scope unless given (`scopes=["activities"]`), as agreements made before scopes were."""
        if create:
            AgreementScope.objects.bulk_create(
                AgreementScope(agreement=self, scope=s) for s in (extracted or SharingScope.values)
            )
