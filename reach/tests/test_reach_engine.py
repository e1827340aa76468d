"""The reach engine over Heard's participants: shares against the Census profile, areas added
up (population-weighted), nested areas counted once, periods and audiences taking whole
activities, attendance in the people reached, ages merged to fit, target profiles, and the
sentence saying how the participants differ."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Attendance, EqualityRecord
from engagement.models import Activity
from places.census import AgeBand
from places.models import PopulationCount
from places.tests.factories import AudienceFactory
from reach.categories import align_ages, file_age, file_category
from reach.engine import Scope, census_population, outermost
from reach.gather import EVERYTHING
from reach.models import TargetProfile, TargetShare
from reach.report import heard_report

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


def _report(**scope):
    target = scope.pop("target", None)
    return heard_report(
        scope=Scope(**scope), activities=Activity.private_objects.all(), reader=EVERYTHING, target=target
    )


def test_an_areas_participants_against_its_census_profile(ward, police):
    activity = activity_in(ward, police)
    forms(activity, 30, age_band="65-74", sex="Male", ethnicity="White: Irish")
    forms(
        activity, 10, age_band="16-24", sex="Female", ethnicity="Asian, Asian British or Asian Welsh: Indian"
    )
    forms(activity, 5, age_band="Prefer not to say")
    Attendance.objects.create(activity=activity, head_count=55)
    report = _report(area=ward)
    shape = report.as_json()
    assert set(shape) == {"age", "sex", "ethnicity", "religion", "disability"}  # the profile's dimensions
    assert set(shape["age"]) == {"0-15", "16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"}
    older = shape["age"]["65-74"]
    assert set(older) == {"participants", "share", "population_share", "ratio", "low", "high", "flag"}
    assert older["participants"] == 30 and older["share"] == 0.75 and older["population_share"] == 0.1
    assert older["ratio"] == 7.5 and older["flag"] == "over"
    assert older["low"] == pytest.approx(0.5981, abs=1e-4) and older["high"] == pytest.approx(
        0.8581, abs=1e-4
    )
    assert shape["age"]["0-15"] == {
        "participants": 0,
        "share": 0.0,
        "population_share": 0.2,
        "ratio": 0.0,
        "low": 0.0,
        "high": pytest.approx(0.0876, abs=1e-4),
        "flag": "under",
    }
    age = next(d for d in report.dimensions if d.dimension == "age")
    assert age.not_answered == 5 and age.answered == 40  # "prefer not to say" is counted apart
    assert report.participants.forms == 45 and report.participants.people_reached == 55
    assert report.sentence.startswith("Participants were older")


def test_the_census_not_answered_is_left_out_of_the_population(ward, police):
    forms(activity_in(ward, police), 10, religion="Christian")
    religion = _report(area=ward).as_json()["religion"]
    assert "Not answered" not in religion
    assert religion["Christian"]["population_share"] == pytest.approx(500 / 950, abs=1e-4)


def test_several_areas_are_added_up_by_population(ward, other_ward, police):
    activity = activity_in(ward, police, areas=[ward, other_ward])
    forms(activity, 20, sex="Female")
    population = census_population([ward, other_ward])
    assert population.dimensions["sex"] == {"Female": 510 * 3, "Male": 490 * 3}
    report = _report(activity=activity)
    assert report.population.total == 3000 and "Altrincham and Bowdon" in report.population.label


def test_areas_inside_another_are_counted_once(ward, district):
    assert outermost([ward, district, ward]) == [district]


def test_an_area_counts_the_activities_inside_it(ward, other_ward, district, police):
    forms(activity_in(ward, police), 12, sex="Male")
    forms(activity_in(other_ward, police), 8, sex="Female")
    assert not PopulationCount.objects.filter(area=district).exists()
    by_district = _report(area=district)
    assert by_district.participants.forms == 20 and by_district.participants.activities == 2
    assert by_district.population.dimensions["sex"]["Female"] == 510 * 3  # the wards added up
    assert _report(area=ward).participants.forms == 12


def test_a_period_takes_whole_activities(ward, police):
    now = timezone.now()
    old = activity_in(ward, police, starts_at=now - timedelta(days=400))
    recent = activity_in(ward, police, starts_at=now - timedelta(days=20))
    forms(old, 7, sex="Male")
    forms(recent, 9, sex="Female")
    EqualityRecord.objects.filter(activity=recent).update(recorded_on=(now - timedelta(days=500)).date())
    since = (now - timedelta(days=365)).date()
    report = _report(area=ward, since=since)
    assert report.participants.forms == 9  # by when the activity was held, not when forms were typed in
    assert _report(area=ward, until=since).participants.forms == 7


def test_an_audience_counts_the_activities_aimed_at_it(ward, police):
    young = AudienceFactory(name="Young people", dimension="age", categories=["16-24"])
    forms(activity_in(ward, police, audiences=[young]), 6, age_band="16-24")
    forms(activity_in(ward, police), 11, age_band="75+")
    report = _report(audience=young)
    assert report.participants.forms == 6 and report.population.areas == [ward]


def test_people_reached_adds_head_counts_and_responses(ward, police):
    activity = activity_in(ward, police)
    Attendance.objects.create(activity=activity, head_count=20)
    Attendance.objects.create(activity=activity, head_count=15)
    forms(activity, 40)  # more forms than heads: the forms count
    other = activity_in(ward, police)
    Attendance.objects.create(activity=other, head_count=25)
    forms(other, 3)
    assert _report(area=ward).participants.people_reached == 40 + 25


def test_ages_merge_to_the_finest_bands_both_sides_fit():
    alignment = align_ages(["0-15", "16-29", "30-44", "45-64", "65+"], [AgeBand("25-34", 25, 34)])
    assert alignment.lows == [0, 16, 45, 65]  # 16-29 and 30-44 merge: 25-34 crosses them
    assert alignment.band_of(25, 34) == "16-44" and alignment.band_of(70, 70) == "65+"
    assert alignment.merge({"16-29": 10, "30-44": 5, "65+": 3}) == {"16-44": 15, "65+": 3}


def test_participants_bands_are_merged_with_a_coarser_population(ward, police):
    PopulationCount.objects.filter(area=ward, dimension="age").delete()
    for category, count in {"0-24": 310, "25-64": 510, "65+": 180}.items():
        PopulationCount.objects.create(area=ward, dimension="age", category=category, count=count)
    activity = activity_in(ward, police)
    forms(activity, 10, age_band="65-74")
    forms(activity, 10, age_band="75+")
    forms(activity, 20, age_band="35-44")
    age = _report(area=ward).as_json()["age"]
    assert set(age) == {"0-24", "25-64", "65+"}
    assert age["65+"]["participants"] == 20 and age["65+"]["share"] == 0.5


def test_a_target_profile_replaces_the_census(ward, police):
    forms(activity_in(ward, police), 20, sex="Male")
    target = TargetProfile.objects.create(name="Victims", organisation=police)
    TargetShare.objects.create(profile=target, dimension="sex", category="Male", amount=0.8)
    TargetShare.objects.create(profile=target, dimension="sex", category="Female", amount=0.2)
    report = _report(area=ward, target=target)
    assert set(report.as_json()) == {"sex"}
    assert report.as_json()["sex"]["Male"]["population_share"] == 0.8
    assert "Victims" in report.sentence


def test_file_cells_are_read_as_census_categories():
    assert file_category("ethnicity", "Indian") == "Asian, Asian British or Asian Welsh"
    assert file_category("ethnicity", "white") == "White"
    assert file_category("disability", "Disabled under the Equality Act") == "Disabled"
    assert file_category("sex", "Prefer not to say") is None
    with pytest.raises(ValueError, match="not one of"):
        file_category("sex", "Unknown")
    assert (file_age("34").low, file_age("34").high) == (34, 34)
    assert (file_age("Aged 25 to 34 years").low, file_age("75+").high) == (25, None)
    with pytest.raises(ValueError):
        file_age("old")
