"""Coverage with known data: counts and participants per area, audience and month, gaps, the
filters, the page, the exports and the API; consultation fatigue."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultations.models import Attendance, EqualityRecord
from consultations.tests.factories import QuestionnaireFactory
from core.tests.helpers import content
from engagement.models import Status
from engagement.tests.factories import ActivityFactory, method
from governance.models import AuditAction, AuditEvent
from places.models import Audience
from reach.coverage import coverage_build
from reach.fatigue import consultation_fatigue
from reach.models import CommunityContact  # noqa: F401  (the part's models are loaded)

from .contacts_helpers import *  # noqa: F403  (the fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("methods")]

PERIOD = {"starts": "2026-01-01", "ends": "2026-03-31"}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 18))


def _activity(lead, areas, day, audiences=(), status=Status.PLANNED, **fields):
    return ActivityFactory(
        lead_organisation=lead,
        areas=areas,
        audiences=list(audiences),
        starts_at=_at(day),
        status=status,
        **fields,
    )


@pytest.fixture
def known(police, council, district, ward, other_ward, older, young):
    Audience.objects.exclude(pk__in=[older.pk, young.pk]).update(is_active=False)  # two lines an area
    a1 = _activity(police, [ward], date(2026, 1, 10), [older])
    Attendance.objects.create(activity=a1, held_on=date(2026, 1, 10), head_count=30)
    for _ in range(5):
        EqualityRecord.objects.create(activity=a1, recorded_on=date(2026, 1, 10))
    a2 = _activity(police, [ward], date(2026, 2, 5), method=method("survey"))
    Attendance.objects.create(activity=a2, held_on=date(2026, 2, 5), head_count=8)
    for _ in range(12):
        EqualityRecord.objects.create(activity=a2, recorded_on=date(2026, 2, 6))
    a3 = _activity(
        police,
        [district],
        date(2026, 1, 15),
        [young],
        response_opens=date(2026, 1, 15),
        response_closes=date(2026, 3, 10),
        consultation_kind="document",
    )
    _activity(police, [other_ward], date(2026, 1, 20), [older], status=Status.CANCELLED)
    _activity(police, [other_ward], date(2026, 1, 20), [older], status=Status.DRAFT)
    _activity(council, [other_ward], date(2026, 2, 20), [young], title="NOT-SHARED")
    _activity(police, [ward], date(2025, 11, 1), [older])  # before the period
    return {"a1": a1, "a2": a2, "a3": a3}


def _line(block, name):
    return next(line for line in [*block.lines, block.everyone] if line.name == name)


def test_counts_participants_and_gaps(officer, known):
    coverage = coverage_build(user=officer, data=PERIOD)
    assert coverage.month_labels == ["Jan 2026", "Feb 2026", "Mar 2026"]
    by_name = {block.name: block for block in coverage.areas}
    altrincham, ashton = by_name["Altrincham"], by_name["Ashton upon Mersey"]
    older_line = _line(altrincham, "Older people")
    assert [(c.activities, c.participants) for c in older_line.months] == [(1, 30), (0, 0), (0, 0)]
    assert older_line.months_without == ["Feb 2026", "Mar 2026"] and not older_line.is_gap
    assert [c.activities for c in _line(altrincham, "Young people").months] == [1, 1, 1]
    everyone = _line(altrincham, "The whole community")
    assert [(c.activities, c.participants) for c in everyone.months] == [(0, 0), (1, 12), (0, 0)]
    assert [(c.activities, c.participants) for c in altrincham.months] == [(2, 30), (2, 12), (1, 0)]
    assert (altrincham.activities, altrincham.participants) == (3, 42)
    assert altrincham.gaps == []
    assert ashton.gaps == ["Older people"]
    assert (ashton.activities, _line(ashton, "Young people").activities) == (1, 1)
    assert coverage.gap_count == 1


def test_districts_count_what_happens_inside_them(officer, known):
    coverage = coverage_build(user=officer, data={**PERIOD, "level": "district"})
    assert [(b.name, b.activities, b.participants) for b in coverage.areas] == [("Trafford", 3, 42)]


def test_filters_by_method_purpose_and_organisation(officer, police, council, known):
    assert coverage_build(user=officer, data={**PERIOD, "method": "survey"}).areas[0].activities == 1
    only_a1 = coverage_build(user=officer, data={**PERIOD, "purpose": known["a1"].purpose})
    assert only_a1.areas[0].activities == 3  # the factory gives every activity the same purpose
    assert coverage_build(user=officer, data={**PERIOD, "purpose": "empowerment"}).areas[0].activities == 0
    assert (
        coverage_build(user=officer, data={**PERIOD, "organisation": council.slug}).areas[1].activities == 0
    )


def test_only_activities_the_user_may_see_count(outsider, known):
    coverage = coverage_build(user=outsider, data=PERIOD)
    assert {b.name: b.activities for b in coverage.areas} == {"Altrincham": 0, "Ashton upon Mersey": 1}


def test_bad_filters_are_refused(officer, known):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        coverage_build(user=officer, data={"starts": "2026-03-01", "ends": "2026-01-01"})
    assert "ends" in error.value.message_dict


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_page_reads_per_area_with_gaps_highlighted(officer, known):
    response = _client(officer).get(reverse("contacts:coverage"), PERIOD)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ashton upon Mersey</a>: Older people" in body and "No activity" in body
    assert "None in Feb 2026, Mar 2026" in body and "NOT-SHARED" not in body
    bad = _client(officer).get(reverse("contacts:coverage"), {"starts": "nope"})
    assert bad.status_code == 400 and b"govuk-error-summary" in bad.content


def test_csv_and_xlsx_exports(officer, known):
    client = _client(officer)
    csv_text = content(client.get(reverse("contacts:coverage_export", args=["csv"]), PERIOD)).decode(
        "utf-8-sig"
    )
    assert "E05000819,Altrincham,Older people,Jan 2026,1,30," in csv_text
    assert "E05000820,Ashton upon Mersey,Older people,Jan 2026,0,0,yes" in csv_text
    response = client.get(reverse("contacts:coverage_export", args=["xlsx"]), PERIOD)
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Coverage", "Gaps", "Consultation fatigue"]
    gaps = list(book["Gaps"].values)
    assert ("E05000820", "Ashton upon Mersey", "Older people", 0, "Jan 2026; Feb 2026; Mar 2026") in gaps
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="reach.coverage").count() == 2


def test_the_api(officer, known):
    client = _client(officer)
    data = client.get(reverse("api:get_coverage"), PERIOD).json()
    assert data["months"] == ["2026-01", "2026-02", "2026-03"]
    ashton = next(a for a in data["areas"] if a["code"] == "E05000820")
    older_line = next(a for a in ashton["audiences"] if a["audience"] == "older-people")
    assert older_line["gap"] is True and ashton["gaps"] == ["Older people"]
    assert (
        client.get(reverse("api:get_coverage"), {"starts": "2026-03-01", "ends": "2026-01-01"}).status_code
        == 422
    )
    export = client.get(reverse("api:export_coverage"), {**PERIOD, "format": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(reverse("api:export_coverage"), {"format": "pdf"}).status_code == 422


@pytest.fixture
def asks(police, council, district, ward, other_ward):
    today = timezone.localdate()
    window = {"consultation_kind": "focused"}
    _activity(
        police,
        [ward],
        today - timedelta(days=10),
        response_opens=today - timedelta(days=10),
        response_closes=today + timedelta(days=20),
        **window,
    )
    survey = _activity(council, [district], today - timedelta(days=20), method=method("online-survey"))
    QuestionnaireFactory(activity=survey)
    _activity(
        police,
        [ward],
        today - timedelta(weeks=14),
        response_opens=today - timedelta(weeks=14),
        response_closes=today - timedelta(weeks=10),
        **window,
    )
    _activity(police, [ward], today - timedelta(days=5), status=Status.DRAFT, **window)
    _activity(police, [ward], today - timedelta(days=5))  # a meeting, not an ask for views
    return today


def test_consultation_fatigue_counts_asks_across_partners(
    officer, council, sharing, asks, ward, other_ward, settings
):
    settings.HEARD_CONSULTATION_FATIGUE_LIMIT = 1
    lines = {line.name: line for line in consultation_fatigue(user=officer, rows=[ward, other_ward])}
    assert lines["Altrincham"].asks == 1  # the council's survey is not shared with the police
    from organisations.tests.factories import DataSharingAgreementFactory

    DataSharingAgreementFactory(owner=council, recipient=officer.organisation)
    lines = {line.name: line for line in consultation_fatigue(user=officer, rows=[ward, other_ward])}
    assert (lines["Altrincham"].asks, lines["Ashton upon Mersey"].asks) == (2, 1)
    assert lines["Altrincham"].is_over and not lines["Ashton upon Mersey"].is_over
    assert lines["Altrincham"].warning.startswith(
        "Residents of Altrincham have been asked for their views 2 times in the last 8 weeks."
    )
    page = _client(officer).get(reverse("contacts:coverage")).content.decode()
    assert "Residents of Altrincham have been asked for their views 2 times" in page
    api = _client(officer).get(reverse("api:get_consultation_fatigue")).json()
    assert api[0]["code"] == "E05000819" and api[0]["over"] is True and len(api[0]["activities"]) == 2


def test_no_warning_under_the_limit(officer, asks, ward):
    assert [line.warning for line in consultation_fatigue(user=officer, rows=[ward])] == [""]
