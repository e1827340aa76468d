"""Possible duplicates and chances to piggyback: scores, labels and reasons with known data, the
places that count as near, the window, and what each reader may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import Status
from governance.models import Marking
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from reach.coordination_facts import gather
from reach.coordination_match import WEIGHTS, gap_between
from reach.coordination_selectors import activity_matches, duplicates_list
from reach.coordination_text import similarity
from reach.models import MatchKind

from .coordination_helpers import activity, build_places, later, load_reference, youth_clash


@pytest.fixture(autouse=True)
def _reference(db):
    load_reference()


@pytest.fixture
def places(db):
    return build_places()


@pytest.fixture
def shared(police, council):
    """Police and council let each other see their activities."""
    DataSharingAgreementFactory(owner=police, recipient=council)
    DataSharingAgreementFactory(owner=council, recipient=police)


def _month(day):
    return f"{day:%B}" if day.year == timezone.localdate().year else f"{day:%B} {day.year}"


def test_a_youth_clash_is_a_possible_duplicate_with_its_reasons(officer, police, council, places, shared):
    ours, theirs = youth_clash(police, council, places)
    [match] = activity_matches(user=officer, activity=ours)
    assert match.activity == ours and match.other == theirs
    assert match.kind == MatchKind.DUPLICATE and match.kind_label == "Possible duplicate"
    assert (
        match.reason
        == f"Both meet young people in Stretford on knife crime and youth safety in {_month(later(2))}."
    )
    assert match.details == (
        "Same place: Stretford",
        "Same audience: young people",
        "Similar aims: knife crime and youth safety",
        f"One ends {gap_between(*gather([ours, theirs])[0]).days} days before the other starts",
        "Same kind of engagement: focus group",
    )
    assert (
        match.advice
        == "Greater Manchester Police and Trafford Council could run one joint activity instead of two."
    )
    facts, _ = gather([ours, theirs])
    text = similarity(facts[0].bag, facts[1].bag)
    date_score = 1 - gap_between(*facts) / timedelta(weeks=4)
    expected = WEIGHTS["text"] * text + WEIGHTS["audience"] + WEIGHTS["place"] + WEIGHTS["date"] * date_score
    assert match.score == round(expected, 3)


def test_a_survey_on_the_same_estate_is_a_chance_to_piggyback(officer, police, council, places, shared):
    briefing = activity(
        police,
        "Burglary prevention street briefing",
        area=places.stretford,
        day=later(10),
        method_slug="street-briefing",
        purpose="giving_information",
        audiences=("residents",),
        aims=("Tell residents how to protect their homes and hear worries about anti-social behaviour",),
    )
    survey = activity(
        council,
        "Estates residents' survey",
        area=places.stretford,
        day=later(3),
        method_slug="online-survey",
        purpose="getting_information",
        audiences=("residents", "tenants-and-residents-associations"),
        aims=("Ask tenants about repairs, anti-social behaviour and feeling safe",),
        consultation_kind="focused",
        response_opens=later(3),
        response_closes=later(40),
    )
    [match] = activity_matches(user=officer, activity=briefing)
    assert match.kind == MatchKind.PIGGYBACK and match.other == survey
    assert (
        match.reason == f"Both reach residents in Stretford on anti-social behaviour in {_month(later(3))}."
    )
    assert "Both are for everyone who lives there" in match.details
    assert "They run at the same time" in match.details
    assert "Different kinds of engagement: street briefing and online survey" in match.details
    assert (
        match.advice
        == "Trafford Council's online survey could carry Greater Manchester Police's questions too."
    )


def test_neighbouring_wards_count_but_not_a_corner_or_a_far_ward(officer, police, council, places, shared):
    ours, _ = youth_clash(police, council, places)
    for ward in (places.gorse_hill, places.urmston, places.altrincham):
        activity(
            council,
            f"Youth safety focus group, {ward.name}",
            area=ward,
            day=later(4),
            audiences=("young-people",),
            aims=("Young people on knife crime",),
        )
    found = {m.other.title: m for m in activity_matches(user=officer, activity=ours)}
    assert "Youth safety focus group, Gorse Hill" in found
    assert "Youth safety focus group, Urmston" not in found  # touches at one corner only
    assert "Youth safety focus group, Altrincham" not in found
    near = found["Youth safety focus group, Gorse Hill"]
    assert near.kind == MatchKind.PIGGYBACK  # not the same place, so not a duplicate
    assert "Stretford and Gorse Hill are next to each other" in near.details
    assert "in neighbouring Stretford and Gorse Hill" in near.reason


def test_an_activity_across_the_district_covers_its_wards(officer, police, council, places, shared):
    ours, _ = youth_clash(police, council, places)
    activity(
        council,
        "Trafford youth knife crime survey",
        area=places.trafford,
        day=later(5),
        method_slug="online-survey",
        purpose="getting_information",
        audiences=("young-people",),
        aims=("Young people's views on knife crime across Trafford",),
    )
    found = {m.other.title: m for m in activity_matches(user=officer, activity=ours)}
    district = found["Trafford youth knife crime survey"]
    assert "Stretford is part of Trafford: one is in Stretford, the other covers Trafford" in district.details
    assert (
        district.advice
        == "Trafford Council's online survey could carry Greater Manchester Police's questions too."
    )


def test_the_window_is_a_setting(officer, police, council, places, shared, settings):
    ours = activity(
        police, "Knife crime focus group", area=places.stretford, day=later(0), audiences=("young-people",)
    )
    activity(
        council, "Knife crime workshop", area=places.stretford, day=later(36), audiences=("young-people",)
    )
    assert activity_matches(user=officer, activity=ours) == []
    settings.HEARD_COORDINATION_WINDOW_WEEKS = 6
    delattr(ours, "_coordination_matches")
    assert [m.other.title for m in activity_matches(user=officer, activity=ours)] == ["Knife crime workshop"]


def test_different_people_and_aims_are_no_pair(officer, police, council, places, shared):
    ours = activity(
        police,
        "Older people's scam awareness",
        area=places.stretford,
        day=later(1),
        audiences=("older-people",),
    )
    activity(
        council,
        "Skate park design workshop",
        area=places.stretford,
        day=later(2),
        audiences=("young-people",),
    )
    activity(
        police, "Another police focus group", area=places.stretford, day=later(2), audiences=("older-people",)
    )
    assert activity_matches(user=officer, activity=ours) == []


def test_other_organisations_sensitive_unshared_and_cancelled_activities_never_appear(
    officer, police, council, places
):
    DataSharingAgreementFactory(owner=council, recipient=police)
    ours, _ = youth_clash(police, council, places)
    hidden = {
        "SENSITIVE": {"marking": Marking.OFFICIAL_SENSITIVE},
        "CANCELLED": {"status": Status.CANCELLED},
    }
    for title, extra in hidden.items():
        activity(
            council,
            f"{title} youth focus group",
            area=places.stretford,
            day=later(3),
            audiences=("young-people",),
            **extra,
        )
    unshared = OrganisationFactory(name="Trafford Housing Trust")
    activity(
        unshared,
        "UNSHARED youth focus group",
        area=places.stretford,
        day=later(3),
        audiences=("young-people",),
    )
    titles = {m.other.title for m in activity_matches(user=officer, activity=ours)}
    assert titles == {"Stretford youth safety focus group"}
    everything = {
        t for m in duplicates_list(user=officer, data={}) for t in (m.activity.title, m.other.title)
    }
    assert (
        not {"SENSITIVE youth focus group", "CANCELLED youth focus group", "UNSHARED youth focus group"}
        & everything
    )
    superuser = UserFactory(organisation=None, is_superuser=True, roles=[Role.ADMIN])
    seen_by_superuser = {
        t for m in duplicates_list(user=superuser, data={}) for t in (m.activity.title, m.other.title)
    }
    assert "SENSITIVE youth focus group" not in seen_by_superuser
    assert "UNSHARED youth focus group" in seen_by_superuser


def test_an_organisation_sees_its_own_sensitive_activity_paired(officer, police, council, places):
    DataSharingAgreementFactory(owner=council, recipient=police)
    ours, theirs = youth_clash(police, council, places)
    ours.marking = Marking.OFFICIAL_SENSITIVE
    ours.save()
    assert [m.other for m in activity_matches(user=officer, activity=ours)] == [theirs]
    council_user = UserFactory(organisation=council)
    assert duplicates_list(user=council_user, data={}) == []  # the police's is not theirs to see


def test_one_organisation_is_never_paired_with_itself(officer, police, places):
    first = activity(
        police, "Knife crime focus group", area=places.stretford, day=later(1), audiences=("young-people",)
    )
    activity(
        police,
        "Knife crime focus group again",
        area=places.stretford,
        day=later(2),
        audiences=("young-people",),
    )
    assert activity_matches(user=officer, activity=first) == []
    assert duplicates_list(user=officer, data={}) == []


def test_the_report_orders_pairs_best_first_earlier_activity_first(officer, police, council, places, shared):
    ours, theirs = youth_clash(police, council, places)
    activity(
        council,
        "Gorse Hill youth focus group",
        area=places.gorse_hill,
        day=later(20),
        audiences=("young-people",),
    )
    found = duplicates_list(user=officer, data={})
    assert (found[0].activity, found[0].other) == (ours, theirs)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert all(m.activity.starts_at <= m.other.starts_at for m in found)
