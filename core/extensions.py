"""Extension points: how an app adds to a page or a rule of an app below it without that app
importing it, so that imports keep flowing one way.

An app registers in its AppConfig.ready(); the app below calls the registry, knowing nothing of
who registered:

- `staff_menu`: items of the staff menu (every staff page, through the `staff_menu` context
  processor);
- `activity_panels`: sections of an activity's staff page (a reach app's "Who took part", an
  outcomes app's "You said, we did"), each a template and its context, or None to show nothing;
- `checklist_links`: for a checklist point, a link to where its work is done in Heard (point
  22 to the community contacts, 24 to the feedback, 25 to the evaluation);
- `transition_checks`: conditions on an activity's lifecycle moves ("analysed" needs an
  analysis or a finding), each returning the reason the move may not happen yet, or "";
- `recording_rights`: who may record an activity another organisation leads, beyond that
  organisation's own staff (a partnership coordinator importing partners' lists for the
  snapshot audit, reach/rules_audit.py).

Written here rather than with Django signals: a signal's receivers return values only as a list
of (receiver, value) pairs, in no stated order, and a page needs its sections in order.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass
class Registry(Generic[T]):
    """Items in the order of their `order`, then of registration; a key registered again
    replaces the earlier item (so that tests and reloads do not add it twice)."""

    items: dict[str, tuple[int, int, T]] = field(default_factory=dict)

    def register(self, key: str, item: T, *, order: int = 100) -> T:
        self.items[key] = (order, len(self.items), item)
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(item for _, _, item in sorted(self.items.values(), key=lambda entry: entry[:2]))

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class MenuItem:
    """An entry of the staff menu: shown to users who have `perm` (any signed-in member of staff
    when empty)."""

    label: str
    url_name: str
    perm: str = ""
    namespace: str = ""  # the URL namespace whose pages mark this item as the current one
    count: Callable[[Any], int] | None = None  # a number shown beside it (things waiting for the user)


@dataclass(frozen=True)
class Panel:
    """A section of a page: its template and that template's context."""

    template: str
    context: dict[str, Any]


staff_menu: Registry[MenuItem] = Registry()
# (user, activity) -> Panel | None
activity_panels: Registry[Callable[[Any, Any], Panel | None]] = Registry()
# (user, activity, point number) -> (link text, url) | None
checklist_links: Registry[Callable[[Any, Any, int], tuple[str, str] | None]] = Registry()
# (activity, target status) -> why the move may not happen yet, or ""
transition_checks: Registry[Callable[[Any, str], str]] = Registry()
# (user, organisation) -> whether the user may record activities the organisation leads
recording_rights: Registry[Callable[[Any, Any], bool]] = Registry()


def panels_for(user: Any, obj: Any, registry: Registry[Callable[[Any, Any], Panel | None]]) -> list[Panel]:
    return [panel for make in registry if (panel := make(user, obj)) is not None]


def checklist_link(user: Any, activity: Any, point: int) -> tuple[str, str] | None:
    return next((found for make in checklist_links if (found := make(user, activity, point))), None)


def transition_refusal(activity: Any, target: str) -> str:
    return next((reason for check in transition_checks if (reason := check(activity, target))), "")


def may_record_for(user: Any, organisation: Any) -> bool:
    return any(check(user, organisation) for check in recording_rights)
