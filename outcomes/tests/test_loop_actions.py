"""Actions: added to a decision, moved along their lifecycle under a row lock (a stale move is a
conflict), progress as a history, and a RAG derived from status and due date unless set by hand
with a reason."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.lifecycle import TransitionConflict
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.loop_actions import (
    action_create,
    action_move,
    action_progress_add,
    action_rag_set,
    action_update,
)
from outcomes.loop_rag import action_rag
from outcomes.models import Action, ActionStatus, ActionUpdate, Rag
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

TODAY = date(2026, 11, 22)


@pytest.fixture
def trail(consultation):
    return make_trail(consultation)


def test_an_action_belongs_to_a_decision_and_an_owner(officer, trail, council):
    action = action_create(
        user=officer,
        decision=trail.decision,
        title="Speed checks on Manchester Road",
        owner_organisation=council,
        owner_name="Highways team",
        due_on=timezone.localdate() + timedelta(days=60),
    )
    assert action.status == ActionStatus.NOT_STARTED and action.owner_organisation == council
    assert action.marking == trail.decision.marking


def test_the_lifecycle(officer, trail):
    action = trail.action
    with pytest.raises(ValidationError):  # not started > in progress > done
        action_move(user=officer, action=action, to=ActionStatus.DONE)
    action_move(user=officer, action=action, to=ActionStatus.IN_PROGRESS, note="Patrols booked")
    action_move(user=officer, action=action, to=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_on == timezone.localdate()
    texts = list(action.updates.order_by("at", "pk").values_list("text", flat=True))
    assert texts[-2:] == [
        "Status changed from Not started to In progress. Patrols booked",
        "Status changed from In progress to Done.",
    ]
    with pytest.raises(ValidationError):
        action_move(user=officer, action=action, to=ActionStatus.NOT_STARTED)
    action_move(user=officer, action=action, to=ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert action.done_on is None


def test_a_stale_move_is_a_conflict_and_changes_nothing(officer, trail):
    stale = Action.objects.get(pk=trail.action.pk)
    action_move(user=officer, action=trail.action, to=ActionStatus.IN_PROGRESS)
    updates = ActionUpdate.objects.count()
    with pytest.raises(TransitionConflict) as conflict:
        action_move(user=officer, action=stale, to=ActionStatus.DROPPED)
    assert conflict.value.current == ActionStatus.IN_PROGRESS
    assert Action.objects.get(pk=stale.pk).status == ActionStatus.IN_PROGRESS
    assert ActionUpdate.objects.count() == updates
    with pytest.raises(TransitionConflict):
        action_move(
            user=officer, action=Action.objects.get(pk=stale.pk), to=ActionStatus.DONE, seen="not_started"
        )


def test_the_organisation_doing_it_reports_but_does_not_change_it(consultation, council, police):
    trail = make_trail(consultation, owner=council)
    doer = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    action_progress_add(user=doer, action=trail.action, text="Cameras ordered")
    action_move(user=doer, action=trail.action, to=ActionStatus.IN_PROGRESS)
    action_rag_set(user=doer, action=trail.action, rag=Rag.AMBER, reason="Supplier is late")
    with pytest.raises(PermissionDenied):
        action_update(user=doer, action=trail.action, title="Something else")
    stranger = UserFactory(roles=[Role.ENGAGEMENT_OFFICER])
    with pytest.raises(PermissionDenied):
        action_progress_add(user=stranger, action=trail.action, text="x")


def test_progress_needs_words(officer, trail):
    with pytest.raises(ValidationError):
        action_progress_add(user=officer, action=trail.action, text="   ")


@pytest.mark.parametrize(
    ("status", "due", "colour"),
    [
        (ActionStatus.DONE, -30, Rag.GREEN),
        (ActionStatus.DROPPED, 90, Rag.RED),
        (ActionStatus.IN_PROGRESS, -1, Rag.RED),
        (ActionStatus.NOT_STARTED, 10, Rag.AMBER),
        (ActionStatus.IN_PROGRESS, 10, Rag.GREEN),
        (ActionStatus.NOT_STARTED, 40, Rag.GREEN),
    ],
)
def test_the_rag_is_derived_from_status_and_due_date(status, due, colour):
    action = Action(status=status, due_on=TODAY + timedelta(days=due))
    rag = action_rag(action, TODAY)
    assert rag.colour == colour and not rag.set_by_hand and rag.why


def test_a_rag_set_by_hand_needs_a_reason_and_lasts_until_the_status_moves(officer, trail):
    with pytest.raises(ValidationError):
        action_rag_set(user=officer, action=trail.action, rag=Rag.RED, reason="")
    with pytest.raises(ValidationError):
        action_rag_set(user=officer, action=trail.action, rag="purple", reason="x")
    action_rag_set(user=officer, action=trail.action, rag=Rag.RED, reason="The partner pulled out")
    action = Action.objects.get(pk=trail.action.pk)
    rag = action_rag(action)
    assert (rag.colour, rag.set_by_hand, rag.why) == (Rag.RED, True, "The partner pulled out")
    action_move(user=officer, action=action, to=ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert not action.rag_override and not action_rag(action).set_by_hand
