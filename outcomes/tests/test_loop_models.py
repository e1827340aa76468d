"""What the reports read of the loop: records by area (and the areas inside it), by period and
by activity, and only published OFFICIAL feedback of public activities through `public_objects`."""

from datetime import timedelta

from django.utils import timezone

from engagement.tests.factories import ActivityFactory
from outcomes.models import Action, Decision, Feedback, Finding
from outcomes.tests.loop_factories import make_trail
from places.tests.factories import AreaFactory

from .loop_fixtures import *  # noqa: F403


def test_by_area_period_and_activity(consultation, police, district, ward):
    here = make_trail(consultation)
    elsewhere_area = AreaFactory(code="E05000777", name="Elsewhere")
    elsewhere = make_trail(
        ActivityFactory(lead_organisation=police, areas=[elsewhere_area], is_published=True)
    )
    today = timezone.localdate()
    for model, record in (
        (Finding, here.finding),
        (Decision, here.decision),
        (Action, here.action),
        (Feedback, here.feedback),
    ):
        assert list(model.objects.in_area(district)) == [record], model.__name__
        assert list(model.objects.for_activity(consultation)) == [record], model.__name__
    assert Finding.objects.in_period(today, today).count() == 2
    assert not Decision.objects.in_period(today + timedelta(days=1), None).exists()
    assert list(Action.objects.in_period(None, today + timedelta(days=31))) == [here.action, elsewhere.action]
    assert Feedback.objects.in_period(today - timedelta(days=1), today).count() == 2


def test_the_public_reads_published_official_feedback_of_public_activities(consultation, police, ward):
    shown = make_trail(consultation)
    draft = make_trail(consultation, published=False)
    hidden = make_trail(ActivityFactory(lead_organisation=police, areas=[ward], is_published=False))
    assert list(Feedback.public_objects.all()) == [shown.feedback]
    assert list(Decision.public_objects.all()) == [shown.decision]
    assert list(Action.public_objects.all()) == [shown.action]
    assert list(Finding.public_objects.all()) == [shown.finding]
    assert (
        draft.feedback not in Feedback.public_objects.all()
        and hidden.feedback not in Feedback.public_objects.all()
    )
