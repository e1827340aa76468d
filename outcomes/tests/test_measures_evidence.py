"""The evidence register: data sources per area, and an area's page showing their figures beside
the engagement held there (activities, priorities, and what other parts register)."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.tests.factories import ActivityFactory
from insight.priorities import priority_create
from outcomes import measures_services
from outcomes.extensions import AreaEvidence, EvidenceItem, area_evidence
from outcomes.measures_evidence import area_evidence as area_evidence_page
from outcomes.models import EvidenceSource

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for

FIGURES = b"area,period,value,respondents\nAltrincham,2026-04-01,81,120\nAltrincham,2026-07-01,84,98\n"


@pytest.fixture
def survey(officer, ward, partnership):
    source = measures_services.evidence_source_create(
        user=officer,
        name="Victim satisfaction survey",
        kind="user_satisfaction",
        unit="%",
        partnership=partnership,
    )
    measures_services.evidence_values_import(user=officer, source=source, data=FIGURES)
    measures_services.evidence_values_import(
        user=officer, source=source, data=b"area,period,value\nAltrincham,2025-04-01,70\n"
    )
    return source


@pytest.fixture
def findings():
    """A provider as the feedback loop will register one."""

    def provide(user, area, start, end):
        return [
            AreaEvidence(
                title="What people told us",
                items=[EvidenceItem(text=f"Speeding near schools in {area.name}", detail=f"{start:%Y}")],
            )
        ]

    area_evidence.register("test-findings", provide)
    yield
    area_evidence.items.pop("test-findings")


def test_an_areas_evidence_for_a_year(officer, survey, ward, police, findings):
    held = ActivityFactory(
        lead_organisation=police,
        title="PACT meeting: Altrincham",
        areas=[ward],
        starts_at=timezone.make_aware(datetime(2026, 5, 6, 19)),
    )
    ActivityFactory(
        lead_organisation=police,
        title="Last year's meeting",
        areas=[ward],
        starts_at=timezone.make_aware(datetime(2025, 5, 6, 19)),
    )
    priority_create(user=officer, area=ward, quarter="2026-Q3", label="Speeding", rank=1)
    priority_create(user=officer, area=ward, quarter="2025-Q3", label="Old priority", rank=1)
    page = area_evidence_page(user=officer, area=ward, year=2026)
    assert (page.start, page.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert [s.source for s in page.sources] == [survey]
    assert [r.text for r in page.sources[0].series.rows] == ["81%", "84%"]
    assert page.activities == [held]
    assert [p.label for p in page.priorities] == ["Speeding"]
    ours = next(s for s in page.sections if s.title == "What people told us")
    assert ours.items[0].text == "Speeding near schools in Altrincham"


def test_the_area_page(officer, survey, ward, findings):
    client = client_for(officer)
    url = reverse("measures:evidence_area")
    assert client.get(url).status_code == 200
    html = client.get(url, {"area": ward.code, "year": 2026}).content.decode()
    for words in (
        "Altrincham: the evidence",
        "Victim satisfaction survey",
        "81%",
        "What people told us",
        "Speeding near schools in Altrincham",
        "No activities you can see",
        "heard-measure-chart",
    ):
        assert words in html, words
    bad = client.get(url, {"area": "NOWHERE", "year": 2026})
    assert bad.status_code == 400 and b"Choose an area from the list" in bad.content


def test_a_partner_sees_the_partnerships_sources_and_an_outsider_does_not(survey, partner, stranger, ward):
    assert list(EvidenceSource.objects.visible_to(partner)) == [survey]
    assert not EvidenceSource.objects.visible_to(stranger).exists()
    assert (
        client_for(stranger).get(reverse("measures:evidence_detail", kwargs={"pk": survey.pk})).status_code
        == 404
    )
    html = (
        client_for(stranger).get(reverse("measures:evidence_area"), {"area": ward.code, "year": 2026}).content
    )
    assert b"Victim satisfaction survey" not in html
    detail = client_for(partner).get(reverse("measures:evidence_detail", kwargs={"pk": survey.pk}))
    assert detail.status_code == 200 and b"84%" in detail.content
    assert not partner.has_perm("outcomes.change_evidence", survey)


def test_the_source_pages(officer, survey, ward, other_ward):
    client = client_for(officer)
    listing = client.get(reverse("measures:evidence_list")).content.decode()
    assert "Victim satisfaction survey" in listing and "User-satisfaction survey" in listing
    assert "Complaints" in client.get(reverse("measures:evidence_list") + "?kind=complaints").content.decode()
    detail = client.get(reverse("measures:evidence_detail", kwargs={"pk": survey.pk}) + f"?area={ward.code}")
    assert b"April to June 2025" in detail.content and b"heard-measure-chart" in detail.content
    create = client.post(reverse("measures:evidence_create"), {"name": "", "kind": "complaints"})
    assert create.status_code == 400 and b"Enter the name" in create.content
    made = client.post(
        reverse("measures:evidence_create"),
        {"name": "Complaints", "kind": "complaints", "direction": "lower", "frequency": "month"},
    )
    assert made.status_code == 302
    edit = client.post(
        reverse("measures:evidence_edit", kwargs={"pk": survey.pk}),
        {"name": survey.name, "kind": survey.kind, "direction": "higher", "frequency": "month"},
    )
    assert edit.status_code == 400 and b"frequency cannot change" in edit.content
