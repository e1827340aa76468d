"""A questionnaire's lifecycle: a draft is published (live); a live one is replaced by its next
version when that is published (superseded), and keeps its answers. Moves go through
`core.lifecycle`, under a row lock: a move made from a state somebody else has changed
meanwhile is a `TransitionConflict` (a message on the page, a 409 from the API)."""

from django.db import transaction

from core.lifecycle import Lifecycle, TransitionConflict

from .models import Questionnaire, QuestionnaireState
from .rules import can_change_questionnaire

QUESTIONNAIRE_LIFECYCLE: Lifecycle[Questionnaire] = Lifecycle(
    model=Questionnaire,
    states=QuestionnaireState,
    moves={
        QuestionnaireState.DRAFT: frozenset({QuestionnaireState.LIVE}),
        QuestionnaireState.LIVE: frozenset({QuestionnaireState.SUPERSEDED}),
        QuestionnaireState.SUPERSEDED: frozenset(),
    },
    rules={
        QuestionnaireState.LIVE: can_change_questionnaire,
        QuestionnaireState.SUPERSEDED: can_change_questionnaire,
    },
    state_field="state",
    noun="questionnaire",
)


def lock_as_seen(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire's row, locked until the end of the transaction, when it is still in
    the state the caller read (a TransitionConflict otherwise): for changes that depend on the
    state without moving it, such as making a new version."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_as_seen() needs a transaction.")
    seen = str(questionnaire.state)
    locked = Questionnaire.private_objects.select_for_update().get(pk=questionnaire.pk)
    if str(locked.state) != seen:
        raise TransitionConflict(
            "Somebody else changed this questionnaire while you were looking at it: it is now "
            f"{QuestionnaireState(locked.state).label.lower()}.",
            current=str(locked.state),
        )
    return locked
