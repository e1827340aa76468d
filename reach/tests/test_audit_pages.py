"""The audit's pages: the template, the import (upload, checking the mapping, every bad row, all
or nothing), the imports and undoing one, the report and its downloads, for each role."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from consultations.import_limits import MAX_BYTES
from engagement.models import Activity
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from reach.models import AuditImport, ImportState

from .audit_helpers import build_world, csv_bytes, row

pytestmark = pytest.mark.django_db

GOOD = [
    row(
        title="Tenant survey",
        method="Residents' survey",
        audiences="Older people",
        areas="Clifford",
        starts="2026-10-01",
        ends="2026-11-30",
        cost="3500",
    ),
    row(
        title="Coffee morning",
        method="Coffee morning",
        audiences="Tenants",
        areas="Urmston",
        starts="2026-12-10",
    ),
]


@pytest.fixture
def world(police, council):
    return build_world(police, council)


@pytest.fixture
def client(world):
    client = Client()
    client.force_login(world.coordinator)
    return client


def _upload(client, world, data: bytes, name: str = "partners.csv"):
    return client.post(
        reverse("audit:import_upload"),
        {
            "partnership": str(world.partnership.pk),
            "file": SimpleUploadedFile(name, data),
            "encoding": "utf-8",
        },
    )


def _choices(response) -> dict[str, str]:
    """The mapping form's fields as the page sets them, as a browser would post them back."""
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_import_upload_then_check_the_mapping_then_import(client, world):
    response = _upload(client, world, csv_bytes(GOOD))
    assert response.status_code == 302 and response["Location"] == reverse("audit:import_map")
    page = client.get(reverse("audit:import_map"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Which method is “Residents&#x27; survey”?" in body
    choices = _choices(page)
    labels = {page.context["form"].fields[n].label: v for n, v in choices.items()}
    assert labels["Which method is “Residents' survey”?"] == "survey"
    assert labels["Which method is “Coffee morning”?"] == ""  # no close match: the user chooses
    refused = client.post(reverse("audit:import_map"), choices)
    assert refused.status_code == 400 and "Say what “Coffee morning” is" in refused.content.decode()
    assert not Activity.private_objects.exists()
    for name, label in ((n, page.context["form"].fields[n].label) for n in choices):
        if "Coffee morning" in label:
            choices[name] = "meeting-with-client-groups"
        if "Tenants" in label:
            choices[name] = "-"
    done = client.post(reverse("audit:import_map"), choices)
    batch = AuditImport.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "audit:import_detail", kwargs={"pk": batch.pk}
    )
    assert (
        batch.created == 2 and Activity.private_objects.filter(lead_organisation=world.housing).count() == 2
    )
    detail = client.get(done["Location"])
    assert b"Tenant survey" in detail.content and b"Undo this import" in detail.content
    assert client.get(reverse("audit:import_map")).status_code == 302  # the upload is used up


def test_every_bad_row_is_listed_with_its_line(client, world):
    rows = [GOOD[0], row(title="", method="Survey", areas="Atlantis", starts="soon")]
    _upload(client, world, csv_bytes(rows))
    page = client.get(reverse("audit:import_map"))
    response = client.post(reverse("audit:import_map"), _choices(page))
    body = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in body and "Nothing has been imported" in body
    assert "Line 3" in body and "“Activity”: this is needed." in body
    assert "“Atlantis” is not an area Heard knows" in body and "“soon” is not a date" in body
    assert not Activity.private_objects.exists() and not AuditImport.objects.exists()


def test_an_unreadable_or_oversized_file_is_a_400_with_the_reason(client, world):
    response = _upload(client, world, b"\x00\x01binary", name="list.csv")
    assert response.status_code == 400 and b"does not look like a CSV file" in response.content
    response = _upload(client, world, csv_bytes([]), name="list.csv")
    assert response.status_code == 400 and "no activities under it" in response.content.decode()
    response = _upload(client, world, b"x" * (MAX_BYTES + 1), name="big.csv")
    assert response.status_code == 400 and b"larger than 5 MB" in response.content
    response = client.post(reverse("audit:import_upload"), {"encoding": "utf-8"})
    assert response.status_code == 400 and b"Choose a CSV or Excel file" in response.content


def test_an_xlsx_list_imports_too(client, world):
    from reach.audit_template import template_xlsx

    data = template_xlsx(rows=[list(GOOD[0])])
    assert _upload(client, world, data, name="partners.xlsx").status_code == 302
    page = client.get(reverse("audit:import_map"))
    assert "Row 2" in page.content.decode()
    assert client.post(reverse("audit:import_map"), _choices(page)).status_code == 302
    assert AuditImport.objects.get().file_name == "partners.xlsx"


@pytest.mark.parametrize("role", [Role.PARTNER_USER, Role.ANALYST, Role.AUTHORITY_MEMBER])
def test_only_coordinators_import(world, role):
    client = Client()
    client.force_login(UserFactory(organisation=world.police, roles=[role]))
    assert client.get(reverse("audit:import_upload")).status_code == 403
    assert client.get(reverse("audit:import_map")).status_code == 403


def test_a_coordinator_of_no_partnership_cannot_import(outsider):
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("audit:import_upload")).status_code == 403


