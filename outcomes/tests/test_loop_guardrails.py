"""The conditions the feedback loop adds to an activity's lifecycle (core.extensions
.transition_checks): "analysed" needs an analysis or a finding, "feedback given" needs published
feedback, and nothing is closed or evaluated before it has happened."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.extensions import transition_checks
from engagement import services
from engagement.models import Answer, Status
from engagement.tests.factories import ActivityFactory
from insight.models import AnalysisRun, RunState
from outcomes.hooks_loop import loop_condition
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

PAST = timezone.now() - timedelta(days=10)


def _move(officer, activity, to):
    return services.activity_transition(user=officer, activity=activity, to=to, confirmed=True)


def test_the_conditions_are_registered():
    assert loop_condition in list(transition_checks)


def test_an_event_is_not_closed_before_it_has_happened(officer, ward):
    coming = ActivityFactory(lead_organisation=officer.organisation, status=Status.OPEN, areas=[ward])
    with pytest.raises(ValidationError) as error:
        _move(officer, coming, Status.CLOSED)
    assert "has not happened yet" in " ".join(error.value.messages)
    coming.refresh_from_db()
    assert coming.status == Status.OPEN
    coming.starts_at = PAST
    coming.save()
    _move(officer, coming, Status.CLOSED)


def test_an_event_is_not_evaluated_before_it_has_happened(officer, ward):
    coming = ActivityFactory(
        lead_organisation=officer.organisation, status=Status.FEEDBACK_GIVEN, areas=[ward]
    )
    services.checklist_answer_set(user=officer, activity=coming, point=25, answer=Answer.DONE)
    assert "has not happened yet" in loop_condition(coming, Status.EVALUATED)


def test_analysed_needs_an_analysis_or_a_finding(officer, consultation, run):
    AnalysisRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING)
    with pytest.raises(ValidationError) as error:
        _move(officer, consultation, Status.ANALYSED)
    assert "Analyse the answers" in " ".join(error.value.messages)
    AnalysisRun.objects.filter(pk=run.pk).update(state=RunState.DONE)
    _move(officer, consultation, Status.ANALYSED)


def test_a_finding_is_enough_to_be_analysed(officer, ward):
    event = ActivityFactory(
        lead_organisation=officer.organisation, status=Status.CLOSED, starts_at=PAST, areas=[ward]
    )
    assert loop_condition(event, Status.ANALYSED)
    make_trail(event, published=False)
    assert loop_condition(event, Status.ANALYSED) == ""
    _move(officer, event, Status.ANALYSED)


def test_feedback_given_needs_published_feedback(officer, ward):
    event = ActivityFactory(
        lead_organisation=officer.organisation, status=Status.ANALYSED, starts_at=PAST, areas=[ward]
    )
    draft = make_trail(event, published=False)
    with pytest.raises(ValidationError) as error:
        _move(officer, event, Status.FEEDBACK_GIVEN)
    assert "Publish its feedback" in " ".join(error.value.messages)
    draft.feedback.state = "published"
    draft.feedback.save()
    _move(officer, event, Status.FEEDBACK_GIVEN)
    event.refresh_from_db()
    assert event.status == Status.FEEDBACK_GIVEN


def test_other_moves_are_not_touched(ward, officer):
    coming = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED, areas=[ward])
    for target in (Status.OPEN, Status.CANCELLED, Status.DRAFT):
        assert loop_condition(coming, target) == ""
