"""Small-number suppression for equality-monitoring totals, so that no table, and no
subtraction between the tables shown to the same person, picks anybody out.

A table is built from *atoms*: the records of each version (questionnaire) of an activity,
and the activity's standalone paper forms. Each version's table is shown on its own; the
activity's table (and, later, an area's or a period's) is a sum of atoms. Subtracting the
tables of the versions from the activity's gives the standalone forms' counts, so a cell is
hidden in a table when:

- its count is from 1 to 4; or
- any atom's count for it is from 1 to 4, or the atom's own table hides it (an atom whose
  total is under 5 shows no table at all, so all its non-zero cells count as hidden);

and then, when only one cell of the table would be hidden, the smallest other cell that some
atom also hides (so that it cannot be worked out from the table's total).

"1 to 4" is the floor, for the owning organisation's own pages. Everyone else (partner users,
authority members, other organisations, public pages) and every export gets the same rule at
`threshold()` (`HEARD_SUPPRESS_BELOW`, 10 unless set; issue 9), which reach's tables (an area's,
an audience's, a period's: sums of the same atoms) use too.

Why this holds: put the atoms and the table in a grid (one row each, one column per answer;
every row's total is known, and each column of the table is the sum of the atoms' column).
A hidden cell can be worked out from the shown ones exactly when no cycle of hidden cells
runs through it (alternately along a row and down a column). Every atom shown on its own
hides no cell or at least two, and the table hides all of them, so each hidden cell is on
such a cycle. The tests check this on many random activities.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from organisations.models import Role, User

# Counts below this are never shown, to anyone (the floor of the owning organisation's tables).
SUPPRESS_BELOW = 5
# What a hidden cell shows in those tables: the same for every hidden cell, whatever its count,
# since a different word for the cells hidden only to protect another would give the others away.
HIDDEN = "not shown"
NOT_ANSWERED = "Not answered"
# Tables at the readers' threshold (`threshold()`, issue 9: partner users, authority members,
# public pages, exports) say "fewer than 10" of a hidden cell under it, which is what the rule
# promises readers, and WITHHELD of a larger cell hidden only so that a small one cannot be
# worked out: never a count that is not true.
WITHHELD = "withheld"
# Roles that read other bodies' figures even inside the organisation that holds them.
OUTSIDE_ROLES = (Role.PARTNER_USER, Role.AUTHORITY_MEMBER)


def threshold() -> int:
    """Cells under this are hidden from everyone but the owning organisation's staff on its
    pages: `HEARD_SUPPRESS_BELOW` (10 unless set), never below the floor."""
    return max(int(getattr(settings, "HEARD_SUPPRESS_BELOW", 10)), SUPPRESS_BELOW)


def fewer_than(below: int) -> str:
    return f"fewer than {below}"


def sees_exact_counts(user: "User | AnonymousUser", owner_id: int | None) -> bool:
    """Whether `user` reads the owning organisation `owner_id`'s counts exactly (on pages): its
    own staff, except its partner users and authority members."""
    return bool(
        isinstance(user, User)
        and user.is_active
        and owner_id is not None
        and user.organisation_id == owner_id
        and not user.has_role(*OUTSIDE_ROLES)
    )


def reader_threshold(user: "User | AnonymousUser", owner_id: int | None, *, export: bool = False) -> int:
    """The threshold of an equality table for `user`: the floor for the owning organisation's
    staff on pages, `threshold()` for everyone else and in every export."""
    return SUPPRESS_BELOW if not export and sees_exact_counts(user, owner_id) else threshold()


def is_small(count: int, below: int = SUPPRESS_BELOW) -> bool:
    return 0 < count < below


def _smallest_other(counts: Sequence[int], hidden: set[int], among: Iterable[int]) -> int | None:
    """The smallest non-zero cell of `among` not yet hidden (a zero one if there is none)."""
    candidates = [i for i in among if i not in hidden]
    pool = [i for i in candidates if counts[i] > 0] or candidates
    return min(pool, key=lambda i: (counts[i], i)) if pool else None


def one_atom_hidden(counts: Sequence[int], below: int = SUPPRESS_BELOW) -> set[int]:
    """The cells a table made of one atom hides: counts from 1 to `below` - 1 and, when that is
    only one cell, the next smallest non-zero one."""
    hidden = {i for i, n in enumerate(counts) if is_small(n, below)}
    if len(hidden) == 1:
        nonzero = [i for i, n in enumerate(counts) if n > 0 and i not in hidden]
        if nonzero:
            hidden.add(min(nonzero, key=lambda i: (counts[i], i)))
    return hidden


def _atom_cells(counts: Sequence[int], below: int = SUPPRESS_BELOW) -> tuple[set[int], set[int]]:
    """(cells a reader cannot see, cells that must stay unknowable) of one atom."""
    if sum(counts) < below:
        return set(range(len(counts))), {i for i, n in enumerate(counts) if n}
    hidden = one_atom_hidden(counts, below)
    return hidden, hidden


def hidden_cells(
    counts: Sequence[int], atoms: Sequence[Sequence[int]] = (), below: int = SUPPRESS_BELOW
) -> set[int]:
    """The positions of `counts` to hide. `atoms`: the counts (same categories, same order) of
    the parts the table is the sum of; none, or one, is a table that is its own atom."""
    parts = [atom for atom in atoms if any(atom)]
    if len(parts) <= 1:
        return one_atom_hidden(counts, below)
    hidden = {i for i, n in enumerate(counts) if is_small(n, below)}
    unseen: set[int] = set()
    for part in parts:
        unknown, protect = _atom_cells(part, below)
        hidden |= protect
        unseen |= unknown
    if len(hidden) == 1:
        extra = _smallest_other(counts, hidden, sorted(unseen - hidden) or range(len(counts)))
        if extra is not None:
            hidden.add(extra)
    return hidden


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class EqualityCell:
    label: str
    count: int | None  # None: hidden
    percent: float | None
    hidden_as: str = HIDDEN  # what a hidden cell shows

    @property
    def shown(self) -> str:
        return self.hidden_as if self.count is None else str(self.count)


@dataclass(frozen=True)
class EqualityTable:
    field: str
    question: str
    cells: list[EqualityCell]


@dataclass(frozen=True)
class EqualitySummary:
    total: int
    tables: list[EqualityTable]
    suppressed_below: int = SUPPRESS_BELOW

    @property
    def too_few(self) -> bool:
        return self.total < self.suppressed_below


def hidden_label(count: int, below: int) -> str:
    """What a hidden cell of `count` shows in a table made at threshold `below`."""
    if below == SUPPRESS_BELOW:
        return HIDDEN
    return fewer_than(below) if count < below else WITHHELD


def suppress(
    counts: Sequence[tuple[str, int]], *, atoms: Sequence[Sequence[int]] = (), below: int = SUPPRESS_BELOW
) -> list[EqualityCell]:
    """(label, count) rows as cells, the hidden ones (see `hidden_cells`) without a count."""
    hidden = hidden_cells([n for _, n in counts], atoms, below)
    total = sum(n for _, n in counts)
    return [
        EqualityCell(label=label, count=None, percent=None, hidden_as=hidden_label(n, below))
        if i in hidden
        else EqualityCell(label=label, count=n, percent=_percent(n, total))
        for i, (label, n) in enumerate(counts)
    ]
