"""The National Standards trend: averages by quarter and by year over the activities a user may
see, in an area, and the chart drawn on the server with its table alternative."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from organisations.tests.factories import OrganisationFactory, UserFactory
from outcomes.evaluation_assessments import ScoreInput, standards_assess_activity
from outcomes.evaluation_charts import PAD, PLOT_HEIGHT, PLOT_TOP, standards_chart, y_of
from outcomes.evaluation_trend import standards_trend
from places.tests.factories import AreaFactory

from .evaluation_fixtures import *  # noqa: F403

SLUGS = ["inclusion", "support", "planning", "working-together", "methods", "communication", "impact"]


def _scored(user, organisation, ward, day, inclusion, others=3, **extra):
    activity = ActivityFactory(
        lead_organisation=organisation,
        status=Status.CLOSED,
        areas=[ward],
        starts_at=timezone.make_aware(datetime(*day, 18, 0)),
        **extra,
    )
    scores = [ScoreInput(s, inclusion if s == "inclusion" else others) for s in SLUGS]
    standards_assess_activity(user=user, activity=activity, scores=scores)
    return activity


@pytest.fixture
def scored(officer, police, ward):
    other_ward = AreaFactory(code="E05000820", name="Ashton upon Mersey")
    _scored(officer, police, ward, (2026, 2, 10), 2)
    _scored(officer, police, ward, (2026, 3, 1), 4)
    _scored(officer, police, other_ward, (2026, 5, 1), 3, others=4)
    stranger = OrganisationFactory(name="Elsewhere Police")
    _scored(UserFactory(organisation=stranger), stranger, ward, (2026, 5, 2), 1, others=1)
    return other_ward


def test_averages_by_quarter_over_what_the_user_may_see(officer, scored):
    trend = standards_trend(user=officer, by="quarter")
    assert trend.periods == ["2026-Q1", "2026-Q2"] and trend.assessments == 3
    assert trend.labels == ["January to March 2026", "April to June 2026"]
    rows = dict(trend.rows)
    assert [(c.average, c.count) for c in rows["Inclusion"]] == [(3.0, 2), (3.0, 1)]
    assert [(c.average, c.count) for c in rows["Impact"]] == [(3.0, 2), (4.0, 1)]
    assert [name for name, _ in trend.rows] == [
        "Inclusion",
        "Support",
        "Planning",
        "Working together",
        "Methods",
        "Communication",
        "Impact",
    ]


def test_by_year_and_in_an_area(officer, ward, scored):
    by_year = standards_trend(user=officer, by="year")
    assert by_year.labels == ["2026"] and dict(by_year.rows)["Impact"][0].average == round(10 / 3, 1)
    in_ward = standards_trend(user=officer, area=ward)
    assert in_ward.periods == ["2026-Q1"] and in_ward.assessments == 2
    assert standards_trend(user=officer, by="fortnight").by == "quarter"


def test_the_chart_puts_4_at_the_top_and_breaks_lines_at_gaps(officer, police, ward):
    _scored(officer, police, ward, (2026, 1, 10), 1, others=4)
    _scored(officer, police, ward, (2026, 7, 10), 4, others=4)
    trend = standards_trend(user=officer)
    assert trend.periods == ["2026-Q1", "2026-Q3"]
    chart = standards_chart(trend)
    assert chart is not None and len(chart.lines) == 7
    bottom = PLOT_TOP + PLOT_HEIGHT
    assert y_of(4, bottom) == PLOT_TOP + PAD and y_of(1, bottom) == bottom - PAD
    inclusion = chart.lines[0]
    assert [p.value for p in inclusion.points] == [1.0, 4.0]
    assert inclusion.points[0].y > inclusion.points[1].y  # a higher score is higher up
    assert inclusion.path.startswith("M") and " L" in inclusion.path
    assert [t.text for t in chart.period_ticks] == ["Jan–Mar 2026", "Jul–Sep 2026"]
    assert [t.text for t in chart.score_ticks] == ["1 Not yet", "2 Partly", "3 Mostly", "4 Fully"]


def test_a_missing_score_in_between_breaks_the_line(officer):
    from outcomes.evaluation_trend import StandardsTrend, TrendCell

    trend = StandardsTrend(
        by="quarter",
        periods=["2026-Q1", "2026-Q2", "2026-Q3"],
        labels=["a", "b", "c"],
        short_labels=["a", "b", "c"],
        rows=[("Inclusion", [TrendCell(2.0, 1), TrendCell(None, 0), TrendCell(3.0, 1)])],
        assessments=2,
        area=None,
    )
    chart = standards_chart(trend)
    assert chart.lines[0].path.count("M") == 2 and "L" not in chart.lines[0].path


def test_nothing_scored_draws_nothing(officer):
    assert standards_chart(standards_trend(user=officer)) is None


def test_the_overview_draws_it_with_a_table_in_words(officer, scored, client_for):
    page = client_for(officer).get(reverse("evaluation:overview"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and "National Standards self-assessment scores, quarter by quarter" in body
    assert "January to March 2026" in body and "Jan–Mar 2026" in body
    assert "2026-Q1" not in body
    by_year = client_for(officer).get(reverse("evaluation:overview"), {"by": "year"}).content.decode()
    assert "year by year" in by_year


def test_the_annual_report_reads_complete_evaluations_by_period_and_area(officer, police, ward):
    from outcomes.evaluation_selectors import evaluations_in_period
    from outcomes.models import Evaluation, EvaluationState

    other_ward = AreaFactory(code="E05000821", name="Bowdon")
    spring = _scored(officer, police, ward, (2026, 4, 2), 3)
    autumn = _scored(officer, police, other_ward, (2026, 10, 2), 3)
    earlier = _scored(officer, police, ward, (2025, 6, 2), 3)
    for activity in (spring, autumn, earlier):
        Evaluation.objects.create(activity=activity, state=EvaluationState.COMPLETE)
    Evaluation.objects.filter(activity=autumn).update(state=EvaluationState.DRAFT)
    year = evaluations_in_period(
        user=officer, start=datetime(2026, 1, 1).date(), end=datetime(2026, 12, 31).date()
    )
    assert [e.activity for e in year] == [spring]
    assert not evaluations_in_period(
        user=officer, start=datetime(2026, 1, 1).date(), end=datetime(2026, 12, 31).date(), area=other_ward
    )
    stranger = UserFactory(organisation=OrganisationFactory(name="Elsewhere Police"))
    assert not evaluations_in_period(
        user=stranger, start=datetime(2025, 1, 1).date(), end=datetime(2026, 12, 31).date()
    )
    assert standards_trend(user=officer, by="year", start=datetime(2026, 1, 1).date()).periods == ["2026"]
