"""Heard's own participants for reach: the equality-monitoring records (online answers and paper
forms) of the activities in scope, counted in the cells of the consultations' equality tables
and suppressed for the reader the same way, so that a table of an area, an audience or a
period (a sum of activities' records) gives away nothing that those tables hide.

Who sees what (issue 9): the owning organisation's staff see their own activities' counts
exactly on pages; everyone else, and every export, sees cells under `threshold()` as "fewer
than 10". A table mixing activities of several organisations is suppressed on the part that
is not the reader's own: the reader knows their own part exactly, so subtracting it must reveal
nothing either (consultations/suppression.py, applied to the other organisations' atoms).
People reached adds attendance head counts to responses (see `people_reached`)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, QuerySet

from consultations.equality import PREFER_NOT_TO_SAY
from consultations.models import EqualityRecord
from consultations.people import people_reached as counted_people
from consultations.results import equality_keys
from consultations.suppression import hidden_cells, sees_exact_counts, threshold
from engagement.models import Activity
from organisations.models import User
from places.census import parse_age_band

from .categories import FIELDS, answer_category
from .engine import DimensionCounts, Participants

AtomKey = tuple[int, int | None]  # (activity, questionnaire or None for standalone paper forms)
WHOLE: AtomKey = (0, None)  # the key of a table counted whole
# Up to this many activities, later queries name them rather than choosing them again in a
# subquery (which SQLite would work out anew for each query).
IDS_AS_LIST = 5_000


@dataclass(frozen=True)
class Reader:
    """Whose counts a reader sees exactly (organisation ids; None: everyone's, for the command
    line, whose user holds the database) and the threshold for the rest."""

    exact_for: frozenset[int] | None
    below: int

    def sees_exactly(self, owner_id: int) -> bool:
        return self.exact_for is None or owner_id in self.exact_for


EVERYTHING = Reader(exact_for=None, below=0)


def reader_for(user: User | AnonymousUser, *, export: bool = False) -> Reader:
    """Exports are suppressed for everyone; on pages, the reader's own organisation's counts are
    exact when `sees_exact_counts` says so."""
    org_id = getattr(user, "organisation_id", None)
    own = (
        frozenset({org_id})
        if not export and org_id is not None and sees_exact_counts(user, org_id)
        else frozenset()
    )
    return Reader(exact_for=own, below=threshold())


Vectors = dict[str, list[int]]  # equality field -> its table's cells, in `equality_keys` order


@cache
def _tally_sql() -> tuple[str, tuple[str, ...]]:
    """The cells of every field's table as sums over the rows of `t` (ethnicity in broad
    groups), written once: the ORM would rebuild some fifty filtered aggregates on every call,
    which cost more than the query itself on a ward."""
    parts: list[str] = []
    params: list[str] = []
    for name in FIELDS.values():
        for key in equality_keys(name):
            if name == "ethnicity" and key not in ("", PREFER_NOT_TO_SAY):
                parts.append(
                    f"SUM(CASE WHEN t.{name} = %s OR substr(t.{name}, 1, {len(key) + 2}) = %s THEN 1 ELSE 0 END)"
                )
                params += [key, f"{key}: "]
            else:
                parts.append(f"SUM(CASE WHEN t.{name} = %s THEN 1 ELSE 0 END)")
                params.append(key)
    return ", ".join(parts), tuple(params)


def _vectors(row: Sequence[Any]) -> Vectors:
    found, at = {}, 0
    for name in FIELDS.values():
        size = len(equality_keys(name))
        found[name] = [int(n or 0) for n in row[at : at + size]]
        at += size
    return found


Ids = list[int] | QuerySet[Any]  # activities, as ids or as a query of their ids


def _ids_sql(ids: Ids) -> tuple[str, list[Any]]:
    """`ids` as the inside of an IN (...)."""
    if isinstance(ids, QuerySet):
        sql, params = ids.order_by().query.sql_with_params()
        return sql, list(params)
    return ", ".join(["%s"] * len(ids)), list(ids)


def _people_sql(ids: Ids) -> tuple[str, list[Any]]:
    """Rows ('responses' | 'heads', '', activity, n): what `consultations.people` counts besides
    paper forms, which come with the equality records (the records without a response)."""
    inside, params = _ids_sql(ids)
    # Placeholders or Django's own SQL: the values are parameters.
    sql = (
        "SELECT 'responses', '', q.activity_id, COUNT(*) FROM consultations_response r "  # noqa: S608
        "JOIN consultations_questionnaire q ON q.id = r.questionnaire_id "
        f"WHERE q.activity_id IN ({inside}) GROUP BY q.activity_id "
        "UNION ALL SELECT 'heads', '', activity_id, SUM(head_count) FROM consultations_attendance "
        f"WHERE activity_id IN ({inside}) GROUP BY activity_id"
    )
    return sql, params + params


PAPER_SQL = (
    "SELECT 'paper', '', t.activity_id, COUNT(*) FROM t WHERE t.response_id IS NULL GROUP BY t.activity_id"
)


@dataclass
class _People:
    """Per activity, its responses, head counts and paper forms: people reached are the
    responses plus the larger of the other two (consultations/people.py, counted the same way)."""

    responses: dict[int, int] = field(default_factory=dict)
    heads: dict[int, int] = field(default_factory=dict)
    paper: dict[int, int] = field(default_factory=dict)

    def add(self, kind: str, activity_id: int, n: int | None) -> None:
        into = self.heads if kind == "heads" else self.responses if kind == "responses" else self.paper
        into[activity_id] = into.get(activity_id, 0) + int(n or 0)

    def total(self) -> int:
        ids = self.responses.keys() | self.heads.keys() | self.paper.keys()
        return sum(self.responses.get(a, 0) + max(self.heads.get(a, 0), self.paper.get(a, 0)) for a in ids)


def _groupings(fields: list[str], vendor: str) -> list[str]:
    """Rows (field, value, 0, records) of `t`, for each field and value: PostgreSQL counts
    every field in one pass over the records (grouping sets); elsewhere one grouping each."""
    if vendor != "postgresql":
        return [f"SELECT '{f}', t.{f}, 0, COUNT(*) FROM t GROUP BY t.{f}" for f in fields]  # noqa: S608
    which = " ".join(f"WHEN GROUPING(t.{f}) = 0 THEN '{f}'" for f in fields)
    value = " ".join(f"WHEN GROUPING(t.{f}) = 0 THEN t.{f}" for f in fields)
    sets = ", ".join(f"(t.{f})" for f in fields)
    return [f"SELECT CASE {which} END, CASE {value} END, 0, COUNT(*) FROM t GROUP BY GROUPING SETS ({sets})"]  # noqa: S608


def _whole(
    inner_sql: str, inner_params: Sequence[Any], db: str, people: Ids | None
) -> tuple[Vectors, _People]:
    """The whole table of every field: one grouping per field over the records, in one query
    (cheaper than the sums of `_tally_sql` when no atoms are needed); with `people` (the
    activities), their people reached in the same query."""
    fields = list(FIELDS.values())
    parts = _groupings(fields, connections[db].vendor)
    params = list(inner_params)
    if people is not None:
        people_sql, people_params = _people_sql(people)
        parts += [PAPER_SQL, people_sql]
        params += people_params
    sql = f"WITH t AS ({inner_sql}) " + " UNION ALL ".join(parts)
    counted: dict[str, dict[str, int]] = {name: {} for name in fields}
    found = _People()
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, activity_id, n in cursor.fetchall():
            if name in ("paper", "responses", "heads"):
                found.add(name, activity_id, n)
                continue
            key = value.split(": ", 1)[0] if name == "ethnicity" and value else value or ""
            counted[name][key] = counted[name].get(key, 0) + n
    return {name: [counted[name].get(k, 0) for k in equality_keys(name)] for name in fields}, found


def atom_vectors(
    records: QuerySet[EqualityRecord], *, by_atom: bool = True, people: Ids | None = None
) -> tuple[dict[AtomKey, Vectors], "_People | None"]:
    """Every field's table per atom, in one query; without `by_atom`, the whole table under
    the key (0, None), which needs no join to responses. With `people` (the records'
    activities), also what their people reached are counted from."""
    fields = list(FIELDS.values())
    inner = (
        records.annotate(atom_q=F("response__questionnaire_id")).values("activity_id", "atom_q", *fields)
        if by_atom
        else records.values("activity_id", "response_id", *fields)
    )
    try:
        inner_sql, inner_params = inner.order_by().query.sql_with_params()
    except EmptyResultSet:  # records of no activity at all
        empty = {WHOLE: {name: [0] * len(equality_keys(name)) for name in fields}}
        return ({} if by_atom else empty), _People() if people is not None else None
    if not by_atom:
        whole, found = _whole(inner_sql, inner_params, records.db, people)
        return {WHOLE: whole}, found if people is not None else None
    tallies, tally_params = _tally_sql()
    sql = f"SELECT t.activity_id, t.atom_q, {tallies} FROM ({inner_sql}) t GROUP BY t.activity_id, t.atom_q"  # noqa: S608
    with connections[records.db].cursor() as cursor:
        cursor.execute(sql, (*tally_params, *inner_params))
        atoms = {(row[0], row[1]): _vectors(row[2:]) for row in cursor.fetchall()}
    return atoms, None if people is None else _atoms_people(atoms, people, records.db)


def _atoms_people(atoms: Mapping[AtomKey, Vectors], ids: Ids, db: str) -> "_People":
    """People reached of `ids`, their paper forms counted from the atoms (those without a
    questionnaire), the rest in one query."""
    found = _People()
    first = next(iter(FIELDS.values()))
    for (activity_id, questionnaire_id), vectors in atoms.items():
        if questionnaire_id is None:
            found.add("paper", activity_id, sum(vectors[first]))
    sql, params = _people_sql(ids)
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, _, activity_id, n in cursor.fetchall():
            found.add(kind, activity_id, n)
    return found


def _hidden(vectors: Mapping[AtomKey, list[int]], owners: Mapping[int, int], reader: Reader) -> set[int]:
    foreign = [v for (activity_id, _), v in vectors.items() if not reader.sees_exactly(owners[activity_id])]
    if not any(any(v) for v in foreign):
        return set()
    summed = [sum(column) for column in zip(*foreign, strict=True)]
    if sum(summed) < reader.below:
        return set(range(len(summed)))  # too few to show anything, not even which cells are empty
    return hidden_cells(summed, atoms=foreign, below=reader.below)


def _dimension(
    dimension: str, keys: Sequence[str], whole: list[int], hidden: set[int], below: int
) -> DimensionCounts:
    counts = DimensionCounts()
    for index, (key, n) in enumerate(zip(keys, whole, strict=True)):
        category = answer_category(dimension, key)
        if category is None:
            counts.not_answered += n
            counts.not_answered_hidden |= index in hidden
            continue
        counts.counts[category] = n
        if index in hidden:
            counts.hidden.add(category)
            counts.hidden_labels[category] = f"fewer than {below}" if n < below else "withheld"
    if dimension == "age":
        counts.bands = [b for b in (parse_age_band(c) for c in counts.counts) if b]
    return counts


def sees_all(owners: Mapping[int, int], reader: Reader) -> bool:
    return reader.exact_for is None or all(reader.sees_exactly(o) for o in owners.values())


def participants_from_atoms(
    atoms: Mapping[AtomKey, Vectors], owners: Mapping[int, int], reader: Reader, *, exact: bool = False
) -> Participants:
    """Per dimension, the atoms' tables added up, with what the reader may not see marked
    hidden; `exact`: the reader sees every atom's counts (nothing is looked up in `owners`)."""
    dimensions: dict[str, DimensionCounts] = {}
    forms_by_atom: dict[AtomKey, int] = {}
    for dimension, name in FIELDS.items():
        keys = equality_keys(name)
        vectors = {atom: found[name] for atom, found in atoms.items()}
        forms_by_atom = {atom: sum(v) for atom, v in vectors.items()}
        whole = (
            [sum(column) for column in zip(*vectors.values(), strict=True)] if vectors else [0] * len(keys)
        )
        hidden = set() if exact else _hidden(vectors, owners, reader)
        dimensions[dimension] = _dimension(dimension, keys, whole, hidden, reader.below)
    forms = sum(forms_by_atom.values())
    foreign_forms = (
        0 if exact else sum(n for (a, _), n in forms_by_atom.items() if not reader.sees_exactly(owners[a]))
    )
    forms_hidden = ""
    if 0 < foreign_forms < reader.below:
        forms_hidden = f"fewer than {reader.below}" if forms < reader.below else "withheld"
    return Participants(dimensions=dimensions, forms=forms, forms_hidden=forms_hidden, below=reader.below)


