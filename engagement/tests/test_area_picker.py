"""Choosing an activity's areas: a search by name or postcode (also without JavaScript, by
sending the form back with the areas found), suggestions as JSON for the script, and a map of
the wards drawn from their boundaries."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from engagement.area_map import area_map
from engagement.area_picker import area_picker, area_search
from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from engagement.tests.test_views import _form
from places.models import AreaBoundary, AreaLevel, Postcode
from places.services import area_set_parent
from places.tests.factories import AreaFactory

ADD = reverse("engagement:activity_create")


def _square(x: float, y: float, size: float = 0.01) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def sale(district, ward, other_ward):
    """Two more wards with boundaries, and a postcode in one of them (through its LSOA)."""
    sale_moor = AreaFactory(code="E05000829", name="Sale Moor")
    area_set_parent(area=sale_moor, parent=district)
    lsoa = AreaFactory(code="E01006080", name="Trafford 020A", level=AreaLevel.LSOA)
    area_set_parent(area=lsoa, parent=sale_moor)
    Postcode.objects.create(postcode="M33 2AB", lsoa=lsoa)
    for number, area in enumerate((ward, other_ward, sale_moor)):
        AreaBoundary.objects.create(area=area, geometry=_square(-2.35 + number * 0.01, 53.4))
    return sale_moor


def test_areas_are_found_by_name_and_by_postcode(officer, sale, district):
    assert [a.name for a in area_search(user=officer, query="sale")] == ["Sale Moor"]
    by_postcode = area_search(user=officer, query="m332ab")
    assert [(a.name, a.hint) for a in by_postcode] == [("Sale Moor", "Ward in Trafford, where M33 2AB is")]
    outward = area_search(user=officer, query="M33")
    assert [(a.name, a.hint) for a in outward] == [("Sale Moor", "Ward in Trafford, with postcodes in M33")]
    assert area_search(user=officer, query="Trafford")[0].hint == "District"
    assert {a.name for a in area_search(user=officer, query="")} >= {"Trafford", "Sale Moor", "Altrincham"}
    assert area_search(user=officer, query="Narnia") == []


def test_the_picker_lists_the_chosen_areas_and_what_else_matches(officer, sale, ward, other_ward):
    picker = area_picker(user=officer, chosen=[str(ward.pk), "not-an-id", str(2**64)], query="a")
    assert [a.name for a in picker.chosen] == ["Altrincham"]
    assert "Altrincham" not in [a.name for a in picker.matches]
    assert {"Sale Moor", "Ashton upon Mersey"} <= {a.name for a in picker.matches}
    assert picker.ward_map is not None and len(picker.ward_map.shapes) == 3
    # Choosing the district covers its wards: the map shades them.
    covered = area_picker(user=officer, chosen=[ward.parent_id], query=None)
    assert covered.covered_ids == {ward.pk, other_ward.pk, sale.pk}


def test_the_map_projects_boundaries_into_the_picture():
    drawn = area_map([(1, "West", _square(-2.0, 53.0), ()), (2, "East", _square(-1.99, 53.0), (9,))])
    assert drawn is not None and drawn.width == 600
    west, east = drawn.shapes
    assert west.path.startswith("M") and west.path.endswith("Z")
    assert west.x < east.x and west.y == east.y
    assert east.covered_by({9}) and not west.covered_by({9})
    assert area_map([]) is None
    assert area_map([(1, "Nowhere", {"type": "Point", "coordinates": [0, 0]}, ())]) is None


def test_the_form_has_a_searchable_picker_and_a_map_not_a_multi_select(client, sale):
    page = client.get(ADD).content.decode()
    assert "Hold Ctrl" not in page and '<select name="areas"' not in page
    assert 'name="area_search"' in page and ">Find areas</button>" in page
    assert page.count('class="heard-area-map__ward') == 3


def test_finding_areas_without_javascript_sends_the_form_back_with_matches(client, ward, sale):
    data = _form(ward, title="Sale Moor street briefing", area_search="M33 2AB", find_areas="1")
    response = client.post(ADD, data)
    page = response.content.decode()
    assert response.status_code == 200 and not Activity.private_objects.exists()
    title = re.search(r"<title>\s*(.*?)\s*</title>", page, re.S).group(1)
    assert title.startswith("Add an activity") and "There is a problem" not in page
    assert 'value="Sale Moor street briefing"' in page  # nothing typed is lost
    assert re.search(rf'id="area-{ward.pk}"[^>]*checked', page)  # still chosen
    assert re.search(rf'id="area-{sale.pk}"[^>]*>', page) and not re.search(
        rf'id="area-{sale.pk}"[^>]*checked', page
    )
    assert "1 area matches “M33 2AB”" in page
    # Ticking the match and sending the form saves both.
    data.pop("find_areas")
    data["areas"] = [ward.pk, sale.pk]
    assert client.post(ADD, data).status_code == 302
    assert set(Activity.private_objects.get().areas.all()) == {ward, sale}


def test_suggestions_come_as_json_for_the_script(client, sale, officer):
    response = client.get(ADD, {"area_search": "M33 2AB"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "results": [{"id": sale.pk, "name": "Sale Moor", "hint": "Ward in Trafford, where M33 2AB is"}]
    }
    activity = ActivityFactory(lead_organisation=officer.organisation)
    edit = reverse("engagement:activity_edit", kwargs={"pk": activity.pk})
    assert (
        client.get(edit, {"area_search": "sale"}, headers={"Accept": "application/json"}).status_code == 200
    )


def test_suggestions_are_only_for_those_who_may_use_the_form(outsider, officer, sale):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    client = Client()
    client.force_login(outsider)
    edit = reverse("engagement:activity_edit", kwargs={"pk": activity.pk})
    assert client.get(edit, {"area_search": "sale"}, headers={"Accept": "application/json"}).status_code in {
        403,
        404,
    }
