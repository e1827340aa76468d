"""The statutory evidence pack's figures with known data: who was heard by neighbourhood and by
group (victims of crime against a target profile when one is loaded), what they said and which
decisions it informed."""

from datetime import date

import pytest
from django.http import Http404

from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import reports_reach
from outcomes.reports_evidence import evidence_data
from outcomes.reports_scope import period_for
from outcomes.reports_selectors import evidence_query
from reach.models import TargetProfile, TargetShare

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import YEAR


def _pack(user, world, **kwargs):
    period = period_for(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), area=world.district)
    return evidence_data(user=user, period=period, **kwargs)


@pytest.fixture
def victims_profile(police):
    profile = TargetProfile.objects.create(name="Victims of crime in Trafford, 2025", organisation=police)
    for category, share in (("16-24", 0.3), ("25-34", 0.3), ("45-54", 0.2), ("65-74", 0.2)):
        TargetShare.objects.create(profile=profile, dimension="age", category=category, amount=share)
    TargetShare.objects.create(profile=profile, dimension="sex", category="Female", amount=0.5)
    TargetShare.objects.create(profile=profile, dimension="sex", category="Male", amount=0.5)
    return profile


def test_who_was_heard_neighbourhood_by_neighbourhood(world, analyst):
    heard = _pack(analyst, world)["heard"]
    assert (heard["activities"], heard["people"], heard["left_out"]) == (3, 52, 1)
    wards = {w["name"]: w for w in heard["neighbourhoods"]}
    assert list(wards) == ["Altrincham", "Bowdon", "Sale"]
    assert (wards["Altrincham"]["activities"], wards["Altrincham"]["people"]) == (2, 52)
    bowdon = wards["Bowdon"]
    assert (bowdon["activities"], bowdon["people"], bowdon["not_counted"]) == (1, 0, 1)  # 4 people: left out
    assert (wards["Sale"]["activities"], wards["Sale"]["people"], wards["Sale"]["under"]) == (0, 0, [])
    assert "Aged 35 to 44 (age)" in wards["Altrincham"]["under"]


def test_the_neighbourhoods_are_worked_out_together_as_one_by_one(world, analyst, monkeypatch):
    """The wards' reports come from reads they share; they must say what each ward's own report
    says, with the pack's area given or not."""
    together = [_pack(analyst, world)["heard"], evidence_data(user=analyst, period=_everywhere())["heard"]]
    monkeypatch.setattr(
        reports_reach,
        "_ward_reports",
        lambda user, activities, period, wards: {
            w.pk: reports_reach.heard(user, activities, period, area=w) for w in wards
        },
    )
    alone = [_pack(analyst, world)["heard"], evidence_data(user=analyst, period=_everywhere())["heard"]]
    assert together == alone and any(w["under"] for w in together[0]["neighbourhoods"])


def _everywhere():
    return period_for(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), area=None)


def test_who_was_heard_by_group_and_the_activities_aimed_at_groups(world, analyst):
    heard = _pack(analyst, world)["heard"]
    assert heard["groups"]["forms"] == "45"
    assert heard["audiences"] == [
        {"name": "Victims of crime", "activities": 1, "people": 12, "not_counted": 0}
    ]


def test_victims_of_crime_against_the_population_without_a_target(world, analyst):
    victims = _pack(analyst, world)["heard"]["victims"]
    assert (victims["activities"], victims["people"], victims["target"]) == (1, 12, "")
    assert victims["titles"] == ["Victims' surgery, Altrincham"]
    assert victims["reach"]["compared_with"] == "people living in Trafford (Census 2021)"


def test_victims_of_crime_against_a_loaded_target_profile(world, analyst, victims_profile):
    query = evidence_query(user=analyst, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), area="E08000009")
    assert query.target == victims_profile  # the victims' profile the police loaded
    victims = _pack(analyst, world, target=query.target)["heard"]["victims"]
    assert victims["target"] == "Victims of crime in Trafford, 2025"
    assert victims["reach"]["compared_with"] == "Victims of crime in Trafford, 2025"


def test_another_organisations_target_profile_is_not_found(world, council, victims_profile):
    victims_profile.is_shared = False
    victims_profile.save()
    stranger = UserFactory(organisation=council, roles=[Role.ANALYST])
    with pytest.raises(Http404):
        evidence_query(user=stranger, target=victims_profile.pk)
    assert evidence_query(user=stranger).target is None


def test_what_they_said_and_which_decisions_it_informed(world, analyst):
    data = _pack(analyst, world)
    assert data["findings_total"] == 1
    (finding,) = data["findings"]
    assert finding["statement"] == "[NAME] of [ADDRESS], [POSTCODE], says the park is unsafe at night"
    assert (finding["area"], finding["found_on"], finding["activity"]) == (
        "Altrincham",
        "20 March 2025",
        "Altrincham PACT meeting",
    )
    assert [t["label"] for t in data["themes"]] == ["Dark paths in the park"]
    (decision,) = data["decisions"]
    assert decision["summary"] == "Light the path through the park" and decision["findings"] == 1
    assert len(decision["actions"]) == 2


def test_the_law_is_in_the_opening_in_plain_words(world, analyst):
    law = " ".join(_pack(analyst, world)["law"])
    assert "The law asks the police and crime commissioner to obtain the views of the people" in law
    assert "victims of crime" in law and "Police Act 1996, section 96" in law
    assert "section 34" in law and "each" in law and "neighbourhood" in law


def test_a_period_must_have_begun_and_be_in_order(world, analyst):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        evidence_query(user=analyst, start=date(YEAR, 6, 1), end=date(YEAR, 1, 1))
    with pytest.raises(ValidationError):
        evidence_query(user=analyst, start=date(2999, 1, 1), end=date(2999, 2, 1))
    with pytest.raises(ValidationError):
        evidence_query(user=analyst, area="E09999999")
