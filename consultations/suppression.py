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

Why this holds: put the atoms and the table in a grid (one row each, one column per answer;
every row's total is known, and each column of the table is the sum of the atoms' column).
A hidden cell can be worked out from the shown ones exactly when no cycle of hidden cells
runs through it (alternately along a row and down a column). Every atom shown on its own
hides no cell or at least two, and the table hides all of them, so each hidden cell is on
such a cycle. The tests check this on many random activities.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Counts below this are never shown.
SUPPRESS_BELOW = 5
# What a hidden cell shows: the same for every hidden cell, whatever its count, since a
# different word for the cells hidden only to protect another would give the others away.
HIDDEN = "not shown"
NOT_ANSWERED = "Not answered"


def is_small(count: int) -> bool:
    return 0 < count < SUPPRESS_BELOW


def _smallest_other(counts: Sequence[int], hidden: set[int], among: Iterable[int]) -> int | None:
    """The smallest non-zero cell of `among` not yet hidden (a zero one if there is none)."""
    candidates = [i for i in among if i not in hidden]
    pool = [i for i in candidates if counts[i] > 0] or candidates
    return min(pool, key=lambda i: (counts[i], i)) if pool else None


def one_atom_hidden(counts: Sequence[int]) -> set[int]:
    """The cells a table made of one atom hides: counts from 1 to 4 and, when that is only
    one cell, the next smallest non-zero one."""
    hidden = {i for i, n in enumerate(counts) if is_small(n)}
    if len(hidden) == 1:
        nonzero = [i for i, n in enumerate(counts) if n > 0 and i not in hidden]
        if nonzero:
            hidden.add(min(nonzero, key=lambda i: (counts[i], i)))
    return hidden


def _atom_cells(counts: Sequence[int]) -> tuple[set[int], set[int]]:
    """(cells a reader cannot see, cells that must stay unknowable) of one atom."""
    if sum(counts) < SUPPRESS_BELOW:
        return set(range(len(counts))), {i for i, n in enumerate(counts) if n}
    hidden = one_atom_hidden(counts)
    return hidden, hidden


def hidden_cells(counts: Sequence[int], atoms: Sequence[Sequence[int]] = ()) -> set[int]:
    """The positions of `counts` to hide. `atoms`: the counts (same categories, same order) of
    the parts the table is the sum of; none, or one, is a table that is its own atom."""
    parts = [atom for atom in atoms if any(atom)]
    if len(parts) <= 1:
        return one_atom_hidden(counts)
    hidden = {i for i, n in enumerate(counts) if is_small(n)}
    unseen: set[int] = set()
    for part in parts:
        unknown, protect = _atom_cells(part)
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

    @property
    def shown(self) -> str:
        return HIDDEN if self.count is None else str(self.count)


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
        return self.total < SUPPRESS_BELOW


def suppress(counts: Sequence[tuple[str, int]], *, atoms: Sequence[Sequence[int]] = ()) -> list[EqualityCell]:
    """(label, count) rows as cells, the hidden ones (see `hidden_cells`) without a count."""
    hidden = hidden_cells([n for _, n in counts], atoms)
    total = sum(n for _, n in counts)
    return [
        EqualityCell(label=label, count=None, percent=None)
        if i in hidden
        else EqualityCell(label=label, count=n, percent=_percent(n, total))
        for i, (label, n) in enumerate(counts)
    ]
