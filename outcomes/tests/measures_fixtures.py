"""Fixtures shared by the tests of measures and plans (imported by each test module, so that no
conftest is shared with the other parts of outcomes)."""

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client

from engagement.models import Method
from organisations.models import Partnership, PartnershipKind, Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from outcomes import measures_services
from places.models import AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def methods(db):
    """The methods of engagement the data migrations seed (absent with --nomigrations)."""
    if not Method.objects.exists():
        import_module("engagement.migrations.0003_methods").forwards(apps, None)


@pytest.fixture
def district(db):
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def ward(district):
    area = AreaFactory(code="E05000819", name="Altrincham")
    area_set_parent(area=area, parent=district)
    return area


@pytest.fixture
def other_ward(district):
    area = AreaFactory(code="E05000820", name="Ashton upon Mersey")
    area_set_parent(area=area, parent=district)
    return area


@pytest.fixture
def partnership(police, council):
    found = Partnership.objects.create(name="Safer Trafford Partnership", kind=PartnershipKind.STATUTORY)
    found.members.add(police, council)
    return found


@pytest.fixture
def analyst(police):
    return UserFactory(organisation=police, roles=[Role.ANALYST])


@pytest.fixture
def partner(council):
    """A council partner user: a member of the partnership, not of the police."""
    return UserFactory(organisation=council, roles=[Role.PARTNER_USER])


@pytest.fixture
def stranger(db):
    """Staff of an organisation in no partnership with the police."""
    return UserFactory(organisation=OrganisationFactory(name="Unrelated Trust"), roles=[Role.ADMIN])


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def measure(user, partnership=None, **kwargs):
    fields = {"name": "Victims satisfied with the service", "quadrant": "how_well", "unit": "%"}
    fields.update(kwargs)
    return measures_services.measure_create(user=user, partnership=partnership, **fields)


def with_values(user, found, figures):
    for day, value in figures:
        measures_services.measure_value_set(
            user=user, measure=found, period_start=day, value=Decimal(str(value))
        )
    return found
