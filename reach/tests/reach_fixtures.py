"""Fixtures shared by the reach part's tests (imported by each test module: a conftest.py in
reach/tests would be shared with the other parts of the app). Tests run with --nomigrations, so
the reference rows the data migrations seed (methods, audiences) are put in here."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import EqualityRecord
from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from places.models import Area, AreaLevel, PopulationCount
from places.services import area_set_parent
from places.tests.factories import AreaFactory

# The fixtures, for `from .reach_fixtures import *` (named imports of fixtures read as unused).
__all__ = ["district", "other_ward", "reach_refs", "ward"]

# A ward of 1,000 people: older than it is young, half women, 80% White.
WARD_PROFILE = {
    "age": {
        "0-15": 200,
        "16-24": 110,
        "25-34": 130,
        "35-44": 130,
        "45-54": 130,
        "55-64": 120,
        "65-74": 100,
        "75+": 80,
    },
    "sex": {"Female": 510, "Male": 490},
    "ethnicity": {
        "Asian, Asian British or Asian Welsh": 100,
        "Black, Black British, Black Welsh, Caribbean or African": 40,
        "Mixed or Multiple ethnic groups": 30,
        "White": 800,
        "Other ethnic group": 30,
    },
    "religion": {
        "No religion": 350,
        "Christian": 500,
        "Muslim": 80,
        "Other religion": 20,
        "Not answered": 50,
    },
    "disability": {"Disabled": 180, "Not disabled": 820},
}


@pytest.fixture
def reach_refs(reference_data, db):
    """Methods and audiences, as the data migrations seed them."""
    return None


def profile(area: Area, counts: dict[str, dict[str, int]] = WARD_PROFILE, scale: int = 1) -> Area:
    PopulationCount.objects.bulk_create(
        PopulationCount(area=area, dimension=dimension, category=category, count=count * scale)
        for dimension, categories in counts.items()
        for category, count in categories.items()
    )
    return area


@pytest.fixture
def district(reach_refs):
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def ward(district):
    ward = AreaFactory(code="E05000820", name="Altrincham")
    area_set_parent(area=ward, parent=district)
    return profile(ward)


@pytest.fixture
def other_ward(district):
    ward = AreaFactory(code="E05000821", name="Bowdon")
    area_set_parent(area=ward, parent=district)
    return profile(ward, scale=2)


def activity_in(area: Area, organisation, **kwargs) -> Activity:
    defaults = {
        "lead_organisation": organisation,
        "status": Status.CLOSED,
        "starts_at": timezone.now() - timedelta(days=30),
        "areas": [area],
    }
    return ActivityFactory(**(defaults | kwargs))


def forms(activity: Activity, n: int, **answers: str) -> None:
    """`n` standalone paper equality forms with the same answers."""
    EqualityRecord.objects.bulk_create(
        EqualityRecord(activity=activity, channel="paper", **answers) for _ in range(n)
    )
