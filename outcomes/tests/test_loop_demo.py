"""The demo walks the whole loop for several of its closed consultations, and loads again
without adding anything."""

import pytest

from consultations.models import Answer
from engagement.models import Status
from heard.demo import demo_load
from organisations.models import Organisation, User
from outcomes.demo_loop import RESPONSES, demo_load_loop
from outcomes.models import Action, ActionStatus, Feedback, FeedbackState, Finding, PersonalUpdate

from .loop_fixtures import *  # noqa: F403


@pytest.mark.django_db
def test_the_demo_walks_the_loop_and_is_safe_to_run_twice():
    demo_load(parts=False)
    users = {u.username: u for u in User.objects.filter(username__in=["officer", "analyst"])}
    council = Organisation.objects.get(slug="trafford-council")
    first = demo_load_loop(officer=users["officer"], analyst=users["analyst"], partner=council)
    assert first.activities == first.published == 3
    assert first.findings >= 3 and first.decisions == 3 and first.actions >= 9
    assert first.updates_recorded > 0 and PersonalUpdate.objects.exists()
    walked = Feedback.objects.filter(state=FeedbackState.PUBLISHED)
    for feedback in walked:
        activity = feedback.activity
        assert activity.status in (Status.FEEDBACK_GIVEN, Status.EVALUATED)
        written = Answer.objects.filter(question__questionnaire__activity=activity, question__kind="text")
        assert written.count() >= RESPONSES
        assert activity.checklist_answers.filter(point=24, answer="done").exists()
        assert Finding.objects.filter(activity=activity, themes__isnull=False).exists()
    assert set(Action.objects.values_list("status", flat=True)) == set(ActionStatus.values)
    counts = (
        Finding.objects.count(),
        Action.objects.count(),
        Feedback.objects.count(),
        PersonalUpdate.objects.count(),
    )
    again = demo_load_loop(officer=users["officer"], analyst=users["analyst"], partner=council)
    assert again == first
    assert (
        Finding.objects.count(),
        Action.objects.count(),
        Feedback.objects.count(),
        PersonalUpdate.objects.count(),
    ) == counts
