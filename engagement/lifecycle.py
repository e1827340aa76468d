"""An activity's lifecycle: draft > planned > open > closed > analysed > feedback given >
evaluated, or cancelled. The allowed moves live here; who may make them lives in rules.py."""

from .models import Status

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.PLANNED, Status.CANCELLED}),
    Status.PLANNED: frozenset({Status.DRAFT, Status.OPEN, Status.CANCELLED}),
    Status.OPEN: frozenset({Status.CLOSED, Status.CANCELLED}),
    Status.CLOSED: frozenset({Status.OPEN, Status.ANALYSED}),
    Status.ANALYSED: frozenset({Status.FEEDBACK_GIVEN}),
    Status.FEEDBACK_GIVEN: frozenset({Status.EVALUATED}),
    Status.EVALUATED: frozenset(),
    Status.CANCELLED: frozenset({Status.DRAFT}),
}

# Verbs for buttons, so staff see "Open it" rather than a bare status name.
ACTION_LABELS: dict[Status, str] = {
    Status.DRAFT: "Return to draft",
    Status.PLANNED: "Mark as planned",
    Status.OPEN: "Open",
    Status.CLOSED: "Close",
    Status.ANALYSED: "Mark as analysed",
    Status.FEEDBACK_GIVEN: "Mark feedback given",
    Status.EVALUATED: "Mark as evaluated",
    Status.CANCELLED: "Cancel activity",
}


def allowed_targets(current: Status | str) -> frozenset[Status]:
    return TRANSITIONS[Status(current)]
