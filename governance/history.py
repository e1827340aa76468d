"""A record's history in plain words, from its audit events: "Status changed from Open to
Closed", "Checklist point 5 answered: done", "Changed: title, venue" — never field names or
stored values. Every app may use it; the app says how its records are worded (a `Vocabulary`:
what its fields are called, what its states and values read as, and sentences for the changes
of its own shape). The words people wrote are never repeated here: a history says what changed,
not what it says now (the record's page shows that, through the reader's TextDoor)."""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from .models import AuditAction, AuditEvent

Sentence = Callable[[re.Match[str], Any, "Vocabulary"], str]


@dataclass(frozen=True)
class Vocabulary:
    """How one kind of record's history reads.

    `fields`: a field's name -> its name in words ("venue" -> "venue"); `states`: a stored
    state -> its label; `values`: other stored values -> words ("not_done" -> "not done");
    `sentences`: (pattern of a change's key, how to say it), for changes of the app's own shape
    (engagement's "checklist point 5")."""

    fields: Mapping[str, str] = field(default_factory=dict)
    states: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    state_field: str = "status"
    sentences: Sequence[tuple[re.Pattern[str], Sentence]] = ()

    def field_words(self, name: str) -> str:
        return self.fields.get(name) or name.replace("_", " ").strip()

    def state_words(self, value: Any) -> str:
        return self.states.get(str(value)) or "another status"

    def value_words(self, value: Any) -> str:
        return self.values.get(str(value)) or str(value).replace("_", " ")


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    text: str


ACTIONS = {
    AuditAction.CREATE: "Created",
    AuditAction.DELETE: "Deleted",
    AuditAction.EXPORT: "Exported",
    AuditAction.IMPORT: "Imported",
    AuditAction.WITHDRAW: "Withdrawn by the respondent",
}


def _changes(event: AuditEvent, words: Vocabulary) -> str:
    sentences, changed = [], []
    for key, change in (event.changes or {}).items():
        for pattern, say in words.sentences:
            found = pattern.fullmatch(str(key))
            if found:
                sentences.append(say(found, change, words))
                break
        else:
            changed.append(words.field_words(str(key)))
    if changed:
        sentences.append("Changed: " + ", ".join(changed))
    return "; ".join(sentences) or "Changed"


def describe(event: AuditEvent, words: Vocabulary) -> str:
    """One event in plain words."""
    if event.action == AuditAction.TRANSITION:
        change = (event.changes or {}).get(words.state_field)
        if isinstance(change, list | tuple) and len(change) == 2:
            old, new = change
            return f"Status changed from {words.state_words(old)} to {words.state_words(new)}"
        return "Status changed"
    if event.action == AuditAction.UPDATE:
        return _changes(event, words)
    return ACTIONS.get(AuditAction(event.action), str(event.get_action_display()))


def _who(event: AuditEvent) -> str:
    try:
        actor = event.actor if event.actor_id else None
    except ObjectDoesNotExist:  # the user has gone; the label outlives them
        actor = None
    name = actor.get_full_name() if actor is not None and hasattr(actor, "get_full_name") else ""
    if name:
        return str(name)
    return "Heard" if event.actor_label in ("", "system") else event.actor_label


def history_lines(events: Iterable[AuditEvent], words: Vocabulary) -> list[HistoryLine]:
    """The events (newest first, as the audit log orders them) as lines people read."""
    return [HistoryLine(at=event.at, who=_who(event), text=describe(event, words)) for event in events]
