"""A neighbourhood's policing codes over time: counts, shares, quarters, the change test, and
the public figures (hidden under the threshold, and never recoverable by subtraction)."""

from datetime import date

import pytest

from insight.code_trends import changed_more_than_chance, code_trend, rising_codes
from insight.code_trends_public import public_code_trend

from .coding_factories import answer, coded, text_question, uncoded

THIS = 2026
LAST = 2025
TODAY = date(THIS, 11, 1)


@pytest.fixture
def question(police, district):
    return text_question(police, district)


def rows_by_code(trend):
    return {row.code: row for row in trend.rows}


def test_the_change_test_tells_a_real_change_from_noise():
    assert changed_more_than_chance(25, 40, 10, 40)
    assert not changed_more_than_chance(5, 40, 4, 40)
    assert not changed_more_than_chance(3, 0, 1, 10)  # nothing to compare with
    assert not changed_more_than_chance(0, 10, 0, 10)


def test_staff_see_counts_shares_quarters_and_whether_a_change_is_more_than_noise(police, question, wards):
    ward = wards[0]
    coded(question, "speeding", 10, year=LAST, area=ward)
    coded(question, "asb", 20, year=LAST, area=ward)
    uncoded(question, 10, year=LAST, area=ward)
    coded(question, "speeding", 25, year=THIS, area=ward, month=2)
    coded(question, "asb", 5, year=THIS, area=ward, month=8)
    uncoded(question, 10, year=THIS, area=ward)
    trend = code_trend(organisation_id=police.pk, area=ward, today=TODAY)
    assert (trend.answers_last_year, trend.answers_this_year) == (40, 40)
    rows = rows_by_code(trend)
    speeding, asb = rows["speeding"], rows["asb"]
    assert (speeding.last_year, speeding.this_year, speeding.change) == (10, 25, "up")
    assert (speeding.last_share, speeding.this_share) == (0.25, 0.625)
    assert (asb.last_year, asb.this_year, asb.change) == (20, 5, "down")
    assert trend.quarters[0] == f"{LAST}-Q1" and trend.quarters[-1] == f"{THIS}-Q4"
    assert speeding.quarters[4] == 25 and asb.quarters[6] == 5
    assert [r.code for r in trend.rising] == ["speeding"]
    assert trend.chart is not None and {line.label for line in trend.chart.lines} >= {
        "Speeding and road safety"
    }
    assert rising_codes(organisation_id=police.pk, area=ward, today=TODAY)[0]["code"] == "speeding"


def test_a_small_difference_is_not_called_a_change(police, question, wards):
    coded(question, "drugs", 4, year=LAST, area=wards[0])
    uncoded(question, 36, year=LAST, area=wards[0])
    coded(question, "drugs", 5, year=THIS, area=wards[0])
    uncoded(question, 35, year=THIS, area=wards[0])
    row = rows_by_code(code_trend(organisation_id=police.pk, area=wards[0], today=TODAY))["drugs"]
    assert (row.change, row.significant) == ("", False)


def test_a_district_counts_its_wards_and_answers_without_a_postcode_count_where_held(
    police, question, wards, district
):
    coded(question, "speeding", 3, year=THIS, area=wards[0])
    coded(question, "speeding", 2, year=THIS, area=wards[1])
    coded(question, "speeding", 4, year=THIS)  # no postcode: the activity is held in the district
    assert (
        rows_by_code(code_trend(organisation_id=police.pk, area=district, today=TODAY))["speeding"].this_year
        == 9
    )
    assert (
        rows_by_code(code_trend(organisation_id=police.pk, area=wards[0], today=TODAY))["speeding"].this_year
        == 3
    )


def test_staff_see_only_their_own_organisations_codes(police, council, question, wards):
    coded(question, "speeding", 3, year=THIS, area=wards[0])
    assert code_trend(organisation_id=council.pk, area=wards[0], today=TODAY).rows == []


def test_the_public_see_counts_of_ten_or_more_and_fewer_than_10_below(police, question, wards):
    ward = wards[0]
    coded(question, "speeding", 12, year=LAST, area=ward)
    coded(question, "speeding", 30, year=THIS, area=ward)
    coded(question, "drugs", 4, year=LAST, area=ward)
    coded(question, "drugs", 11, year=THIS, area=ward)
    uncoded(question, 40, year=LAST, area=ward)
    uncoded(question, 20, year=THIS, area=ward)
    rows = rows_by_code(public_code_trend(area=ward, today=TODAY))
    assert (rows["speeding"].last_shown, rows["speeding"].this_shown, rows["speeding"].change) == (
        "12",
        "30",
        "up",
    )
    assert (rows["drugs"].last_shown, rows["drugs"].this_shown) == ("fewer than 10", "11")
    assert (
        rows["drugs"].last_year is None and rows["drugs"].change == ""
    )  # no change said from a hidden figure
    assert rows["speeding"].this_share is None  # no shares: they would give the totals away


def test_the_public_cannot_work_out_a_hidden_ward_from_the_district(police, question, wards, district):
    coded(question, "asb", 12, year=THIS, area=wards[0])
    coded(question, "asb", 3, year=THIS, area=wards[1])
    coded(question, "asb", 20, year=THIS, area=wards[2])
    assert rows_by_code(public_code_trend(area=district, today=TODAY))["asb"].this_shown == "35"
    shown = [rows_by_code(public_code_trend(area=w, today=TODAY))["asb"].this_shown for w in wards]
    # the district minus the other wards would give Brooklands' 3: Ashton's (the smallest other) is withheld
    assert shown == ["withheld", "fewer than 10", "20"]


def test_the_public_count_only_published_activities_coded_by_their_lead(police, council, wards):
    hidden = text_question(police, wards[0], published=False)
    coded(hidden, "speeding", 15, year=THIS, area=wards[0])
    theirs = text_question(council, wards[0])
    row = answer(theirs, "speeding", year=THIS, area=wards[0])
    from insight.models import AnswerCode

    AnswerCode.objects.create(organisation=police, answer=row, code="speeding", version=1)
    assert public_code_trend(area=wards[0], today=TODAY).rows == []
