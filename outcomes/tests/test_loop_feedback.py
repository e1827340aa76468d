"""Writing and publishing feedback ("We did"): published once, under a row lock (a stale
publish is a conflict), with a date and channels; publishing answers checklist point 24 as the
publishing user and queues the personal e-mails once the transaction commits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.lifecycle import TransitionConflict
from engagement.models import Activity, Answer, ChecklistAnswer
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.loop_feedback import feedback_create, feedback_publish, feedback_update
from outcomes.models import Feedback, FeedbackChannel, FeedbackState, UpdateDispatch
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

SITE = "https://heard.example/"


@pytest.fixture
def draft(officer, consultation):
    trail = make_trail(consultation, published=False)
    return trail.feedback


def _sending(callbacks):
    """The callbacks that queue the e-mails (the public page cache queues its own)."""
    return [c for c in callbacks if "updates_queue" in c.__qualname__]


def _publish(user, feedback, **kwargs):
    return feedback_publish(
        user=user, feedback=feedback, channels=kwargs.pop("channels", ["meeting"]), site_url=SITE, **kwargs
    )


def test_publishing_answers_point_24_and_sends_the_updates_after_the_commit(
    officer, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish(officer, draft, channels=["meeting", "leaflet"])
        assert mail.outbox == []  # nothing is sent before the commit
    draft.refresh_from_db()
    assert draft.state == FeedbackState.PUBLISHED and draft.published_on == timezone.localdate()
    assert draft.channels == [FeedbackChannel.WEBSITE, FeedbackChannel.MEETING, FeedbackChannel.LEAFLET]
    assert draft.published_by == officer
    point = ChecklistAnswer.objects.get(activity=draft.activity, point=24)
    assert point.answer == Answer.DONE and point.answered_by == officer
    assert UpdateDispatch.objects.get(feedback=draft).state == "queued"
    assert len(_sending(callbacks)) == 1


def test_a_stale_publish_is_a_conflict(officer, draft):
    stale = Feedback.objects.get(pk=draft.pk)
    _publish(officer, draft)
    with pytest.raises(TransitionConflict):
        _publish(officer, stale, seen=FeedbackState.DRAFT)
    with pytest.raises(ValidationError):  # published is published: not a move it can make again
        _publish(officer, Feedback.objects.get(pk=draft.pk))


def test_published_feedback_is_not_changed(officer, draft):
    _publish(officer, draft)
    with pytest.raises((PermissionDenied, ValidationError)):
        feedback_update(user=officer, feedback=draft, title="Changed")


def test_feedback_must_report_something_and_say_how_it_was_given(officer, consultation):
    empty = feedback_create(user=officer, activity=consultation, title="Nothing yet", statement="Soon")
    with pytest.raises(ValidationError) as error:
        _publish(officer, empty)
    assert "decisions" in error.value.message_dict
    trail = make_trail(consultation, published=False)
    with pytest.raises(ValidationError):
        _publish(officer, trail.feedback, channels=["carrier pigeon"])
    with pytest.raises(ValidationError):
        _publish(officer, trail.feedback, published_on=timezone.localdate() + timedelta(days=2))
    assert Feedback.objects.get(pk=trail.feedback.pk).state == FeedbackState.DRAFT


def test_an_activity_off_the_website_cannot_publish_there(officer, police, ward):
    hidden = ActivityFactory(lead_organisation=police, is_published=False, areas=[ward], status="closed")
    trail = make_trail(hidden, published=False)
    with pytest.raises(ValidationError):
        _publish(officer, trail.feedback, channels=["website"])
    _publish(officer, trail.feedback, channels=["meeting"])
    assert Feedback.objects.get(pk=trail.feedback.pk).channels == ["meeting"]


def test_sensitive_feedback_sends_no_email(officer, police, ward, django_capture_on_commit_callbacks):
    secret = ActivityFactory(lead_organisation=police, marking=Marking.OFFICIAL_SENSITIVE, areas=[ward])
    trail = make_trail(secret, published=False)
    with pytest.raises(ValidationError):
        _publish(officer, trail.feedback, channels=["email"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _publish(officer, trail.feedback, channels=["meeting"])
    assert not _sending(callbacks) and not UpdateDispatch.objects.exists()


def test_only_the_activitys_team_writes_and_publishes(consultation, police, council, draft):
    reader = UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER])
    with pytest.raises(PermissionDenied):
        feedback_create(user=reader, activity=consultation, title="x", statement="x")
    with pytest.raises(PermissionDenied):
        _publish(reader, draft)
    partner = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    consultation.partners.add(council)
    with pytest.raises(PermissionDenied):
        feedback_create(user=partner, activity=consultation, title="x", statement="x")


def test_the_neighbourhood_must_be_the_activitys(officer, consultation):
    from places.tests.factories import AreaFactory

    with pytest.raises(ValidationError) as error:
        feedback_create(
            user=officer, activity=consultation, title="x", statement="x", area=AreaFactory(code="E05000998")
        )
    assert "area" in error.value.message_dict


def test_feedback_of_a_sensitive_activity_is_sensitive(officer, police, ward):
    secret = ActivityFactory(lead_organisation=police, marking=Marking.OFFICIAL_SENSITIVE, areas=[ward])
    feedback = feedback_create(user=officer, activity=secret, title="x", statement="x")
    assert feedback.marking == Marking.OFFICIAL_SENSITIVE
    assert Activity.private_objects.get(pk=secret.pk).marking == Marking.OFFICIAL_SENSITIVE
