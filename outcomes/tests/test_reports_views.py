"""The reports' staff pages, per role and organisation: the board for authority members (and
what the menu offers them), the annual reports (asking, 400 with the problem shown, another
organisation's a 404), the evidence pack (its period, its files, a kept copy) and the downloads
recorded in the audit log."""

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.models import Report, ReportKind, ReportState
from outcomes.reports_services import annual_report_request

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import PLANTED, YEAR


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def made(world, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = annual_report_request(user=analyst, year=YEAR, area=world.district)
    report.refresh_from_db()
    return report


def test_an_authority_member_sees_the_board_and_the_menu_offers_it(world, member):
    response = _client(member).get(reverse("reports:board"), {"year": YEAR, "area": "E08000009"})
    assert response.status_code == 200
    menu = [item["label"] for item in response.context["staff_menu"]]
    assert "Board" in menu and "Reports" in menu
    assert "Analysis" not in menu and "Priorities" not in menu  # nothing there they can use
    assert b"Board: 2025" in response.content


def test_the_board_shows_the_key_numbers_and_links_what_the_reader_may_open(world, analyst, member):
    page = _client(analyst).get(reverse("reports:board"), {"year": YEAR, "area": "E08000009"})
    tiles = {t.key: t for t in page.context["board"].tiles}
    assert (tiles["activities"].number, tiles["people"].number, tiles["feedback"].number) == ("3", "52", "1")
    assert tiles["actions"].link == reverse("outcomes:action_list")
    assert "Aged 35 to 44 (age)" in tiles["gaps"].items
    assert tiles["gaps"].link.startswith(reverse("reach:reach") + "?area=E08000009")
    (card,) = page.context["board"].cards
    assert card["link"] == reverse("measures:report_card", kwargs={"pk": world.partnership.pk})
    assert b"<svg" in page.content
    # The member's office is in no partnership: the card is not theirs to open (nor shown).
    outsider = _client(member).get(reverse("reports:board"), {"year": YEAR})
    assert outsider.context["board"].cards == []
    assert outsider.context["board"].tiles[0].number == "0"


def test_a_bad_board_year_is_a_400(world, analyst):
    response = _client(analyst).get(reverse("reports:board"), {"year": "1066"})
    assert response.status_code == 400 and b"There is a problem" in response.content


def test_asking_for_an_annual_report(world, analyst):
    response = _client(analyst).post(reverse("reports:report_list"), {"year": YEAR, "area": "E08000009"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:report_detail", args=[report.pk]
    )
    assert (report.kind, report.year, report.area, report.requested_by) == (
        ReportKind.ANNUAL,
        YEAR,
        world.district,
        analyst,
    )


@pytest.mark.parametrize("data", [{"year": "", "area": ""}, {"year": "1800"}, {"year": YEAR, "area": "NOPE"}])
def test_a_bad_request_is_a_400_with_the_problem_shown(world, analyst, data):
    response = _client(analyst).post(reverse("reports:report_list"), data)
    assert response.status_code == 400 and b"There is a problem" in response.content
    assert not Report.objects.exists()


def test_a_superuser_of_no_organisation_reads_but_does_not_ask(world):
    root = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    client = _client(root)
    assert client.get(reverse("reports:report_list")).status_code == 200
    assert client.post(reverse("reports:report_list"), {"year": YEAR}).status_code == 403


def test_a_ready_report_shows_and_downloads(made, analyst):
    client = _client(analyst)
    page = client.get(reverse("reports:report_detail", kwargs={"pk": made.pk}))
    assert page.status_code == 200 and b"What we did" in page.content and b"Download the PDF" in page.content
    assert b"[NAME]" in page.content and not [v for v in PLANTED if v.encode() in page.content]
    pdf = client.get(reverse("reports:report_file", kwargs={"pk": made.pk, "file_format": "pdf"}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "annual-outcome-report-2025-trafford.pdf" in pdf["Content-Disposition"]
    html = client.get(reverse("reports:report_file", kwargs={"pk": made.pk, "file_format": "html"}))
    assert html.status_code == 200 and b"<!DOCTYPE html>" in html.content
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(made.pk))
    assert exports.count() == 2


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ANALYST, Role.AUTHORITY_MEMBER, Role.PARTNER_USER])
def test_another_organisations_report_is_out_of_reach(made, council, role):
    client = _client(UserFactory(organisation=council, roles=[role]))
    assert client.get(reverse("reports:report_detail", kwargs={"pk": made.pk})).status_code == 404
    file = reverse("reports:report_file", kwargs={"pk": made.pk, "file_format": "pdf"})
    assert client.get(file).status_code == 404
    assert made.title.encode() not in client.get(reverse("reports:report_list")).content


def test_the_owners_other_staff_open_it(made, police):
    member = UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER])
    assert _client(member).get(reverse("reports:report_detail", kwargs={"pk": made.pk})).status_code == 200


def test_the_evidence_pack_page(world, analyst):
    client = _client(analyst)
    url = reverse("reports:evidence_pack")
    assert client.get(url).status_code == 200
    page = client.get(url, {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "area": "E08000009"})
    assert page.status_code == 200
    assert b"The law asks the police and crime commissioner" in page.content
    assert b"Who was heard, neighbourhood by neighbourhood" in page.content and b"[NAME]" in page.content
    pdf = client.get(url, {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="outcomes.evidence_pack").exists()


@pytest.mark.parametrize(
    "query",
    [
        {"start": f"{YEAR}-06-01", "end": f"{YEAR}-01-01"},
        {"start": "2025-02-30"},
        {"area": "E09999999"},
        {"start": "1990-01-01", "end": "1990-02-01"},
        {"format": "docx"},
    ],
)
def test_a_bad_evidence_pack_query_is_a_400(world, analyst, query):
    response = _client(analyst).get(reverse("reports:evidence_pack"), query)
    assert response.status_code == 400 and b"There is a problem" in response.content


def test_keeping_a_copy_of_the_evidence_pack(world, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(analyst).post(
            reverse("reports:evidence_pack"),
            {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31", "area": "E08000009"},
        )
    report = Report.objects.get()
    assert response.status_code == 302 and report.kind == ReportKind.EVIDENCE
    assert report.state == ReportState.DONE and report.data["heard"]["people"] == 52
    assert report.title == "Evidence pack for Trafford, 1 January 2025 to 31 December 2025"