def records_participants(
    records: QuerySet[EqualityRecord], owners: Mapping[int, int], reader: Reader, *, people: Ids | None = None
) -> Participants:
    """Equality `records` per dimension, with what the reader may not see marked hidden;
    `owners`: each of their activities' lead organisation. When the reader sees every owner's
    counts exactly, the tables are counted whole, without the atoms suppression needs. With
    `people` (the activities), their people reached too, in the same query or one more."""
    exact = sees_all(owners, reader)
    atoms, found = atom_vectors(records, by_atom=not exact, people=people)
    participants = participants_from_atoms(atoms, owners, reader, exact=exact)
    if found is not None:
        participants.people_reached = found.total()
    return participants


def heard_participants(
    activities: QuerySet[Activity], reader: Reader, *, people: bool = True
) -> Participants:
    """The equality records of `activities` (already those the reader may see); `people`: also
    count the people reached (head counts and responses)."""
    owners = dict(activities.values_list("pk", "lead_organisation_id").order_by())
    chosen: Ids = list(owners) if len(owners) <= IDS_AS_LIST else activities.values("pk")
    records = EqualityRecord.objects.filter(activity_id__in=chosen)
    found = records_participants(records, owners, reader, people=chosen if people else None)
    found.activities = len(owners)
    return found


def people_reached(activities: QuerySet[Activity]) -> int:
    """Responses plus the people at the activities' events (consultations/people.py)."""
    return counted_people(activities.values_list("pk", flat=True))
