"""The floor: one hand-written SQL statement for each benchmark, computing the same numbers as
Heard's code for a reader who sees everything (every activity, exact counts). Written for both
PostgreSQL and SQLite; the few differences (local dates, GREATEST/LEAST, date literals) are in
`Dialect`. Run through Django's connection only to share its connection, not its ORM."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction

UK = ZoneInfo("Europe/London")
FIELDS = ("age_band", "sex", "ethnicity", "religion", "disability", "sexual_orientation")


@dataclass(frozen=True)
class Dialect:
    sqlite: bool

    def local_date(self, column: str) -> str:
        if self.sqlite:
            return f"django_datetime_cast_date({column}, 'Europe/London', 'UTC')"
        return f"({column} AT TIME ZONE 'Europe/London')::date"

    def local_month(self, column: str) -> str:
        if self.sqlite:
            return f"substr(django_datetime_cast_date({column}, 'Europe/London', 'UTC'), 1, 7) || '-01'"
        return f"date_trunc('month', {column} AT TIME ZONE 'Europe/London')::date"

    def month(self, column: str) -> str:
        return f"substr({column}, 1, 7) || '-01'" if self.sqlite else f"date_trunc('month', {column})::date"

    def day(self, value: date) -> str:
        return f"'{value.isoformat()}'" if self.sqlite else f"DATE '{value.isoformat()}'"

    def greatest(self, *parts: str) -> str:
        return f"{'MAX' if self.sqlite else 'GREATEST'}({', '.join(parts)})"

    def least(self, *parts: str) -> str:
        return f"{'MIN' if self.sqlite else 'LEAST'}({', '.join(parts)})"

    def moment(self, value: datetime) -> Any:
        """A time as a parameter: SQLite compares Django's naive UTC text."""
        if self.sqlite:
            return value.astimezone(ZoneInfo("UTC")).replace(tzinfo=None).isoformat(" ")
        return value


def dialect() -> Dialect:
    return Dialect(sqlite=connection.vendor == "sqlite")


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UK)


