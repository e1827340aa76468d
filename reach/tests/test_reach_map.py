"""The ward map: drawn on the server from the boundaries in the database (no tiles), each ward a
link, shaded by activities or by groups under-represented, with a table beside it; the same as
GeoJSON. And the projection itself."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import AreaBoundary, AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory
from reach import geo

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms, profile

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-2.40, 53.38], [-2.35, 53.38], [-2.35, 53.42], [-2.40, 53.42], [-2.40, 53.38]]],
}
NEXT_DOOR = {
    "type": "MultiPolygon",
    "coordinates": [[[[-2.35, 53.38], [-2.30, 53.38], [-2.30, 53.42], [-2.35, 53.42], [-2.35, 53.38]]]],
}


@pytest.fixture
def mapped(ward, other_ward, police):
    AreaBoundary.objects.create(area=ward, geometry=SQUARE)
    AreaBoundary.objects.create(area=other_ward, geometry=NEXT_DOOR)
    activity = activity_in(ward, police, title="UNSEEN-BY-OUTSIDERS")
    forms(activity, 40, age_band="65-74", sex="Male")
    return ward


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_projection_keeps_shapes_and_fits_the_width():
    projected = geo.projection([SQUARE, NEXT_DOOR], width=640)
    assert projected.width == 640
    ratio = (projected.height - 2 * geo.PAD) / (640 - 2 * geo.PAD)
    assert ratio == pytest.approx(0.04 / (0.10 * 0.5967), rel=0.01)  # latitude span over cos-scaled longitude
    assert projected.xy(-2.40, 53.42) == (geo.PAD, geo.PAD)
    path = geo.svg_path(SQUARE, projected)
    assert path == "M8 426.6 L320 426.6 L320 8 L8 8 L8 426.6 Z"  # south-west corner first, as given
    assert geo.svg_path({"type": "Point", "coordinates": [0, 0]}, projected) == ""
    assert geo.projection([{"type": "Polygon", "coordinates": []}]) is None


def test_the_map_page_draws_each_ward_as_a_link(officer, mapped, district):
    page = _client(officer).get(reverse("reach:map"), {"area": district.code})
    assert page.status_code == 200
    body = page.content.decode()
    svg = body.split('<svg xmlns="http://www.w3.org/2000/svg" class="heard-reach-map"')[1].split("</svg>")[0]
    links = re.findall(r'<a href="([^"]+)"[^>]*><path d="(M[^"]+)"', svg)
    assert len(links) == 2 and all(url.startswith("/staff/reach/?area=E0500082") for url, _ in links)
    assert "tile" not in body.lower() and "<script" not in svg
    assert "Altrincham: 1 activity, 5 groups under-represented" in svg or "Altrincham: 1 activity" in svg
    assert ">Bowdon</a></th>" in body  # the table alternative
    shaded = _client(officer).get(reverse("reach:map"), {"area": district.code, "show": "representation"})
    assert b"Groups under-represented" in shaded.content


def test_the_geojson(officer, mapped, district):
    response = _client(officer).get(reverse("api:get_reach_map"), {"area": district.code})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    altrincham = next(f for f in data["features"] if f["properties"]["code"] == "E05000820")
    assert altrincham["geometry"] == SQUARE and altrincham["properties"]["activities"] == 1
    assert altrincham["properties"]["equality_forms"] == "40"
    assert "Aged 65 to 74 (age)" not in altrincham["properties"]["under_represented"]  # over, not under
    assert any(u.startswith("Aged under 16") for u in altrincham["properties"]["under_represented"])
    assert _client(officer).get(reverse("api:get_reach_map"), {"area": "NOPE"}).status_code == 404


def test_outsiders_see_the_wards_but_not_other_organisations_activities(mapped, district, council):
    outsider = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    data = _client(outsider).get(reverse("api:get_reach_map"), {"area": district.code}).json()
    assert {f["properties"]["activities"] for f in data["features"]} == {0}
    page = _client(outsider).get(reverse("reach:map"), {"area": district.code})
    assert b"UNSEEN-BY-OUTSIDERS" not in page.content


def test_the_map_reads_the_same_number_of_times_for_more_wards(officer, mapped, district):
    """Each ward's report and Census profile come from reads shared by every ward: a district's
    hundred wards cost what two do."""
    client = _client(officer)
    client.get(reverse("reach:map"), {"area": district.code})  # sessions, caches
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("reach:map"), {"area": district.code})
    for n in range(3):
        more = AreaFactory(code=f"E0500083{n}", name=f"Ward {n}", level=AreaLevel.NEIGHBOURHOOD)
        area_set_parent(area=more, parent=district)
        profile(more)
        AreaBoundary.objects.create(area=more, geometry=SQUARE)
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("reach:map"), {"area": district.code})
    assert b">Ward 2</a>" in page.content
    assert len(five) == len(two), [q["sql"][:80] for q in five.captured_queries]
