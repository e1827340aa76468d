"""Fixtures and builders for the contacts and coverage tests (imported by each test module, so
that the part's tests need no shared conftest)."""

from datetime import date, timedelta
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from organisations.tests.factories import DataSharingAgreementFactory
from places.models import AreaLevel, Audience
from places.services import area_set_parent
from places.tests.factories import AreaFactory, AudienceFactory
from reach.models import CommunityContact, ContactKind


@pytest.fixture
def methods(db):
    """The methods the data migration seeds (tests run with --nomigrations)."""
    import_module("engagement.migrations.0003_methods").forwards(apps, None)


@pytest.fixture
def reference(methods):
    """The methods and audiences the data migrations seed."""
    import_module("places.migrations.0002_audiences").forwards(apps, None)


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
def older(db):
    return AudienceFactory(name="Older people", slug="older-people")


@pytest.fixture
def young(db):
    return AudienceFactory(name="Young people", slug="young-people")


@pytest.fixture
def sharing(police, council):
    """The police share their activities with the council."""
    return DataSharingAgreementFactory(owner=police, recipient=council)


def make_contact(
    organisation: Any,
    *,
    kind: str = ContactKind.GROUP,
    name: str = "Sale Moor Residents",
    areas: list[Any] = (),  # type: ignore[assignment]
    audiences: list[Any] = (),  # type: ignore[assignment]
    review_on: date | None = None,
    **fields: Any,
) -> CommunityContact:
    today = timezone.localdate()
    fields.setdefault("email", "hello@example.org")
    contact = CommunityContact.objects.create(
        kind=kind,
        name=name,
        organisation=organisation,
        consent_to_contact=True,
        consent_given_on=today - timedelta(days=30),
        review_on=review_on or today + timedelta(days=300),
        **fields,
    )
    contact.areas.set(list(areas))
    contact.audiences.set(list(audiences) or list(Audience.objects.none()))
    return contact
