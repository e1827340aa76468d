"""Small numbers in the published documents: no cell under the outsiders' threshold anywhere in
the evidence pack or the annual report (whoever makes them, the owning organisation's staff
included), and no subtraction between the pack's tables — everyone's against victims' of crime,
the area's against its neighbourhoods' — that works out a number either hides."""

from datetime import date
from typing import Any

import pytest
from django.test import override_settings

from consultations.models import EqualityRecord
from outcomes.reports_annual import annual_data
from outcomes.reports_evidence import evidence_data
from outcomes.reports_scope import period_for, year_period

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import YEAR, _forms

BELOW = 10
HIDDEN_WORDS = ("fewer than", "withheld")


def _pack(user, world):
    period = period_for(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), area=world.district)
    return evidence_data(user=user, period=period)


def _counts(value: Any, key: str = "") -> list[tuple[str, Any]]:
    """Every count of people in the figures: (what it is, its value)."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for name, inner in value.items():
            found += _counts(inner, name)
    elif isinstance(value, list):
        for inner in value:
            found += _counts(inner, key)
    elif key in ("participants", "people", "forms", "answers", "reached", "not_answered"):
        found.append((key, value))
    return found


def _small(value: Any) -> bool:
    if isinstance(value, str):
        if value.startswith(HIDDEN_WORDS):
            return False
        value = int(value.replace(",", ""))
    return 0 < value < BELOW


def _table(reach: dict[str, Any]) -> dict[tuple[str, str], int]:
    """A reach table's shown counts by (dimension, group)."""
    return {
        (d["label"], r["group"]): int(r["participants"])
        for d in reach["dimensions"]
        for r in d["rows"]
        if r["participants"].isdigit()
    }


def test_no_count_of_people_under_the_threshold_in_the_pack(world, analyst):
    found = _counts(_pack(analyst, world))
    assert found and not [c for c in found if _small(c[1])]


def test_no_count_of_people_under_the_threshold_in_the_annual_report(world, analyst):
    found = _counts(annual_data(user=analyst, period=year_period(year=YEAR, area=world.district)))
    assert found and not [c for c in found if _small(c[1])]


@pytest.fixture
def victims_like_everyone(world):
    """Victims' forms that, subtracted from everyone's, would give away the PACT meeting's 3
    women aged 25 to 34 if everyone's table showed its count: 20 women aged 25 to 34 and 10 men
    aged 45 to 54 at the surgery, nothing small of its own."""
    EqualityRecord.objects.filter(activity=world.surgery).delete()
    _forms(world.surgery, 20, age_band="25-34", sex="Female")
    _forms(world.surgery, 10, age_band="45-54", sex="Male")


def test_no_subtraction_between_everyones_and_victims_tables(world, analyst, victims_like_everyone):
    heard = _pack(analyst, world)["heard"]
    everyone, victims = _table(heard["groups"]), _table(heard["victims"]["reach"])
    assert victims[("Age", "Aged 25 to 34")] == 20  # the victims' own table hides nothing
    assert ("Age", "Aged 25 to 34") not in everyone  # 23 would give the 3 away
    for key in everyone.keys() & victims.keys():
        assert not 0 < everyone[key] - victims[key] < BELOW, key


def test_no_subtraction_between_the_area_and_its_neighbourhoods(world, analyst):
    heard = _pack(analyst, world)["heard"]
    wards = sum(w["people"] for w in heard["neighbourhoods"])
    assert not 0 < heard["people"] - wards < BELOW
    for ward in heard["neighbourhoods"]:
        assert ward["people"] == 0 or ward["people"] >= BELOW


@override_settings(HEARD_SUPPRESS_BELOW=50)
def test_the_threshold_is_the_setting(world, analyst):
    data = annual_data(user=analyst, period=year_period(year=YEAR, area=world.district))
    assert data["suppressed_below"] == 50
    assert data["people"] == {"reached": 0, "left_out": 3}
    assert data["themes"] == []  # 14 answers is under 50
    assert data["reach"]["forms"] == "fewer than 50"
