"""The places API router (api.places), through ninja's test client."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import Resolver404, resolve
from ninja.testing import TestClient

from api.places import router
from places.importers import census_import
from places.models import Area, AreaBoundary, AreaLevel, Postcode
from places.services import area_get_or_create, area_set_parent

from .conftest import WARD_FILES

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return TestClient(router)


@pytest.fixture
def trafford():
    census_import(paths=WARD_FILES)
    district, _ = area_get_or_create(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    for ward in Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD):
        area_set_parent(area=ward, parent=district)
    return district


def test_areas_need_a_staff_member(client, trafford, django_user_model):
    # The NinjaAPI turns PermissionDenied into a 403; the bare router just raises it.
    with pytest.raises(PermissionDenied):
        client.get("/areas")
    nobody = django_user_model.objects.create_user("nobody", password="x")  # in no organisation
    for path in ("/areas", "/areas/E08000009", "/areas/E08000009/profile", "/audiences"):
        with pytest.raises(PermissionDenied):
            client.get(path, user=nobody)


def test_mounted_under_api(trafford, officer):
    try:
        resolve("/api/areas")
    except Resolver404:
        pytest.skip("api.places.router is not mounted in api/api.py yet")
    anonymous = Client()
    assert anonymous.get("/api/areas").status_code == 401
    staff = Client()
    staff.force_login(officer)
    assert staff.get("/api/areas/E08000009/profile").json()["population"] == 235_050


def test_list_filters_and_paginates(client, trafford, officer):
    response = client.get("/areas?level=neighbourhood", user=officer)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 21
    first = data["items"][0]
    assert first == {
        "code": "E05000819",
        "name": "Altrincham",
        "level": "neighbourhood",
        "parent": "E08000009",
        "has_boundary": False,
    }
    assert client.get("/areas?parent=e08000009", user=officer).json()["count"] == 21
    assert client.get("/areas?level=district", user=officer).json()["items"][0]["code"] == "E08000009"
    assert [a["code"] for a in client.get("/areas?q=altrin", user=officer).json()["items"]] == ["E05000819"]
    assert client.get("/areas?q=E05000820", user=officer).json()["count"] == 1
    assert client.get("/areas?level=nowhere", user=officer).status_code == 422


def test_area_detail(client, trafford, officer):
    data = client.get("/areas/E05000819", user=officer).json()
    assert data["ancestors"] == [{"code": "E08000009", "name": "Trafford", "level": "district"}]
    assert data["children"] == []
    district = client.get("/areas/E08000009", user=officer).json()
    assert len(district["children"]) == 21 and district["parent"] is None
    assert client.get("/areas/E05999999", user=officer).status_code == 404


def test_profile_matches_the_command(client, trafford, officer):
    from places.profiles import area_profile

    data = client.get("/areas/E08000009/profile", user=officer).json()
    assert data == area_profile(trafford)
    assert data["population"] == 235_050
    assert next(iter(data["dimensions"]["age"])) == "0-15"


def test_audiences(client, officer):
    data = client.get("/audiences", user=officer).json()
    young = next(a for a in data if a["slug"] == "young-people")
    assert young["dimension"] == "age" and young["categories"] == ["16-24"]


def test_boundaries_show_in_the_list_and_the_detail(client, trafford, officer, django_assert_max_num_queries):
    geometry = {"type": "Polygon", "coordinates": [[[-2.3, 53.4], [-2.2, 53.4], [-2.2, 53.5], [-2.3, 53.4]]]}
    AreaBoundary.objects.create(area=Area.objects.get(code="E05000819"), geometry=geometry)
    with django_assert_max_num_queries(4):  # no query per row for has_boundary
        items = client.get("/areas?level=neighbourhood", user=officer).json()["items"]
    assert [a["code"] for a in items if a["has_boundary"]] == ["E05000819"]
    assert client.get("/areas/E05000819", user=officer).json()["boundary"] == geometry
    assert client.get("/areas/E05000820", user=officer).json()["boundary"] is None


def test_joining_an_area_never_reads_its_boundary():
    """Boundaries are hundreds of kilobytes each: no query for areas may read them by default."""
    for query in (
        Area.objects.all().query,
        Area.objects.select_related("parent", "msoa").query,
        Postcode.objects.select_related("lsoa__parent").query,
    ):
        assert "geometry" not in str(query)
