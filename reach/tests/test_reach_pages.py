"""The reach pages: who took part in an area, an activity's reach and its panel, the export,
the participants upload, with their forms' errors (400 with an error summary)."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import Attendance
from governance.models import AuditAction, AuditEvent

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def activity(ward, police):
    activity = activity_in(ward, police, title="Altrincham PACT meeting")
    forms(activity, 30, age_band="65-74", sex="Male", ethnicity="White: Irish")
    forms(activity, 12, age_band="16-24", sex="Female", ethnicity="White: Irish")
    forms(
        activity, 3, age_band="25-34", sex="Female", ethnicity="Asian, Asian British or Asian Welsh: Indian"
    )
    Attendance.objects.create(activity=activity, head_count=60)
    return activity


def test_the_reach_page_shows_an_area_with_charts_and_tables(client_for, officer, activity, ward):
    page = client_for(officer).get(reverse("reach:reach"), {"area": ward.code})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Participants were older" in body
    assert "<svg" in body and 'role="img"' in body and "Aged 65 to 74" in body
    assert "Under-represented" in body and "Over-represented" in body
    assert ">3</td>" in body  # the owner sees its own small counts exactly
    assert "People reached" in body and ">60<" in body.replace("<br>", "<")
    assert (
        '<a class="govuk-service-navigation__link" href="/staff/reach/"' in body
    )  # the staff menu's "Reach"


def test_the_reach_page_without_a_choice_asks_for_one(client_for, officer, reach_refs):
    client = client_for(officer)
    assert client.get(reverse("reach:reach")).status_code == 200
    empty = client.get(reverse("reach:reach"), {"area": ""})
    assert empty.status_code == 400 and b"Choose an area, or an audience" in empty.content
    assert b"govuk-error-summary" in empty.content and b"<title>Error: Who took part" in empty.content
    bad = client.get(
        reverse("reach:reach"), {"area": "E05000820", "since": "2026-02-01", "until": "2025-01-01"}
    )
    assert bad.status_code == 400 and b"must be on or after" in bad.content
    unknown = client.get(reverse("reach:reach"), {"area": "NOPE"})
    assert unknown.status_code == 400  # not one of the choices


def test_the_activity_page_and_its_panel(client_for, officer, activity):
    client = client_for(officer)
    page = client.get(reverse("reach:activity_reach", kwargs={"pk": activity.pk}))
    assert page.status_code == 200 and b"Altrincham PACT meeting" in page.content
    detail = client.get(reverse("engagement:activity_detail", kwargs={"pk": activity.pk}))
    assert b"Who took part" in detail.content
    assert reverse("reach:activity_reach", kwargs={"pk": activity.pk}).encode() in detail.content
    assert client.get(reverse("reach:activity_reach", kwargs={"pk": 99999})).status_code == 404


def test_the_export_hides_small_counts_even_from_the_owner(client_for, officer, activity, ward):
    response = client_for(officer).get(
        reverse("reach:reach_export", kwargs={"file_format": "csv"}), {"area": ward.code}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [
        "dimension",
        "category",
        "participants",
        "share",
        "population_share",
        "ratio",
        "low",
        "high",
        "flag",
    ]
    age = {r[1]: r for r in rows if r[0] == "age"}
    assert age["65-74"][2] == "30" and age["25-34"][2] == "fewer than 10"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="reach.report").count() == 1
    bad = client_for(officer).get(reverse("reach:reach_export", kwargs={"file_format": "csv"}))
    assert bad.status_code == 400


def test_a_participants_file_is_compared_on_the_page(client_for, officer, ward):
    data = "area_code,age,sex\nE05000820,34,Female\nE05000820,75+,Male\nE05000820,70,Female\n"
    upload = io.BytesIO(data.encode())
    upload.name = "survey.csv"
    page = client_for(officer).post(reverse("reach:participants"), {"file": upload, "area": ward.code})
    assert page.status_code == 200 and b"A list of 3 participants in Altrincham" in page.content


def test_a_bad_participants_file_lists_every_problem_by_line(client_for, officer, ward):
    data = "area_code,age,sex\nE05000820,old,Female\nNOWHERE,34,Person\n"
    upload = io.BytesIO(data.encode())
    upload.name = "survey.csv"
    page = client_for(officer).post(reverse("reach:participants"), {"file": upload})
    body = page.content.decode()
    assert page.status_code == 400 and "govuk-error-summary" in body
    assert "Line 2, age: “old” is not an age" in body
    assert "Line 3: no area has the code “NOWHERE”" in body and "Line 3, sex:" in body
