"""The neighbourhood page's policing codes quarter by quarter: the table of quarters, named in
the visitor's language, and the chart drawn only from the figures shown (suppression itself:
insight/tests/test_code_trends_public.py)."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from insight.code_trends_public import public_code_trend
from insight.demo_codes import demo_load_codes
from insight.tests.coding_factories import coded, text_question
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory
from website.code_quarters import in_words, quarter_short, quarter_words

THIS = 2026
LAST = 2025
TODAY = date(THIS, 11, 1)
Q = {n: f"{THIS}-Q{n}" for n in range(1, 5)}


@pytest.fixture
def district(db):
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def wards(district):
    return [
        AreaFactory(code=f"E0500082{i}", name=name, parent=district)
        for i, name in enumerate(["Ashton upon Mersey", "Brooklands", "Sale Moor"])
    ]


@pytest.fixture
def question(police, district):
    return text_question(police, district)


def test_quarters_are_named_in_words():
    assert quarter_words("2026-Q4") == "October to December 2026"
    assert quarter_short("2026-Q1") == "Jan–Mar 2026"


def test_the_chart_draws_only_the_figures_shown(police, question, wards):
    ward = wards[0]
    coded(question, "speeding", 15, year=THIS, area=ward, month=2)
    coded(question, "speeding", 4, year=THIS, area=ward, month=5)
    coded(question, "speeding", 3, year=THIS, area=ward, month=8)
    coded(question, "speeding", 11, year=LAST, area=ward, month=11)
    coded(question, "drugs", 5, year=THIS, area=ward, month=2)  # nothing shown: no line
    trend = in_words(public_code_trend(area=ward, today=TODAY), 10)
    assert trend.chart is not None
    (line,) = trend.chart.lines
    assert line.label == "Speeding and road safety"
    assert {p.quarter: p.rank for p in line.points} == {
        f"{LAST}-Q1": 0,
        f"{LAST}-Q2": 0,
        f"{LAST}-Q3": 0,
        f"{LAST}-Q4": 11,
        Q[1]: 15,
        Q[4]: 0,
    }  # April to September hidden: no point, a gap in the line
    assert line.path.count("M") == 2  # the line starts again after the gap
    assert "is a gap in the line" in trend.chart.description
    assert "fewer than 10" in trend.chart.description
    assert line.points[3].title == f"Speeding and road safety: 11 in October to December {LAST}"


def test_no_chart_when_nothing_is_shown(police, question, wards):
    coded(question, "speeding", 5, year=THIS, area=wards[0], month=2)
    trend = in_words(public_code_trend(area=wards[0], today=TODAY), 10)
    assert trend.rows and trend.chart is None


# --- the page -------------------------------------------------------------------------------------


def page(ward, language="en"):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("public:area_detail", kwargs={"code": ward.code})).content.decode()


def quarter_table(html):
    found = re.search(r'id="codes-quarters-heading">.*?</table>', html, re.DOTALL)
    assert found, "no table of quarters on the page"
    return found.group(0)


def test_the_neighbourhood_page_shows_the_quarters_and_their_chart(police, question, wards):
    last = date.today().year - 1  # a whole year, whatever the date
    coded(question, "speeding", 14, year=last, area=wards[0], month=2)
    coded(question, "speeding", 4, year=last, area=wards[0], month=5)
    coded(question, "speeding", 3, year=last, area=wards[0], month=11)
    html = page(wards[0])
    table = quarter_table(html)
    assert f"January to March {last}</th>" in table
    assert 'data-label="January to March ' + str(last) + '">14</td>' in table
    assert 'data-label="April to June ' + str(last) + '">fewer than 10</td>' in table
    svg = re.search(r"<svg[^>]*heard-trend__chart.*?</svg>", table, re.DOTALL).group(0)
    assert 'role="img"' in svg and "is a gap in the line" in svg
    points = re.findall(r'data-quarter="([^"]+)" data-rank="(\d+)"', svg)
    assert (f"{last}-Q1", "14") in points
    assert not any(q in (f"{last}-Q2", f"{last}-Q4") for q, _ in points)  # hidden: no point
    assert "<script" not in table


def test_the_page_says_the_quarters_in_the_visitors_language(police, question, wards):
    last = date.today().year - 1
    coded(question, "speeding", 14, year=last, area=wards[0], month=2)
    table = quarter_table(page(wards[0], "cy"))
    assert "Ionawr" in table and "January" not in table
    assert "Chwarter wrth chwarter" in table and "Quarter by quarter" not in table


def test_the_quarters_are_cached_with_the_page_and_fresh_after_coding(police, question, wards):
    last = date.today().year - 1
    coded(question, "speeding", 14, year=last, area=wards[0], month=2)
    assert 'data-label="July to September ' + str(last) + '">0</td>' in quarter_table(page(wards[0]))
    coded(question, "speeding", 16, year=last, area=wards[0], month=8)  # saving codes bumps the generation
    assert 'data-label="July to September ' + str(last) + '">16</td>' in quarter_table(page(wards[0]))


def test_the_demo_shows_stretfords_summer_of_anti_social_behaviour_to_the_public(police, district):
    ward = AreaFactory(code="E05000829", name="Stretford", parent=district)
    AreaFactory(code="E05000828", name="Gorse Hill", parent=district)
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    demo_load_codes(officer=officer, analyst=analyst, today=date.today())
    last = date.today().year - 1
    row = next(r for r in public_code_trend(area=ward).rows if r.code == "asb")
    assert (row.public_quarters[2].count or 0) >= 10  # last July to September
    table = quarter_table(page(ward))
    assert re.search(rf'data-label="July to September {last}">\d\d</td>', table)
    # and this year against last, with the change, for both subjects the demo is about
    rows = {r.code: r for r in public_code_trend(area=ward).rows}
    for code in ("speeding", "asb"):
        assert rows[code].last_year is not None and rows[code].this_year is not None
    assert rows["speeding"].change == "up" and rows["asb"].change == "down"
