"""The measures and plans demo: the Safer Trafford Partnership's report card, evidence register,
strategy action plan and annual plan; safe to run twice."""

from datetime import date

import pytest

from heard.demo import demo_load
from organisations.models import Partnership, User
from outcomes import measures_plan_selectors, measures_selectors
from outcomes.demo_measures import ACTIONS, MEASURES, demo_load_measures
from outcomes.measures_evidence import area_evidence
from outcomes.models import AnnualPlan, EvidenceSource, EvidenceValue, Measure, MeasureValue, StrategyAction
from places.models import Area

from .measures_fixtures import *  # noqa: F403 - the fixtures

TODAY = date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_fills_every_page_and_loads_again_without_duplicates():
    demo_load(today=TODAY, parts=False)
    officer, partner = User.objects.get(username="officer"), User.objects.get(username="partner")
    first = demo_load_measures(officer=officer, partner=partner, today=TODAY)
    assert (first.measures, first.sources, first.actions, first.plan_created) == (
        len(MEASURES),
        2,
        len(ACTIONS),
        True,
    )
    partnership = Partnership.objects.get(name="Safer Trafford Partnership")
    card = measures_selectors.report_card(user=partner, partnership=partnership)
    assert all(len(group.measures) >= 2 for group in card.groups)
    for view in (v for g in card.groups for v in g.measures):
        assert len(view.values) == 8 and view.chart is not None and view.story and view.target
        assert view.values[0].period_start == date(2024, 10, 1) and view.values[-1].period_start == date(
            2026, 7, 1
        )
    assert set(StrategyAction.objects.values_list("rag", flat=True)) == {"red", "amber", "green"}
    greened = StrategyAction.objects.get(action__startswith="Keep one register")
    assert [u.rag for u in measures_plan_selectors.strategy_action_history(user=officer, action=greened)] == [
        "Green",
        "Amber",
    ]
    kinds = set(EvidenceSource.objects.values_list("kind", flat=True))
    assert kinds == {"user_satisfaction", "complaints"}
    assert EvidenceValue.objects.values("area").distinct().count() == 21
    ward = Area.objects.get(code="E05000819")
    page = area_evidence(user=officer, area=ward, year=2026)
    assert len(page.sources) == 2 and page.activities and page.priorities
    plan = AnnualPlan.objects.get()
    view = measures_plan_selectors.annual_plan_view(user=officer, plan=plan)
    assert plan.year == 2026 and view.year_label == "2026/27" and plan.state == "agreed"
    assert len(view.items) >= 5 and len(view.changes) == 1
    counts = (Measure.objects.count(), MeasureValue.objects.count(), EvidenceValue.objects.count())
    again = demo_load_measures(officer=officer, partner=partner, today=TODAY)
    assert (again.measures, again.sources, again.actions, again.plan_created) == (0, 0, 0, False)
    assert (Measure.objects.count(), MeasureValue.objects.count(), EvidenceValue.objects.count()) == counts
    assert StrategyAction.objects.count() == len(ACTIONS) and AnnualPlan.objects.count() == 1
