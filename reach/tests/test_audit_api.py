"""The audit and the dashboard over the API: the template, the import (checking first, every bad
row by line, all or nothing), imports and undoing one, the report and its exports, the
dashboard's numbers; the same rules as the pages."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from engagement.models import Activity
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach.models import AuditImport

from .audit_helpers import build_world, csv_bytes, row

pytestmark = pytest.mark.django_db

ROWS = [
    row(
        title="Tenant survey",
        method="Residents' survey",
        audiences="Older people",
        areas="Clifford",
        starts="2026-10-01",
        cost="3500",
    ),
    row(title="Coffee morning", method="Coffee morning", areas="Urmston", starts="2026-12-10"),
]
CHOICES = {"methods": {"coffee morning": "meeting-with-client-groups"}}


@pytest.fixture
def world(police, council):
    return build_world(police, council)


@pytest.fixture
def api(world):
    client = Client()
    client.force_login(world.coordinator)
    return client


def _post(client, world, rows=ROWS, **fields):
    data = {"partnership": world.partnership.pk, "file": SimpleUploadedFile("partners.csv", csv_bytes(rows))}
    return client.post(reverse("api:import_partner_activities"), data | fields)


def test_the_template(api):
    response = api.get(reverse("api:get_audit_template") + "?format=xlsx")
    assert response.status_code == 200 and "Notes" in load_workbook(io.BytesIO(response.content)).sheetnames
    assert api.get(reverse("api:get_audit_template") + "?format=csv").content.startswith(
        "\ufeffActivity".encode()
    )
    assert api.get(reverse("api:get_audit_template") + "?format=doc").status_code == 422


def test_checking_a_file_shows_how_it_is_read_and_imports_nothing(api, world):
    response = _post(api, world, check_only="true")
    assert response.status_code == 200
    shown = response.json()
    assert shown["rows"] == 2 and shown["columns"][0] == {"header": "Activity", "column": "Activity"}
    assert shown["mapping"]["methods"] == {"Residents' survey": "survey", "Coffee morning": ""}
    assert shown["mapping"]["organisations"] == {"Trafford Housing Trust": "trafford-housing-trust"}
    corrected = _post(api, world, check_only="true", mapping=json.dumps(CHOICES)).json()
    assert corrected["mapping"]["methods"]["Coffee morning"] == "meeting-with-client-groups"
    assert not Activity.private_objects.exists()


def test_import_all_or_nothing(api, world):
    refused = _post(api, world)
    assert refused.status_code == 422
    assert refused.json()["problems"] == ["Say which of Heard's methods “Coffee morning” is."]
    bad = _post(
        api,
        world,
        rows=[*ROWS, row(title="Nowhere", method="Survey", areas="Atlantis", starts="x")],
        mapping=json.dumps(CHOICES),
    )
    assert bad.status_code == 422
    [error] = bad.json()["errors"]
    assert error["line"] == 4 and len(error["problems"]) == 2 and bad.json()["line_word"] == "Line"
    assert not Activity.private_objects.exists()
    done = _post(api, world, mapping=json.dumps(CHOICES))
    assert done.status_code == 201
    shown = done.json()
    assert (
        shown["created"] == 2 and shown["partnership"] == "Safer Trafford Partnership" and shown["can_undo"]
    )
    assert {a["led_by"] for a in shown["activities"]} == {"Trafford Housing Trust"}


def test_bad_requests_are_clear(api, world):
    assert _post(api, world, mapping="{nope").status_code == 422
    assert _post(api, world, mapping=json.dumps({"colours": {}})).status_code == 422
    response = api.post(reverse("api:import_partner_activities"), {"partnership": world.partnership.pk})
    assert response.status_code == 422 and "Attach the CSV or XLSX file" in response.content.decode()
    response = api.post(
        reverse("api:import_partner_activities"), {"file": SimpleUploadedFile("a.csv", b"a,b")}
    )
    assert response.status_code == 422 and "Say which partnership" in response.content.decode()
    assert _post(api, world, partnership=99999).status_code == 404


def test_only_coordinators_import(world):
    client = Client()
    client.force_login(UserFactory(organisation=world.police, roles=[Role.ANALYST]))
    response = _post(client, world, mapping=json.dumps(CHOICES))
    assert (
        response.status_code == 403 and "administrators and engagement officers" in response.json()["detail"]
    )
    assert not AuditImport.objects.exists()


def test_imports_and_undo(api, world, outsider):
    batch_id = _post(api, world, mapping=json.dumps(CHOICES)).json()["id"]
    assert [b["id"] for b in api.get(reverse("api:list_audit_imports")).json()] == [batch_id]
    url = reverse("api:get_audit_import", kwargs={"import_id": batch_id})
    assert api.get(url).json()["rows"] == 2
    world.partnership.members.remove(outsider.organisation)
    stranger = Client()
    stranger.force_login(outsider)
    assert (
        stranger.get(url).status_code == 404 and stranger.get(reverse("api:list_audit_imports")).json() == []
    )
    undo = reverse("api:undo_audit_import", kwargs={"import_id": batch_id})
    assert stranger.post(undo).status_code == 404
    done = api.post(undo)
    assert done.status_code == 200 and done.json()["state"] == "undone" and done.json()["activities"] == []
    assert api.post(undo).status_code == 403
    assert not Activity.private_objects.exists()


def test_the_report_and_its_exports(api, world):
    _post(api, world, mapping=json.dumps(CHOICES))
    shown = api.get(reverse("api:get_audit_report") + f"?partnership={world.partnership.pk}").json()
    assert shown["area"] == {"code": "E08000009", "name": "Trafford"}
    assert {a["title"] for a in shown["activities"]} == {"Tenant survey", "Coffee morning"}
    assert {g["audience"] for g in shown["gaps"]} == {"Older people"}
    everyone = api.get(reverse("api:get_audit_report") + "?area=E05000825").json()
    assert everyone["partnership"] is None and [a["title"] for a in everyone["activities"]] == [
        "Tenant survey"
    ]
    export = reverse("api:export_audit_report") + f"?partnership={world.partnership.pk}&format="
    pdf = api.get(export + "pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert api.get(export + "xlsx").status_code == 200
    assert api.get(export + "csv").status_code == 422
    no_area = api.get(reverse("api:export_audit_report") + "?format=pdf")
    assert no_area.status_code == 422 and "Choose an area" in no_area.content.decode()
    assert api.get(reverse("api:get_audit_report") + "?partnership=99999").status_code == 404
    assert api.get(reverse("api:get_audit_report") + "?since=2026-12-01&until=2026-01-01").status_code == 422


def test_the_dashboard(api, world):
    shown = api.get(reverse("api:get_dashboard")).json()
    assert shown["organisation"] == "Greater Manchester Police" and shown["area"]["code"] == "E08000009"
    assert [f["key"] for f in shown["figures"]] == [
        "activities",
        "people",
        "gaps",
        "consultations",
        "duplicates",
        "contacts",
    ]
    assert all(f["url"].startswith("/staff/") for f in shown["figures"])
    assert api.get(reverse("api:get_dashboard") + "?area=E05000836").json()["area"]["name"] == "Stretford"
    assert Client().get(reverse("api:get_dashboard")).status_code == 401
