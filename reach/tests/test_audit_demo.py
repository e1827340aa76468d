"""The demo's snapshot audit: partners' lists imported once, so that the report has gaps partners
fill, chances to piggyback and resources to share; the copy under demo_data/ is the same rows and
imports by hand (and with the command)."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from engagement.models import Activity
from organisations.models import Partnership, Role
from organisations.tests.factories import UserFactory
from places.demo import places_demo_load
from reach.audit_report import audit_report
from reach.audit_scope import audit_scope
from reach.demo_audit import ANCHOR, CHOICES, FILE_NAME, ROWS, demo_csv, demo_load_audit, demo_rows
from reach.models import AuditImport

from .coordination_helpers import load_reference

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 5)
COPY = Path(settings.BASE_DIR) / "demo_data" / "partnership_audit"


@pytest.fixture
def trafford(db):
    load_reference()
    places_demo_load()


@pytest.fixture
def officer(police, trafford):
    return UserFactory(username="officer", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])


def test_the_demo_audit_has_something_to_show_and_loads_once(officer):
    first = demo_load_audit(officer=officer, today=TODAY)
    assert first.created_activities == len(ROWS) and first.imports == 1
    partnership = Partnership.objects.get(name="Safer Trafford Partnership")
    assert partnership.members.count() == 6 and partnership.areas.get().code == "E08000009"
    batch = AuditImport.objects.get(file_name=FILE_NAME)
    assert batch.imported_by == officer
    assert Activity.private_objects.filter(lead_organisation__name="Trafford Faith Forum").count() == 2

    report = audit_report(user=officer, scope=audit_scope(user=officer, partnership=partnership, today=TODAY))
    assert len(report.lines) == len(ROWS)
    gaps = {g.audience for g in report.gaps}
    assert {"Carers", "Refugees and asylum seekers", "Disabled people", "Students"} <= gaps
    pairs = {(p.police.title, p.partner.title) for p in report.piggybacks}
    assert ("Street briefing on burglary, Clifford", "Health roadshow, Old Trafford") in pairs
    assert report.piggyback_cost
    assert "Leaflets and publications" in {s.what for s in report.shared_methods}
    assert "Clifford Community Centre" in {s.what for s in report.shared_venues}
    assert "Older people" in {s.what for s in report.shared_audiences}

    again = demo_load_audit(officer=officer, today=TODAY)
    assert again.created_activities == 0 and AuditImport.objects.count() == 1
    assert Activity.private_objects.count() == len(ROWS)


def test_nothing_to_do_without_trafford(police):
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    assert demo_load_audit(officer=officer, today=TODAY).created_activities == 0


def test_the_copy_in_demo_data_is_the_demo_s_rows():
    assert (COPY / "partner-activities.csv").read_bytes() == demo_csv(ANCHOR)
    sheet = load_workbook(COPY / "partner-activities.xlsx")["Activities"]
    rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == demo_rows(ANCHOR)
    assert json.loads((COPY / "mapping.json").read_text()) == CHOICES
    readme = (COPY.parent / "README.md").read_text()
    assert "partnership_audit/" in readme and "import_partner_activities" in readme


def test_the_copy_imports_by_hand_with_the_command(officer):
    demo_load_audit(officer=officer, today=TODAY)  # the partners and the partnership
    AuditImport.objects.all().delete()
    Activity.private_objects.all().delete()
    args = [
        str(COPY / "partner-activities.csv"),
        "--partnership",
        "Safer Trafford Partnership",
        "--user",
        "officer",
    ]
    out = io.StringIO()
    call_command("import_partner_activities", *args, "--check", stdout=out)
    shown = json.loads(out.getvalue())
    assert shown["rows"] == len(ROWS) and shown["mapping"]["methods"]["Coffee morning"] == ""
    with pytest.raises(CommandError, match="Say which of Heard's methods “Coffee morning” is"):
        call_command("import_partner_activities", *args, stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_partner_activities", *args, "--mapping", str(COPY / "mapping.json"), stdout=out)
    assert f"Imported {len(ROWS)} activities from partner-activities.csv" in out.getvalue()
    assert Activity.private_objects.count() == len(ROWS)


def test_the_command_refuses_who_may_not_import(officer):
    demo_load_audit(officer=officer, today=TODAY)
    UserFactory(username="analyst", organisation=officer.organisation, roles=[Role.ANALYST])
    args = [str(COPY / "partner-activities.csv"), "--partnership", "Safer Trafford Partnership"]
    with pytest.raises(CommandError, match="Only administrators and engagement officers"):
        call_command("import_partner_activities", *args, "--user", "analyst")
    with pytest.raises(CommandError, match="No partnership"):
        call_command(
            "import_partner_activities",
            str(COPY / "partner-activities.csv"),
            "--partnership",
            "X",
            "--user",
            "officer",
        )


def test_the_rows_read_like_a_partner_s_list():
    rows = list(csv.reader(io.StringIO(demo_csv(ANCHOR).decode())))
    assert rows[2][:3] == ["Tenant satisfaction survey", "Trafford Housing Trust", "Residents' survey"]
    assert rows[2][7] == "22/10/2026"
