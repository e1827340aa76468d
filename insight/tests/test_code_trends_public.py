"""The public neighbourhood page's policing codes quarter by quarter: quarters under 10 hidden,
and no hidden quarter recoverable from its district's and neighbours' figures or from its
year's. The page itself, its chart and its words: website/tests/test_code_quarters.py."""

import random
from datetime import date

import pytest

from insight.code_trends_public import (
    Periods,
    _members_codes,
    _public_counts,
    family_hidden,
    periods_of,
    public_code_trend,
)
from places.models import AreaLevel
from places.tests.factories import AreaFactory

from .coding_factories import coded, text_question, uncoded

THIS = 2026
LAST = 2025
TODAY = date(THIS, 11, 1)  # this year's quarters: January to December (the fourth is under way)
Q = {n: f"{THIS}-Q{n}" for n in range(1, 5)}


@pytest.fixture
def question(police, district):
    return text_question(police, district)


def row_of(trend, code):
    return next(r for r in trend.rows if r.code == code)


def cells(trend, code):
    """Period -> what the page shows, years and quarters."""
    row = row_of(trend, code)
    shown = dict(zip(trend.quarters, [c.words for c in row.public_quarters], strict=True))
    return {**shown, str(trend.last_year): row.last_shown, str(trend.this_year): row.this_shown}


def number(words):
    return int(words) if words.isdigit() else None


def recoverable(pages, parent, periods):
    """The hidden figures someone could work out by one subtraction: the district's figure minus
    its other neighbourhoods' (all shown), or a year's minus its other quarters' (all shown).
    `pages`: each neighbourhood's period -> words; `parent`: the district's."""
    found = []
    for name, page in pages.items():
        for year, quarters in periods.rows.items():
            line = [year, *quarters]
            hidden = [p for p in line if number(page[p]) is None]
            if len(hidden) == 1:
                found.append((name, hidden[0], "its year's other quarters"))
        for period, words in page.items():
            column = [other[period] for other in pages.values()]
            alone = sum(number(w) is None for w in column) == 1
            if number(words) is None and number(parent[period]) is not None and alone:
                found.append((name, period, "the district minus the others"))
    return found


def test_quarters_under_10_say_fewer_than_10(police, question, wards):
    ward = wards[0]
    coded(question, "speeding", 12, year=LAST, area=ward, month=5)
    coded(question, "speeding", 15, year=THIS, area=ward, month=2)
    coded(question, "speeding", 4, year=THIS, area=ward, month=5)
    coded(question, "speeding", 3, year=THIS, area=ward, month=8)
    uncoded(question, 20, year=THIS, area=ward)
    trend = public_code_trend(area=ward, today=TODAY)
    assert trend.quarters == [f"{LAST}-Q{n}" for n in range(1, 5)] + list(Q.values())
    shown = cells(trend, "speeding")
    assert [shown[f"{LAST}-Q{n}"] for n in range(1, 5)] == ["0", "12", "0", "0"]
    assert [shown[Q[n]] for n in range(1, 5)] == ["15", "fewer than 10", "fewer than 10", "0"]
    assert (shown[str(LAST)], shown[str(THIS)]) == ("12", "22")
    row = row_of(trend, "speeding")
    assert [c.count for c in row.public_quarters][4:] == [15, None, None, 0]
    assert trend.answers_this_year is None and trend.quarter_answers == []  # no totals in public


def test_no_quarter_is_shown_that_is_still_to_come(police, question, wards):
    coded(question, "speeding", 12, year=THIS, area=wards[0], month=2)
    trend = public_code_trend(area=wards[0], today=date(THIS, 4, 2))
    assert trend.quarters[-1] == Q[2]


def test_a_lone_small_quarter_cannot_be_worked_out_from_its_year(police, question, wards):
    ward = wards[0]
    coded(question, "asb", 15, year=THIS, area=ward, month=2)
    coded(question, "asb", 4, year=THIS, area=ward, month=5)
    shown = cells(public_code_trend(area=ward, today=TODAY), "asb")
    # 19 shown for the year, 4 hidden for April to June: January to March's 15 is withheld too
    assert (shown[str(THIS)], shown[Q[1]], shown[Q[2]]) == ("19", "withheld", "fewer than 10")
    assert recoverable({"ward": shown}, dict.fromkeys(shown, "withheld"), periods_of(TODAY)) == []


