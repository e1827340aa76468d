"""Reference-data imports from the staff pages and the API: a superuser uploads a Census table
and follows its progress; everyone else is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import PopulationCount, ReferenceImport, ReferenceImportState, ReferenceKind

from .conftest import CENSUS

SEX_WARDS = CENSUS / "2021_population_by_sex_ward_trafford.csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client(db):
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _file() -> SimpleUploadedFile:
    return SimpleUploadedFile(SEX_WARDS.name, SEX_WARDS.read_bytes(), content_type="text/csv")


def test_a_superuser_imports_a_census_table_from_the_page(root_client, django_capture_on_commit_callbacks):
    listing = root_client.get(reverse("reference:import_list"))
    assert listing.status_code == 200
    assert "Reference data" in {item["label"] for item in listing.context["staff_menu"]}
    assert root_client.get(reverse("reference:import_upload")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = root_client.post(reverse("reference:import_upload"), {"kind": "census", "file": _file()})
    job = ReferenceImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reference:import_detail", args=[job.pk]
    )
    page = root_client.get(response["Location"])
    assert page.status_code == 200 and b"Success" in page.content
    assert f"{job.created}".encode() in page.content and PopulationCount.objects.count() == job.created
    assert SEX_WARDS.name.encode() in root_client.get(reverse("reference:import_list")).content


def test_a_running_import_shows_its_progress_and_polls(root_client):
    job = ReferenceImport.objects.create(
        kind=ReferenceKind.CENSUS, file_name="census.csv", state=ReferenceImportState.RUNNING, progress=40
    )
    url = reverse("reference:import_detail", args=[job.pk])
    page = root_client.get(url)
    assert b"40% done" in page.content and b'http-equiv="refresh"' in page.content
    assert f'href="{url}"'.encode() in page.content  # the refresh link, without JavaScript
    fragment = root_client.get(url, headers={"HX-Request": "true"})
    assert (
        fragment.status_code == 200 and b"hx-trigger" in fragment.content and b"<html" not in fragment.content
    )
    ReferenceImport.objects.filter(pk=job.pk).update(state=ReferenceImportState.DONE, progress=100)
    done = root_client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_a_refused_upload_says_why(root_client):
    response = root_client.post(
        reverse("reference:import_upload"),
        {"kind": "boundaries", "file": SimpleUploadedFile("wards.csv", b"a,b\n")},
    )
    assert response.status_code == 400
    assert b"must be a .geojson or .json file" in response.content
    assert not ReferenceImport.objects.exists()


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.ENGAGEMENT_OFFICER])
def test_nobody_else_may_import_or_look(police, role):
    job = ReferenceImport.objects.create(kind=ReferenceKind.CENSUS, file_name="census.csv")
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[role]))
    for url in (
        reverse("reference:import_list"),
        reverse("reference:import_upload"),
        reverse("reference:import_detail", args=[job.pk]),
        reverse("api:list_reference_imports"),
        reverse("api:get_reference_import", args=[job.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("reference:import_upload"), {"kind": "census", "file": _file()}).status_code
        == 403
    )
    api = client.post(reverse("api:start_reference_import"), {"kind": "census", "file": _file()})
    assert api.status_code == 403
    assert ReferenceImport.objects.count() == 1
    menu = client.get(reverse("engagement:activity_list")).context["staff_menu"]
    assert menu and "Reference data" not in {item["label"] for item in menu}


def test_the_api_starts_an_import_and_reads_its_state(root_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = root_client.post(
            reverse("api:start_reference_import"), {"kind": "census", "file": _file()}
        )
    assert response.status_code == 202, response.content
    started = response.json()
    state = root_client.get(started["url"]).json()
    assert state["state"] == "done" and state["progress"] == 100 and state["created"] > 0
    assert state["page"] == reverse("reference:import_detail", args=[started["id"]])
    assert [j["id"] for j in root_client.get(reverse("api:list_reference_imports")).json()] == [started["id"]]
    refused = root_client.post(reverse("api:start_reference_import"), {"kind": "census"})
    assert refused.status_code == 422 and "file" in refused.json()["errors"]
    assert root_client.get(reverse("api:get_reference_import", args=[999999])).status_code == 404
