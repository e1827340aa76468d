"""An action's RAG (red, amber, green).

Derived from its status and due date unless somebody set it by hand, with a reason:

- derived, because a RAG nobody updates goes stale: a due date passing turns an unfinished
  action red without anyone touching it, and a board reads the same rule everywhere;
- set by hand when the people doing the action know something the dates do not (a partner has
  pulled out, so an action due in three months is already amber). The reason is shown beside
  it, and it lasts until the action's status next changes, so it cannot outlive the situation
  it described.

Derived: done is green, dropped is red (what was promised will not happen), past its due date
is red, due within `HEARD_ACTION_AMBER_DAYS` days (14) and not yet started is amber, anything
else green.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from .models import Action, ActionStatus, Rag


@dataclass(frozen=True)
class RagView:
    colour: str  # a Rag value
    label: str
    set_by_hand: bool
    why: str  # in plain words: the rule that gave it, or the reason given


def amber_days() -> int:
    return int(getattr(settings, "HEARD_ACTION_AMBER_DAYS", 14))


def derived_rag(action: Action, today: date) -> tuple[str, str]:
    if action.status == ActionStatus.DONE:
        return Rag.GREEN, "Done."
    if action.status == ActionStatus.DROPPED:
        return Rag.RED, "Dropped: it will not be done."
    if action.due_on < today:
        return Rag.RED, f"Overdue: it was due by {action.due_on:%-d %B %Y}."
    if action.status == ActionStatus.NOT_STARTED and action.due_on <= today + timedelta(days=amber_days()):
        return Rag.AMBER, f"Not started, and due by {action.due_on:%-d %B %Y}."
    return Rag.GREEN, "On track for its due date."


def action_rag(action: Action, today: date | None = None, door: Callable[[str], str] = str) -> RagView:
    """`door` is the reader's TextDoor for a reason given by hand."""
    today = today or timezone.localdate()
    if action.rag_override:
        colour, why, by_hand = action.rag_override, door(action.rag_reason), True
    else:
        (colour, why), by_hand = derived_rag(action, today), False
    return RagView(colour=colour, label=str(Rag(colour).label), set_by_hand=by_hand, why=why)
