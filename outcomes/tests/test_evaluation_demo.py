"""The evaluation's demo data: every evaluated activity evaluated, aims met and partly met,
participant forms online and on paper, standards scores that move over the year; safe to run
twice."""

from datetime import date

import pytest

from engagement.models import Activity, Status
from heard.demo import demo_load
from organisations.models import User
from outcomes.demo_evaluation import demo_load_evaluation
from outcomes.evaluation_trend import standards_trend
from outcomes.models import AimRating, Evaluation, EvaluationState, ParticipantEvaluation, StandardsAssessment

from .evaluation_fixtures import *  # noqa: F403

TODAY = date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_evaluates_its_past_activities_and_loads_again_without_duplicates():
    demo_load(today=TODAY, parts=False)
    officer, partner = User.objects.get(username="officer"), User.objects.get(username="partner")
    first = demo_load_evaluation(officer=officer, partner=partner, today=TODAY)
    assert first.evaluations > 5 and first.participant_forms > 30 and first.assessments > 5
    evaluated = Activity.private_objects.filter(
        status=Status.EVALUATED, lead_organisation__in=[officer.organisation, partner.organisation]
    )
    assert evaluated.exists()
    for activity in evaluated:
        assert Evaluation.objects.get(activity=activity).state == EvaluationState.COMPLETE
        assert activity.checklist_answers.get(point=25).answer == "done"
    assert Evaluation.objects.filter(state=EvaluationState.DRAFT).exists()
    results = set(AimRating.objects.values_list("result", flat=True))
    assert {"met", "partly"} <= results
    assert set(ParticipantEvaluation.objects.values_list("channel", flat=True)) == {"online", "paper"}
    trend = standards_trend(user=officer, by="quarter")
    assert len(trend.periods) >= 3
    averages = [sum(c.average for _, cells in trend.rows if (c := cells[i]).average) / 7 for i in (0, -1)]
    assert averages[-1] > averages[0], "scores improve over the year"
    again = demo_load_evaluation(officer=officer, partner=partner, today=TODAY)
    assert (again.evaluations, again.participant_forms, again.assessments) == (0, 0, 0)
    assert Evaluation.objects.count() == first.evaluations
    assert StandardsAssessment.objects.count() == first.assessments
