"""An activity's lifecycle, in core's one shape: draft > planned > open > closed > analysed >
feedback given > evaluated, or cancelled. The moves, who may make each (rules.py), the words on
each move's button, and the two conditions some moves have: opening with before-stage
checklist points unanswered needs a second look, and an activity is only evaluated once
checklist point 25 (evaluate how effective it was) is answered as done. Apps above add their
own conditions through core.extensions.transition_checks."""

from django.core.exceptions import ValidationError

from core.extensions import transition_refusal
from core.lifecycle import Lifecycle

from .checklist import EVALUATION_POINT, Stage, applicable_points
from .models import Activity, Answer, Status
from .rules import can_edit_activity, can_sign_off_activity

ACTIVITY: Lifecycle[Activity] = Lifecycle(
    model=Activity,
    states=Status,
    moves={
        Status.DRAFT: frozenset({Status.PLANNED, Status.CANCELLED}),
        Status.PLANNED: frozenset({Status.DRAFT, Status.OPEN, Status.CANCELLED}),
        Status.OPEN: frozenset({Status.CLOSED, Status.CANCELLED}),
        Status.CLOSED: frozenset({Status.OPEN, Status.ANALYSED}),
        Status.ANALYSED: frozenset({Status.FEEDBACK_GIVEN}),
        Status.FEEDBACK_GIVEN: frozenset({Status.EVALUATED}),
        Status.EVALUATED: frozenset(),
        Status.CANCELLED: frozenset({Status.DRAFT}),
    },
    rules={
        Status.DRAFT: can_edit_activity,
        Status.PLANNED: can_edit_activity,
        Status.OPEN: can_edit_activity,
        Status.CLOSED: can_edit_activity,
        Status.ANALYSED: can_edit_activity,
        Status.FEEDBACK_GIVEN: can_edit_activity,
        Status.EVALUATED: can_sign_off_activity,
        Status.CANCELLED: can_sign_off_activity,
    },
    state_field="status",
    noun="activity",
)

# Verbs for buttons, so staff see "Open" rather than a bare status name.
ACTION_LABELS: dict[str, str] = {
    Status.DRAFT: "Return to draft",
    Status.PLANNED: "Mark as planned",
    Status.OPEN: "Open",
    Status.CLOSED: "Close",
    Status.ANALYSED: "Mark as analysed",
    Status.FEEDBACK_GIVEN: "Mark feedback given",
    Status.EVALUATED: "Mark as evaluated",
    Status.CANCELLED: "Cancel activity",
}


class ConfirmationRequired(Exception):
    """The move is allowed but the person should confirm it after reading `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def unanswered_points(activity: Activity, stage: Stage) -> list[int]:
    """The numbers of the points of `stage` that apply to the activity and have no answer."""
    answered = set(activity.checklist_answers.values_list("point", flat=True))
    return [
        p.number
        for p in applicable_points(activity.checklist_scope)
        if p.stage == stage and p.number not in answered
    ]


def check_conditions(activity: Activity, target: str, *, confirmed: bool) -> None:
    """ConfirmationRequired or ValidationError when the move to `target` may not happen yet.
    Called on the locked row, after the lifecycle has allowed the move."""
    if target == Status.OPEN and not confirmed:
        missing = unanswered_points(activity, Stage.BEFORE)
        if missing:
            raise ConfirmationRequired(
                "Before-stage checklist points not yet answered: "
                + ", ".join(str(n) for n in missing)
                + ". Open the activity anyway?"
            )
    if target == Status.EVALUATED:
        done = activity.checklist_answers.filter(point=EVALUATION_POINT, answer=Answer.DONE).exists()
        if not done:
            raise ValidationError(
                {"status": "Answer checklist point 25 (evaluate how effective it was) as done first."}
            )
    refusal = transition_refusal(activity, target)  # the conditions apps above add
    if refusal:
        raise ValidationError({"status": refusal})