def test_a_hidden_ward_quarter_cannot_be_worked_out_from_the_district(police, question, wards, district):
    # the year figures are all large; the quarters are where a small one hides
    coded(question, "asb", 12, year=THIS, area=wards[0], month=5)
    coded(question, "asb", 10, year=THIS, area=wards[0], month=2)
    coded(question, "asb", 3, year=THIS, area=wards[1], month=5)
    coded(question, "asb", 15, year=THIS, area=wards[1], month=2)
    coded(question, "asb", 20, year=THIS, area=wards[2], month=5)
    coded(question, "asb", 11, year=THIS, area=wards[2], month=8)
    parent = cells(public_code_trend(area=district, today=TODAY), "asb")
    assert parent[Q[2]] == "35"
    pages = {w.name: cells(public_code_trend(area=w, today=TODAY), "asb") for w in wards}
    assert pages["Brooklands"][Q[2]] == "fewer than 10"
    # the district's 35 minus Sale Moor's 20 would give Brooklands' 3: Ashton's 12 is withheld
    assert pages["Ashton upon Mersey"][Q[2]] == "withheld"
    assert pages["Sale Moor"][Q[2]] == "20"
    assert recoverable(pages, parent, periods_of(TODAY)) == []


def test_every_grid_leaves_no_hidden_figure_one_subtraction_away():
    """Many random neighbourhoods: no row or shown column of the grid has exactly one hidden figure."""
    rng = random.Random(7)
    periods = periods_of(TODAY)
    for _ in range(400):
        grid = []
        for _ward in range(rng.randint(1, 5)):
            quarters = {q: rng.choice([0, 0, 1, 3, 6, 9, 10, 12, 25]) for q in periods.quarters}
            years = {y: sum(quarters[q] for q in qs) for y, qs in periods.rows.items()}
            grid.append({**years, **quarters})
        parent = {p: sum(values[p] for values in grid) + rng.choice([0, 0, 4]) for p in periods.all}
        hidden = family_hidden(grid, parent, periods, 10)
        for values, gone in zip(grid, hidden, strict=True):
            assert {p for p, n in values.items() if 0 < n < 10} <= gone
            for year, quarters in periods.rows.items():
                assert sum(p in gone for p in [year, *quarters]) != 1, (grid, hidden)
        for p in periods.all:
            if parent[p] >= 10 and len(grid) > 1:  # an only neighbourhood has no neighbour to hide
                assert sum(p in gone for gone in hidden) != 1, (grid, hidden)


def test_a_figure_hidden_on_the_parents_page_is_not_the_sum_of_figures_shown():
    periods = periods_of(TODAY)
    zero = dict.fromkeys(periods.all, 0)
    grid = [{**zero, Q[1]: 12, str(THIS): 12}, {**zero, Q[1]: 13, str(THIS): 13}]
    parent = {**zero, Q[1]: 25, str(THIS): 25}
    assert family_hidden(grid, parent, periods, 10) == [set(), set()]
    hidden = family_hidden(grid, parent, periods, 10, parent_hidden={Q[1], str(THIS)})
    # the smaller ward's quarter, and then its year (else its year minus its other quarters)
    assert hidden == [{Q[1], str(THIS)}, set()]


def test_every_hidden_parent_figure_has_a_hidden_figure_under_it():
    rng = random.Random(11)
    periods = periods_of(TODAY)
    for _ in range(300):
        grid = []
        for _ward in range(rng.randint(1, 4)):
            quarters = {q: rng.choice([0, 0, 3, 10, 12, 25]) for q in periods.quarters}
            grid.append({**{y: sum(quarters[q] for q in qs) for y, qs in periods.rows.items()}, **quarters})
        parent = {p: sum(values[p] for values in grid) for p in periods.all}
        withheld = {p for p in periods.all if rng.random() < 0.3}
        hidden = family_hidden(grid, parent, periods, 10, withheld)
        for p in withheld:
            if any(values[p] for values in grid):
                assert any(p in gone for gone in hidden), (grid, withheld, hidden)


