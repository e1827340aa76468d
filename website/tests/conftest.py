"""Fixtures for the public website's tests: a small real-coded area tree (Greater Manchester
Police > Trafford > Altrincham and Bowdon, Stockport beside Trafford), a real Trafford
postcode, and activities the public must never see."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from places.models import AreaLevel, Audience, Postcode
from places.services import area_set_parent
from places.tests.factories import AreaFactory

from .helpers import HIDDEN_TITLES, soon


def area(code: str, name: str, level: str, parent=None):
    created = AreaFactory(code=code, name=name, level=level)
    if parent is not None:
        area_set_parent(area=created, parent=parent)
    return created


@pytest.fixture
def places(db):
    force = area("E23000005", "Greater Manchester Police", AreaLevel.FORCE)
    trafford = area("E08000009", "Trafford", AreaLevel.DISTRICT, force)
    stockport = area("E08000007", "Stockport", AreaLevel.DISTRICT, force)
    altrincham = area("E05000819", "Altrincham", AreaLevel.NEIGHBOURHOOD, trafford)
    bowdon = area("E05000821", "Bowdon", AreaLevel.NEIGHBOURHOOD, trafford)
    bramhall = area("E05000785", "Bramhall North", AreaLevel.NEIGHBOURHOOD, stockport)
    lsoa = area("E01006075", "Trafford 025B", AreaLevel.LSOA, altrincham)
    orphan_lsoa = area("E01099999", "Nowhere 001A", AreaLevel.LSOA)
    Postcode.objects.create(postcode="WA14 1EJ", lsoa=lsoa)
    Postcode.objects.create(postcode="ZZ1 1ZZ", lsoa=orphan_lsoa)
    return SimpleNamespace(
        force=force,
        trafford=trafford,
        stockport=stockport,
        altrincham=altrincham,
        bowdon=bowdon,
        bramhall=bramhall,
        lsoa=lsoa,
    )


@pytest.fixture
def young_people(db):
    return Audience.objects.get(slug="young-people")


@pytest.fixture
def hidden(places, young_people):
    """One activity for each reason an activity is not public, each as visible as can be
    otherwise: in Altrincham, soon, an open consultation, for young people."""
    today = timezone.localdate()
    common = {
        "areas": [places.altrincham],
        "starts_at": soon(2),
        "consultation_kind": "focused",
        "response_opens": today - timedelta(days=1),
        "response_closes": today + timedelta(weeks=5),
        "contact_name": "HIDDEN-CONTACT",
        "audiences": [young_people],
    }
    return [
        ActivityFactory(title=HIDDEN_TITLES[0], status=Status.DRAFT, is_published=True, **common),
        ActivityFactory(title=HIDDEN_TITLES[1], status=Status.OPEN, is_published=False, **common),
        ActivityFactory(
            title=HIDDEN_TITLES[2],
            status=Status.OPEN,
            is_published=True,
            marking=Marking.OFFICIAL_SENSITIVE,
            **common,
        ),
    ]
