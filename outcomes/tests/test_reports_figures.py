"""The annual outcome report's figures with known data (reports_fixtures.py's world of 2025):
what it counts, what it leaves out, actions as they stood at the end of the year, and another
organisation's records never in a report someone else makes."""

import json
from datetime import date

import pytest

from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from outcomes.reports_annual import annual_data
from outcomes.reports_scope import year_period

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import PLANTED, YEAR


@pytest.fixture
def data(world, analyst):
    return annual_data(user=analyst, period=year_period(year=YEAR, area=world.district))


def test_activities_by_purpose_method_and_area(data):
    counted = data["activities"]
    assert counted["total"] == 3  # not the sensitive, cancelled, last year's or the council's
    assert dict(counted["by_purpose"]) == {
        "Giving information": 1,
        "Getting information": 1,
        "Forums for debate": 1,
        "Participation": 0,
        "Partnership": 0,
        "Empowerment": 0,
    }
    assert counted["by_method"] == [["Public meeting", 2], ["Street briefing", 1]]
    assert counted["by_area"] == [["Altrincham", 2], ["Bowdon", 1]]


def test_people_reached_leave_out_activities_under_the_threshold(data):
    # 40 at the PACT meeting (more than its 33 forms) and 12 at the surgery; the briefing's 4
    # are in no count of people.
    assert data["people"] == {"reached": 52, "left_out": 1}


def test_reach_against_the_census_is_suppressed_at_the_outsiders_threshold(data):
    reach = data["reach"]
    assert reach["forms"] == "45"
    assert reach["compared_with"] == "people living in Trafford (Census 2021)"
    age = {r["group"]: r for r in next(d for d in reach["dimensions"] if d["label"] == "Age")["rows"]}
    assert age["Aged 65 to 74"]["participants"] == "20"
    assert age["Aged 16 to 24"]["participants"] == "fewer than 10"
    assert age["Aged 16 to 24"]["share"] is None
    assert "Aged 35 to 44 (age)" in reach["under"]


def test_themes_priorities_and_the_loop(data):
    assert data["themes"] == [
        {"label": "Dark paths in the park", "answers": 14, "activity": "Altrincham PACT meeting"}
    ]
    assert data["priorities"] == [
        {"area": "Altrincham", "quarter": "April to June 2025", "rank": 1, "label": "Safer paths in the park"}
    ]
    loop = data["loop"]
    assert (loop["findings"], loop["decisions"], loop["actions"]) == (1, 1, 2)  # not the sensitive finding
    # At the end of 2025 the patrols had not started (they did in 2026) and were overdue: red.
    assert loop["actions_by_rag"] == [["Red", 1], ["Amber", 0], ["Green", 1]]
    assert dict(loop["actions_by_status"]) == {"Done": 1, "Not started": 1}


def test_you_said_we_did_reads_the_trail_as_it_stood(data):
    feedback = data["you_said_we_did"]
    assert feedback["published"] == 1
    item = feedback["items"][0]
    assert item["title"] == "Lights in the park" and item["published_on"] == "1 May 2025"
    assert item["said"] == ["[NAME] of [ADDRESS], [POSTCODE], says the park is unsafe at night"]
    decision = item["decisions"][0]
    assert decision["summary"] == "Light the path through the park"
    assert decision["body"] == "Neighbourhood tasking meeting"
    assert [a["progress"] for a in decision["actions"]] == [
        "Done on 20 April 2025",
        "Not started yet, due by 30 November 2025",
    ]


def test_evaluation_and_the_national_standards(data):
    evaluation = data["evaluation"]
    assert evaluation["complete"] == 1
    assert dict(evaluation["aims"]) == {"Met": 1, "Partly met": 1, "Not met": 0}
    assert (evaluation["with_target"], evaluation["target_met"]) == (1, 1)
    assert evaluation["forms"] == "fewer than 10" and evaluation["views"] == []
    standards = data["standards"]
    assert standards["assessments"] == 1
    assert {r["average"] for r in standards["rows"]} == {3.0} and len(standards["rows"]) == 7


def test_report_cards_with_the_years_values_and_redacted_words(data):
    (card,) = data["report_cards"]
    assert card["partnership"] == "Safer Trafford Partnership"
    (measure,) = card["measures"]
    assert [v["text"] for v in measure["values"]] == ["40 people", "55 people", "70 people"]
    assert measure["story"] == "Numbers rose after [NAME] of [ADDRESS] helped."


def test_no_residents_words_reach_the_report_as_written(data):
    text = json.dumps(data)
    assert not [value for value in PLANTED if value in text]
    assert "SENSITIVE" not in text and "SMALL-theme" not in text and "COUNCIL" not in text


def test_the_same_year_gives_the_same_report(world, analyst, data):
    again = annual_data(user=analyst, period=year_period(year=YEAR, area=world.district))
    assert again == data


def test_another_organisations_records_never_reach_a_report_someone_else_makes(world, council):
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    data = annual_data(user=partner, period=year_period(year=YEAR, area=world.district))
    assert data["activities"]["total"] == 1  # the council's own event only
    assert data["people"]["reached"] == 50
    assert data["loop"]["findings"] == 0 and data["you_said_we_did"]["published"] == 0
    assert data["themes"] == [] and data["priorities"] == [] and data["evaluation"]["complete"] == 0
    assert "PACT" not in json.dumps(data)


def test_shared_records_are_counted_for_the_partner(world, police, council):
    DataSharingAgreementFactory(owner=police, recipient=council)
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    data = annual_data(user=partner, period=year_period(year=YEAR, area=world.district))
    assert data["activities"]["total"] == 4  # the police's three OFFICIAL ones, and its own
    assert data["loop"]["findings"] == 1
    assert "SENSITIVE" not in json.dumps(data)


def test_every_area_and_one_ward(world, analyst):
    everywhere = annual_data(user=analyst, period=year_period(year=YEAR, area=None))
    bowdon = annual_data(user=analyst, period=year_period(year=YEAR, area=world.bowdon))
    assert everywhere["activities"]["total"] == 3
    assert bowdon["activities"]["total"] == 1 and bowdon["people"] == {"reached": 0, "left_out": 1}
    assert bowdon["loop"]["findings"] == 0


def test_a_year_still_running_stands_at_the_day_it_is_made(world, analyst):
    period = year_period(year=YEAR, area=world.district, today=date(YEAR, 6, 30))
    assert period.as_at == date(YEAR, 6, 30)
    data = annual_data(user=analyst, period=period)
    assert data["activities"]["total"] == 2  # the surgery in September has not happened yet
    assert data["people"] == {"reached": 40, "left_out": 1}
    # The patrols were due in November: not yet late at the end of June.
    assert data["loop"]["actions_by_rag"] == [["Red", 0], ["Amber", 0], ["Green", 2]]
