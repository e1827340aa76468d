"""The lifecycles of the feedback loop, in core's one shape (core/lifecycle.py):

- an action: not started > in progress > done, or dropped (from either); a done action may be
  taken up again (it turned out not to be done), a dropped one may start over;
- feedback: draft > published (what is published stays as it was: residents were told it);
- the sending of a publication's personal updates, and each update's delivery: moves only the
  background task makes (no rule: `user=None`).
"""

from core.lifecycle import Lifecycle

from .loop_rules import can_move_action, can_publish_feedback
from .models import (
    Action,
    ActionStatus,
    DeliveryState,
    DispatchState,
    Feedback,
    FeedbackState,
    PersonalUpdate,
    UpdateDispatch,
)

ACTION: Lifecycle[Action] = Lifecycle(
    model=Action,
    states=ActionStatus,
    moves={
        ActionStatus.NOT_STARTED: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.DROPPED}),
        ActionStatus.IN_PROGRESS: frozenset({ActionStatus.DONE, ActionStatus.DROPPED}),
        ActionStatus.DONE: frozenset({ActionStatus.IN_PROGRESS}),
        ActionStatus.DROPPED: frozenset({ActionStatus.NOT_STARTED}),
    },
    rules=dict.fromkeys(ActionStatus.values, can_move_action),
    state_field="status",
    noun="action",
)

# Verbs for the buttons, so staff read "Start" rather than a bare status.
ACTION_LABELS: dict[str, str] = {
    ActionStatus.NOT_STARTED: "Start over",
    ActionStatus.IN_PROGRESS: "Mark as in progress",
    ActionStatus.DONE: "Mark as done",
    ActionStatus.DROPPED: "Drop this action",
}

FEEDBACK: Lifecycle[Feedback] = Lifecycle(
    model=Feedback,
    states=FeedbackState,
    moves={FeedbackState.DRAFT: frozenset({FeedbackState.PUBLISHED}), FeedbackState.PUBLISHED: frozenset()},
    rules={FeedbackState.PUBLISHED: can_publish_feedback},
    state_field="state",
    noun="feedback",
)

DISPATCH: Lifecycle[UpdateDispatch] = Lifecycle(
    model=UpdateDispatch,
    states=DispatchState,
    moves={
        DispatchState.QUEUED: frozenset({DispatchState.SENDING}),
        DispatchState.SENDING: frozenset({DispatchState.DONE, DispatchState.FAILED}),
        DispatchState.DONE: frozenset({DispatchState.QUEUED}),
        DispatchState.FAILED: frozenset({DispatchState.QUEUED}),
    },
    noun="sending of updates",
)

DELIVERY: Lifecycle[PersonalUpdate] = Lifecycle(
    model=PersonalUpdate,
    states=DeliveryState,
    moves={
        DeliveryState.CLAIMED: frozenset({DeliveryState.SENT, DeliveryState.FAILED}),
        DeliveryState.SENT: frozenset(),
        DeliveryState.FAILED: frozenset({DeliveryState.CLAIMED}),
    },
    noun="personal update",
)