def _fetch(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """One statement. On PostgreSQL without JIT compilation, which the server turns on for a
    statement it expects to be costly and which costs this one tens of milliseconds: the floor
    is the best one statement can do."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        return list(cursor.fetchall())


# The reach report of an area over a period


def reach_sql(d: Dialect) -> str:
    group = "UNION ALL SELECT '{0}', {0}, COUNT(*) FROM rec GROUP BY {0}"
    fields = "\n".join(group.format(f) for f in FIELDS)
    heads = (
        "SELECT activity_id, SUM(head_count) AS n FROM consultations_attendance "
        "WHERE activity_id IN (SELECT id FROM acts) GROUP BY activity_id"
    )
    paper = "SELECT activity_id, COUNT(*) AS n FROM rec WHERE response_id IS NULL GROUP BY activity_id"
    return f"""
WITH acts AS (
  SELECT a.id FROM engagement_activity a
  WHERE EXISTS (SELECT 1 FROM engagement_activity_areas aa JOIN places_area ar ON ar.id = aa.area_id
                WHERE aa.activity_id = a.id AND ar.path LIKE %(prefix)s)
    AND a.starts_at < %(until_end)s
    AND (a.starts_at >= %(since_start)s OR a.ends_at >= %(since_start)s OR a.response_closes >= %(since)s)
), rec AS (
  SELECT * FROM consultations_equalityrecord WHERE activity_id IN (SELECT id FROM acts)
)
SELECT 'activities', '', COUNT(*) FROM acts
{fields}
UNION ALL SELECT 'population:' || pc.dimension, pc.category, SUM(pc.count)
  FROM places_populationcount pc JOIN places_area ar ON ar.id = pc.area_id
  WHERE ar.path LIKE %(prefix)s AND ar.level = 'neighbourhood' GROUP BY pc.dimension, pc.category
UNION ALL SELECT 'responses', '', COUNT(*) FROM consultations_response r
  JOIN consultations_questionnaire q ON q.id = r.questionnaire_id WHERE q.activity_id IN (SELECT id FROM acts)
UNION ALL SELECT 'at events', '', SUM({d.greatest("COALESCE(h.n, 0)", "COALESCE(p.n, 0)")})
  FROM acts LEFT JOIN ({heads}) h ON h.activity_id = acts.id LEFT JOIN ({paper}) p ON p.activity_id = acts.id
"""  # noqa: S608 - the floor's own text; values are parameters


@dataclass
class ReachFloor:
    activities: int
    forms: int
    people_reached: int
    participants: dict[str, dict[str, int]]  # equality field -> stored value -> records
    population: dict[str, dict[str, int]]  # dimension -> category -> people


def reach_floor(*, path: str, since: date, until: date) -> ReachFloor:
    d = dialect()
    params = {
        "prefix": path + "%",
        "since": since.isoformat() if d.sqlite else since,
        "since_start": d.moment(midnight(since)),
        "until_end": d.moment(midnight(until + timedelta(days=1))),
    }
    found = ReachFloor(0, 0, 0, defaultdict(dict), defaultdict(dict))
    responses = events = 0
    for kind, value, n in _fetch(reach_sql(d), params):
        if kind == "activities":
            found.activities = n
        elif kind == "responses":
            responses = n or 0
        elif kind == "at events":
            events = n or 0
        elif kind.startswith("population:"):
            found.population[kind.split(":", 1)[1]][value] = int(n)
        else:
            found.participants[kind][value] = n
    found.people_reached = responses + events
    found.forms = sum(found.participants.get("sexual_orientation", {}).values())
    return found


# The coverage matrix of the wards of an area over whole months


def coverage_sql(d: Dialect, months: list[tuple[date, date]]) -> str:
    values = ", ".join(f"({d.day(first)}, {d.day(first)}, {d.day(last)})" for first, last in months)
    starts, ends = d.local_date("a.starts_at"), d.local_date("a.ends_at")
    people_in = "activity_id IN (SELECT activity_id FROM near)"
    return f"""
WITH months (m, first_day, last_day) AS (VALUES {values}),
wards AS (SELECT id, path FROM places_area WHERE level = 'neighbourhood' AND path LIKE %(prefix)s),
acts AS (
  SELECT a.id,
    {d.least(starts, f"COALESCE(a.response_opens, {starts})")} AS first_day,
    {d.greatest(f"COALESCE({ends}, {starts})", f"COALESCE(a.response_closes, {starts})")} AS last_day
  FROM engagement_activity a
  WHERE a.status NOT IN ('draft', 'cancelled')
    AND (a.starts_at < %(last_end)s OR a.response_opens <= %(last)s)
    AND (a.starts_at >= %(first_start)s OR a.ends_at >= %(first_start)s OR a.response_closes >= %(first)s)
),
near AS (
  SELECT aa.activity_id, ar.path FROM engagement_activity_areas aa JOIN places_area ar ON ar.id = aa.area_id
  WHERE (ar.path LIKE %(prefix)s OR %(within)s LIKE ar.path || '%%') AND aa.activity_id IN (SELECT id FROM acts)
),
cover AS (
  SELECT DISTINCT near.activity_id, w.id AS ward_id FROM near
  JOIN wards w ON (w.path LIKE near.path || '%%' OR near.path LIKE w.path || '%%')
),
people AS (
  SELECT activity_id, m, SUM(answers) + {d.greatest("SUM(heads)", "SUM(paper)")} AS n FROM (
    SELECT q.activity_id, {d.local_month("r.submitted_at")} AS m, COUNT(*) AS answers, 0 AS heads, 0 AS paper
      FROM consultations_response r JOIN consultations_questionnaire q ON q.id = r.questionnaire_id
      WHERE q.{people_in} AND r.submitted_at >= %(first_start)s AND r.submitted_at < %(months_end)s
      GROUP BY q.activity_id, {d.local_month("r.submitted_at")}
    UNION ALL SELECT activity_id, {d.month("held_on")}, 0, SUM(head_count), 0 FROM consultations_attendance
      WHERE {people_in} AND held_on >= %(first)s AND held_on <= %(last_month_day)s GROUP BY activity_id, {d.month("held_on")}
    UNION ALL SELECT activity_id, {d.month("recorded_on")}, 0, 0, COUNT(*) FROM consultations_equalityrecord
      WHERE response_id IS NULL AND {people_in} AND recorded_on >= %(first)s AND recorded_on <= %(last_month_day)s
      GROUP BY activity_id, {d.month("recorded_on")}
  ) parts GROUP BY activity_id, m
),
active AS (
  SELECT acts.id AS activity_id, months.m FROM acts JOIN months
    ON acts.first_day <= months.last_day AND acts.last_day >= months.first_day
  UNION SELECT activity_id, m FROM people
),
cells AS (
  SELECT c.ward_id, c.activity_id, ac.m, COALESCE(p.n, 0) AS n
  FROM cover c JOIN active ac ON ac.activity_id = c.activity_id
  LEFT JOIN people p ON p.activity_id = c.activity_id AND p.m = ac.m
),
aimed AS (
  SELECT cells.*, COALESCE(au.audience_id, 0) AS audience FROM cells LEFT JOIN (
    SELECT x.activity_id, x.audience_id FROM engagement_activity_audiences x
    JOIN places_audience pa ON pa.id = x.audience_id WHERE pa.is_active
  ) au ON au.activity_id = cells.activity_id
)
SELECT 'cell', ward_id, audience, m, COUNT(*), SUM(n) FROM aimed GROUP BY ward_id, audience, m
UNION ALL SELECT 'cell', ward_id, -1, m, COUNT(*), SUM(n) FROM cells GROUP BY ward_id, m
UNION ALL SELECT 'line', ward_id, audience, NULL, COUNT(DISTINCT activity_id), SUM(n) FROM aimed
  GROUP BY ward_id, audience
UNION ALL SELECT 'line', ward_id, -1, NULL, COUNT(DISTINCT activity_id), SUM(n) FROM cells GROUP BY ward_id
"""  # noqa: S608 - the floor's own text; values are parameters


def month_spans(first: date, last: date) -> list[tuple[date, date]]:
    spans, current = [], first.replace(day=1)
    while current <= last:
        following = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        spans.append((current, following - timedelta(days=1)))
        current = following
    return spans


Matrix = dict[tuple[str, int, int, str | None], tuple[int, int]]


def coverage_floor(*, path: str, first: date, last: date) -> Matrix:
    """The matrix from `first` (the first day of a month) to `last`: {(kind, ward id, audience id (0: everyone, -1: all), month "YYYY-MM" or None): (activities,
    participants)}, only the cells that are not zero."""
    d = dialect()
    months = month_spans(first, last)
    period_first, period_last = months[0][0], months[-1][1]
    as_day = (lambda v: v.isoformat()) if d.sqlite else (lambda v: v)
    params = {
        "prefix": path + "%",
        "within": path,
        "first": as_day(period_first),
        "last": as_day(last),
        "last_month_day": as_day(period_last),
        "first_start": d.moment(midnight(period_first)),
        "last_end": d.moment(midnight(last + timedelta(days=1))),
        "months_end": d.moment(midnight(period_last + timedelta(days=1))),
    }
    found: Matrix = {}
    for kind, ward, audience, month, activities, people in _fetch(coverage_sql(d, months), params):
        key = str(month)[:7] if month is not None else None
        found[(kind, ward, audience, key)] = (activities, int(people or 0))
    return found