def test_a_districts_withheld_quarter_cannot_be_added_up_from_its_wards(police):
    """Trafford's 25 in January to March is withheld on its own page (beside Stockport's 5 and
    the county's 30, it would give Stockport's away); its wards' 12 and 13 would add up to it."""
    county = AreaFactory(code="E11000001", name="Greater Manchester", level=AreaLevel.DISTRICT)
    trafford = AreaFactory(code="E08000009", name="Trafford", parent=county)
    stockport = AreaFactory(code="E08000007", name="Stockport", parent=county)
    wards = [AreaFactory(code=f"E0500082{i}", name=f"Ward {i}", parent=trafford) for i in range(2)]
    question = text_question(police, county)
    coded(question, "asb", 12, year=THIS, area=wards[0], month=2)
    coded(question, "asb", 13, year=THIS, area=wards[1], month=2)
    coded(question, "asb", 5, year=THIS, area=stockport, month=2)
    assert cells(public_code_trend(area=county, today=TODAY), "asb")[Q[1]] == "30"
    assert cells(public_code_trend(area=stockport, today=TODAY), "asb")[Q[1]] == "fewer than 10"
    assert cells(public_code_trend(area=trafford, today=TODAY), "asb")[Q[1]] == "withheld"
    pages = [cells(public_code_trend(area=w, today=TODAY), "asb") for w in wards]
    assert [page[Q[1]] for page in pages] == ["withheld", "13"]


def test_neighbours_are_counted_together_as_each_alone(
    police, question, wards, district, django_assert_num_queries
):
    """Where people live (a ward, or a smaller area inside one) or, with no postcode, where the
    activity was held (one ward, two, or the district only); another district's answers too."""
    inside = AreaFactory(code="E01006099", name="Sale Moor LSOA", parent=wards[2])
    elsewhere = AreaFactory(code="E08000007", name="Stockport", level=AreaLevel.DISTRICT)
    coded(question, "asb", 3, year=THIS, area=wards[0], month=2)
    coded(question, "asb", 2, year=LAST, area=inside, month=11)
    coded(question, "drugs", 4, year=THIS, area=wards[1], month=8)
    coded(question, "drugs", 2, year=THIS, area=elsewhere, month=8)
    coded(question, "asb", 5, year=THIS, month=5)  # no postcode, held in the district only
    two_wards = text_question(police, wards[0])
    two_wards.questionnaire.activity.areas.add(wards[1])
    coded(two_wards, "speeding", 6, year=THIS, month=2)
    coded(text_question(police, wards[2]), "speeding", 1, year=LAST, month=3)
    coded(text_question(police, elsewhere), "speeding", 7, year=THIS, month=2)
    years = (THIS, LAST)
    with django_assert_num_queries(3):
        together = _members_codes(district, wards, years)
    for ward in wards:
        alone = _public_counts(ward, years)
        assert together[ward.pk].code_year == alone.code_year
        assert together[ward.pk].code_quarter == alone.code_quarter
    assert together[wards[0].pk].code_year == {("asb", THIS): 3, ("speeding", THIS): 6}
    assert together[wards[2].pk].code_year == {("asb", LAST): 2, ("speeding", LAST): 1}


def test_the_change_is_said_only_when_both_years_are_shown(police, question, wards):
    coded(question, "speeding", 12, year=LAST, area=wards[0])
    coded(question, "speeding", 40, year=THIS, area=wards[0], month=2)
    coded(question, "speeding", 3, year=THIS, area=wards[1], month=2)  # Ashton's year withheld
    uncoded(question, 60, year=LAST, area=wards[0])
    uncoded(question, 20, year=THIS, area=wards[0])
    row = row_of(public_code_trend(area=wards[0], today=TODAY), "speeding")
    assert row.this_shown == "withheld" and row.change == ""


def test_periods_run_from_last_january_to_this_quarter():
    periods = periods_of(date(THIS, 7, 1))
    assert isinstance(periods, Periods)
    assert periods.all[:2] == [str(LAST), str(THIS)]
    assert periods.rows[str(THIS)] == [Q[1], Q[2], Q[3]]
