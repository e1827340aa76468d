"""The one lifecycle mechanism: moves from a table, a rule per move, a row lock, and a clear
conflict when somebody else moved the record first. Exercised on a small lifecycle of its own
over activities."""

import pytest
import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from core.lifecycle import Lifecycle, TransitionConflict
from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import UserFactory


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    EVALUATED = "evaluated", "Evaluated"


@rules.predicate
def is_officer(user, activity):
    return user.has_role(Role.ENGAGEMENT_OFFICER)


LIFE = Lifecycle(
    model=Activity,
    states=State,
    moves={
        State.DRAFT: frozenset({State.OPEN}),
        State.OPEN: frozenset({State.EVALUATED}),
        State.EVALUATED: frozenset(),
    },
    rules={State.OPEN: is_officer, State.EVALUATED: is_officer},
    state_field="status",
    noun="engagement activity",
)


def test_a_table_must_name_every_state():
    with pytest.raises(ValueError):
        Lifecycle(model=Activity, states=State, moves={State.DRAFT: frozenset()}, state_field="status")


def test_moves_rules_and_the_saved_state(officer, police):
    activity = ActivityFactory(lead_organisation=police, status=State.DRAFT)
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    assert LIFE.available(officer, activity) == [State.OPEN]
    assert LIFE.available(analyst, activity) == []
    with pytest.raises(PermissionDenied):
        LIFE.advance(activity, State.OPEN, user=analyst)
    with pytest.raises(ValidationError, match="not a state of an engagement activity"):
        LIFE.advance(activity, "lost", user=officer)

    def rename(locked):
        locked.title = "Opened"
        return ["title"]

    LIFE.advance(activity, State.OPEN, user=officer, update=rename)
    assert activity.status == State.OPEN and activity.title == "Opened"
    stored = Activity.private_objects.get(pk=activity.pk)
    assert stored.status == State.OPEN and stored.title == "Opened"
    with pytest.raises(ValidationError, match="An engagement activity that is open cannot become draft"):
        LIFE.advance(activity, State.DRAFT, user=officer)


def test_a_stale_copy_is_a_conflict_and_changes_nothing(police):
    activity = ActivityFactory(lead_organisation=police, status=State.DRAFT)
    stale = Activity.private_objects.get(pk=activity.pk)
    LIFE.advance(activity, State.OPEN)
    with pytest.raises(TransitionConflict) as conflict:
        LIFE.advance(stale, State.OPEN)
    assert conflict.value.current == State.OPEN
    assert Activity.private_objects.get(pk=activity.pk).status == State.OPEN
