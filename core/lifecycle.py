"""One shape for every record that moves through states (activities, questionnaires, analysis
runs, intelligence flags): the states as `TextChoices`, a table of the moves allowed from each
state, a `rules` predicate per move saying who may make it, and a row lock while moving.

`Lifecycle.advance()` locks the row, reads its state afresh and only then checks the move. When
the state read under the lock is not the one the caller last saw, somebody else moved the
record meanwhile (two officers deciding the same flag, two tabs closing the same activity):
that is a `TransitionConflict`, which pages show as a message and the API as a 409, and
nothing is changed. Auditing is the caller's (the services'), which know what to record.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from rules import Predicate

M = TypeVar("M", bound=models.Model)


class TransitionConflict(Exception):
    """The record was moved by somebody else since the caller read it."""

    def __init__(self, message: str, *, current: str) -> None:
        super().__init__(message)
        self.message = message
        self.current = current


def _label(states: type[models.TextChoices], value: str) -> str:
    try:
        return str(states(value).label).lower()
    except ValueError:
        return value


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


@dataclass(frozen=True)
class Lifecycle(Generic[M]):
    """`moves[state]`: the states a record in `state` may go to. `rules[target]`: who may move
    a record to `target` (called with the user and the record); a target without a rule is a
    move only the system makes (`user=None`). `noun` names the record in messages."""

    model: type[M]
    states: type[models.TextChoices]
    moves: Mapping[str, frozenset[str]]
    rules: Mapping[str, Predicate] = field(default_factory=dict)
    state_field: str = "state"
    noun: str = "record"

    def __post_init__(self) -> None:
        known = set(self.states.values)
        for source, targets in self.moves.items():
            if source not in known or not targets <= known:
                raise ValueError(f"{self.model.__name__}: the moves name a state that does not exist.")
        if set(self.moves) != known:
            raise ValueError(f"{self.model.__name__}: every state needs its list of moves.")

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def targets(self, current: str) -> frozenset[str]:
        return self.moves.get(str(current), frozenset())

    def may(self, user: Any, obj: M, to: str) -> bool:
        """Whether `user` may move `obj` to `to` now (for showing the buttons)."""
        rule = self.rules.get(str(to))
        return to in self.targets(self.state_of(obj)) and rule is not None and bool(rule.test(user, obj))

    def available(self, user: Any, obj: M) -> list[str]:
        """The moves `user` may make from the record's state, in the order of the states."""
        return [s for s in self.states.values if self.may(user, obj, s)]

    def check(self, obj: M, to: str, user: Any = None) -> str:
        """The target as a state, or ValidationError (no such move) / PermissionDenied."""
        try:
            target = self.states(to).value
        except ValueError:
            raise ValidationError(
                {
                    self.state_field: gettext("“%(state)s” is not a state of %(record)s.")
                    % {"state": to, "record": _a(self.noun)}
                }
            ) from None
        current = self.state_of(obj)
        if target not in self.targets(current):
            raise ValidationError(
                {
                    self.state_field: gettext("%(record)s that is %(state)s cannot become %(target)s.")
                    % {
                        "record": _a(self.noun).capitalize(),
                        "state": _label(self.states, current),
                        "target": _label(self.states, target),
                    }
                }
            )
        if user is not None:
            rule = self.rules.get(target)
            if rule is None or not rule.test(user, obj):
                raise PermissionDenied(
                    gettext("You cannot make this %(noun)s %(target)s.")
                    % {"noun": self.noun, "target": _label(self.states, target)}
                )
        return target

    def advance(
        self,
        obj: M,
        to: str,
        *,
        user: Any = None,
        update: Callable[[M], Iterable[str]] | None = None,
    ) -> M:
        """Move `obj` to `to` under a row lock and save it. `update(locked)` may set other fields
        (who decided, a reason) and returns their names. Returns the saved row; `obj` is
        updated to match. Raises TransitionConflict when the row's state is not the one `obj`
        holds, ValidationError for a move the table does not allow, PermissionDenied when the
        rule says no (only checked when a `user` is given)."""
        seen = self.state_of(obj)
        with transaction.atomic():
            locked = self.model._base_manager.select_for_update().get(pk=obj.pk)
            current = self.state_of(locked)
            if current != seen:
                raise TransitionConflict(
                    f"Somebody else changed this {self.noun} while you were looking at it: it is now "
                    f"{_label(self.states, current)}.",
                    current=current,
                )
            target = self.check(locked, to, user)
            setattr(locked, self.state_field, target)
            extra = list(update(locked)) if update is not None else []
            changed = {self.state_field, *extra}
            locked.clean_fields(exclude=[f.name for f in self.model._meta.fields if f.name not in changed])
            locked.save(update_fields=[self.state_field, *extra])
        for name in (self.state_field, *extra):
            setattr(obj, name, getattr(locked, name))
        return locked
