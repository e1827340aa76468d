"""The register's export, from the staff page and the API alike: through governance's
export_response, in UK local time, and safe whatever the text holds."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from engagement.tests.test_views import _form
from governance.models import AuditAction, AuditEvent

PAGE_CSV = reverse("engagement:activity_export", args=["csv"])
PAGE_XLSX = reverse("engagement:activity_export", args=["xlsx"])
SUMMER_MORNING = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # 09:00 in London (BST)
WINTER_EVENING = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)  # 18:30 in London (GMT)


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _csv(response):
    assert response.status_code == 200, response
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _xlsx(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]


def _by_header(rows):
    headers = rows[0]
    return [dict(zip(headers, row, strict=False)) for row in rows[1:]]


@pytest.mark.parametrize("url", [PAGE_CSV, "/api/activities/export?format=csv"])
def test_times_are_written_in_uk_local_time(client, officer, url):
    ActivityFactory(lead_organisation=officer.organisation, starts_at=SUMMER_MORNING, ends_at=WINTER_EVENING)
    (row,) = _by_header(_csv(client.get(url)))
    assert row["Starts"] == "2026-07-01 09:00"
    assert row["Ends"] == "2026-12-01 18:30"
    assert "+00:00" not in row["Created"]


@pytest.mark.parametrize("url", [PAGE_XLSX, "/api/activities/export?format=xlsx"])
def test_xlsx_times_are_in_uk_local_time(client, officer, url):
    ActivityFactory(lead_organisation=officer.organisation, starts_at=SUMMER_MORNING)
    (row,) = _by_header(_xlsx(client.get(url)))
    assert row["Starts"] == "2026-07-01 09:00"


def test_both_exports_are_recorded_with_their_filter_and_count(client, officer):
    ActivityFactory(lead_organisation=officer.organisation, title="One")
    _csv(client.get(PAGE_CSV, {"status": "draft"}))
    _xlsx(client.get("/api/activities/export", {"format": "xlsx", "status": "draft"}))
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("pk")
    assert [(e.changes["format"], e.changes["count"], e.changes["filter"]) for e in events] == [
        ("csv", 1, "status=draft"),
        ("xlsx", 1, "status=draft"),
    ]


def test_control_and_bidi_characters_are_stripped_on_saving(client, ward):
    response = client.post(
        reverse("engagement:activity_create"),
        _form(ward, title="Ward\x0b walk \u202eetatS\u202c", summary="Line one\x07\n\nLine two"),
    )
    assert response.status_code == 302
    activity = Activity.private_objects.get()
    assert activity.title == "Ward walk etatS"
    assert activity.summary == "Line one\n\nLine two"


def test_xlsx_holds_any_title_and_a_summary_in_paragraphs(client, officer):
    """Text stored before saving stripped it (or written around the model) still exports."""
    summary = "Come and meet the team.\n\nTea and cake from 6pm.\r\n\tAll welcome."
    activity = ActivityFactory(lead_organisation=officer.organisation, summary=summary)
    Activity.private_objects.filter(pk=activity.pk).update(title="Ward\x0b walk \u202eetatS\u202c")
    for url in (PAGE_XLSX, "/api/activities/export?format=xlsx"):
        (row,) = _by_header(_xlsx(client.get(url)))
        assert row["Title"] == "Ward walk etatS"
        assert row["Summary"] == summary.replace("\r\n", "\n")  # XLSX keeps line breaks as \n
    (row,) = _by_header(_csv(client.get(PAGE_CSV)))
    assert row["Title"] == "Ward walk etatS" and row["Summary"] == summary


def test_bad_filters_or_format_are_refused_not_exported(client, officer):
    ActivityFactory(lead_organisation=officer.organisation)
    page = client.get(PAGE_CSV, {"status": "bogus"})
    assert page.status_code == 400 and b"not valid" in page.content
    api = client.get("/api/activities/export", {"format": "pdf"})
    assert api.status_code == 422 and "format" in api.json()["errors"]
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_exports_leave_out_what_the_user_may_not_see(client, officer, outsider):
    ActivityFactory(lead_organisation=outsider.organisation, title="Council budget")
    ActivityFactory(lead_organisation=officer.organisation, title="Tea with PCSO")
    for url in (PAGE_CSV, "/api/activities/export?format=csv"):
        assert [r["Title"] for r in _by_header(_csv(client.get(url)))] == ["Tea with PCSO"]