def test_undo_from_the_page(client, world):
    _upload(client, world, csv_bytes([GOOD[0]]))
    client.post(reverse("audit:import_map"), _choices(client.get(reverse("audit:import_map"))))
    batch = AuditImport.objects.get()
    page = client.get(reverse("audit:import_undo", kwargs={"pk": batch.pk}))
    assert page.status_code == 200 and b"Undo the import" in page.content
    done = client.post(reverse("audit:import_undo", kwargs={"pk": batch.pk}))
    assert done.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportState.UNDONE and not Activity.private_objects.exists()
    again = client.post(reverse("audit:import_undo", kwargs={"pk": batch.pk}))
    assert again.status_code == 302 and again["Location"] == reverse(
        "audit:import_detail", kwargs={"pk": batch.pk}
    )


def test_imports_are_seen_by_the_partnership_and_nobody_else(client, world, outsider):
    _upload(client, world, csv_bytes([GOOD[0]]))
    client.post(reverse("audit:import_map"), _choices(client.get(reverse("audit:import_map"))))
    batch = AuditImport.objects.get()
    url = reverse("audit:import_detail", kwargs={"pk": batch.pk})
    member = Client()
    member.force_login(UserFactory(organisation=world.council, roles=[Role.PARTNER_USER]))
    shown = member.get(url)
    assert shown.status_code == 200 and b"Undo this import" not in shown.content
    assert b"partners.csv" in member.get(reverse("audit:import_list")).content
    assert member.get(reverse("audit:import_undo", kwargs={"pk": batch.pk})).status_code == 403
    world.partnership.members.remove(outsider.organisation)
    stranger = Client()
    stranger.force_login(UserFactory(organisation=OrganisationFactory(name="Far away"), roles=[Role.ADMIN]))
    assert stranger.get(url).status_code == 404
    assert b"partners.csv" not in stranger.get(reverse("audit:import_list")).content
    assert client.get(reverse("audit:import_detail", kwargs={"pk": 99999})).status_code == 404


def test_the_template_page_and_its_downloads(client):
    page = client.get(reverse("audit:template"))
    assert (
        page.status_code == 200
        and b"Organisation leading it" in page.content
        and b"Focus group" in page.content
    )
    blank = client.get(reverse("audit:template_download", kwargs={"file_format": "csv"}))
    assert blank.status_code == 200 and blank["Content-Type"].startswith("text/csv")
    workbook = client.get(reverse("audit:template_download", kwargs={"file_format": "xlsx"}))
    assert load_workbook(io.BytesIO(workbook.content)).sheetnames[0] == "Activities"


def test_the_report_page_and_its_downloads(client, world):
    page = client.get(reverse("audit:report"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Safer Trafford Partnership: Trafford" in body
    assert "Gaps in policing engagement that partners' engagement fills" in body
    assert client.get(reverse("audit:report") + "?since=2026-12-01&until=2026-01-01").status_code == 400
    pdf = client.get(reverse("audit:report_export", kwargs={"file_format": "pdf"}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(reverse("audit:report_export", kwargs={"file_format": "xlsx"}) + "?area=E05000825")
    assert xlsx.status_code == 200
    bad = client.get(reverse("audit:report_export", kwargs={"file_format": "pdf"}) + "?area=NOWHERE")
    assert bad.status_code == 400


def test_a_user_of_no_partnership_chooses_an_area(outsider):
    client = Client()
    client.force_login(outsider)
    page = client.get(reverse("audit:report"))
    assert page.status_code == 200 and b"Choose a partnership or an area" in page.content
    assert client.get(reverse("audit:report") + "?partnership=every").status_code == 400


def test_the_admin_shows_imports_read_only(client, world):
    _upload(client, world, csv_bytes([GOOD[0]]))
    client.post(reverse("audit:import_map"), _choices(client.get(reverse("audit:import_map"))))
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True, organisation=None))
    page = admin.get("/admin/reach/auditimport/")
    assert page.status_code == 200 and b"partners.csv" in page.content
    assert admin.get("/admin/reach/auditimport/add/").status_code == 403


def test_the_menu_marks_the_dashboard_alone_on_the_dashboard(client):
    menu = {item["label"]: item for item in client.get(reverse("audit:dashboard")).context["staff_menu"]}
    assert menu["Dashboard"]["current"] and not menu["Partnership audit"]["current"]
    menu = {item["label"]: item for item in client.get(reverse("audit:report")).context["staff_menu"]}
    assert menu["Partnership audit"]["current"] and not menu["Dashboard"]["current"]
