"""“Who haven't we heard from?”: a neighbourhood's under-represented groups over the last 12
months across the partners' activities the user may see, the maintained ways to reach them
(seeded from seed 000) and who already reaches them (reach.extensions providers)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from places.models import Audience
from reach.extensions import audience_reachers, reachers_for
from reach.models import WayToReach
from reach.ways_seed import WAYS_TO_REACH, load_ways_to_reach

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


@pytest.fixture
def heard_from_the_old(ward, police, council):
    """Police activities heard only from older people; the council runs a youth forum nearby."""
    load_ways_to_reach()
    forms(activity_in(ward, police), 40, age_band="65-74", sex="Female")
    young = Audience.objects.get(slug="young-people")
    DataSharingAgreementFactory(owner=council, recipient=police)
    return activity_in(
        ward,
        council,
        title="Altrincham youth forum",
        audiences=[young],
        starts_at=timezone.now() + timedelta(days=10),
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_ways_to_reach_people_are_seeded_once(reach_refs):
    WayToReach.objects.all().delete()  # as before the migration that seeds them
    added = load_ways_to_reach()
    assert added == sum(len(w) for w in WAYS_TO_REACH.values())
    assert load_ways_to_reach() == 0  # safe to run twice
    older = [w.title for w in WayToReach.objects.filter(audience__slug="older-people")]
    assert "Lunch clubs and day centres" in older and "Age UK and similar networks" in older
    young = [w.title for w in WayToReach.objects.filter(audience__slug="young-people")]
    assert "The youth council" in young and "Detached youth work" in young
    assert set(WAYS_TO_REACH) <= set(Audience.objects.values_list("slug", flat=True))


def test_the_page_lists_the_gaps_with_ways_and_reachers(officer, ward, heard_from_the_old):
    page = _client(officer).get(reverse("reach:unheard"), {"area": ward.code})
    assert page.status_code == 200
    body = page.content.decode()
    assert ">Young people</h3>" in body and "Aged 16 to 24" in body
    assert "The youth council" in body and "Detached youth work" in body
    assert "Altrincham youth forum" in body and "(partner activity)" in body
    assert ">Men and boys</h3>" in body  # nobody but women took part
    assert ">Older people</h3>" not in body


def test_the_api_gives_the_same(officer, ward, heard_from_the_old):
    data = _client(officer).get(reverse("api:get_unheard"), {"area": ward.code}).json()
    gaps = {g["audience"]: g for g in data["gaps"]}
    assert "young-people" in gaps and "older-people" not in gaps
    assert any(
        r["name"] == "Altrincham youth forum" and r["kind"] == "Partner activity"
        for r in gaps["young-people"]["reached_by"]
    )
    assert any(w.startswith("Schools and colleges") for w in gaps["young-people"]["ways_to_reach"])


def test_partner_activities_are_only_those_the_user_may_see(ward, heard_from_the_old, police):
    young = Audience.objects.get(slug="young-people")
    outsider = UserFactory(organisation=UserFactory().organisation, roles=[Role.ENGAGEMENT_OFFICER])
    assert not [r for r in reachers_for(outsider, ward, young) if r.kind.endswith("activity")]
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    assert "partner_activities" in audience_reachers.items
    found = [r for r in reachers_for(officer, ward, young) if r.name == "Altrincham youth forum"]
    assert len(found) == 1 and found[0].url.endswith(f"/activities/{heard_from_the_old.pk}/")


def test_an_area_is_required_and_must_exist(officer, reach_refs):
    client = _client(officer)
    assert client.get(reverse("reach:unheard")).status_code == 200
    assert client.get(reverse("reach:unheard"), {"area": "NOPE"}).status_code == 400
    assert client.get(reverse("api:get_unheard"), {"area": "NOPE"}).status_code == 404
