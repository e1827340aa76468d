"""Coverage: which areas and audiences engagement reached, month by month, and where nobody
did (issue 9 §3; seed 000's audit question "where are the gaps in policing engagement that
others' engagement can fill?"), read once for the page, its exports and the API.

An activity covers an area when it is held there, in an area inside it, or across an area that
contains it (a district-wide survey asks every ward's residents). It counts in each month its
dates or response window run through; drafts and cancelled activities do not count, and only
activities the reader may see do. It is aimed at an audience when the audience is one of its
own; activities for everyone count under "the whole community" and fill no audience's gap.
Participants are, per activity and month, the larger of the head counts recorded at its events
and the equality-monitoring forms returned (online and paper), so nobody is counted twice.
"""

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from consultations.people import people_reached_by_month
from core.permissions import require
from engagement.models import Activity, Status
from organisations.models import User
from places.models import Area, AreaLevel, Audience

from .contacts_forms import CoverageForm
from .engine import day_start
from .gather import IDS_AS_LIST

DEFAULT_MONTHS = 6
Month = date  # the first day of the month
EVERYONE = 0  # the "audience" of activities aimed at no audience in particular


def month_of(day: date) -> Month:
    return day.replace(day=1)


def months_between(first: date, last: date) -> list[Month]:
    months, current = [], month_of(first)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def month_label(month: Month) -> str:
    return month.strftime("%b %Y")


def activity_span(row: Mapping[str, Any]) -> tuple[date, date]:
    """The days an activity runs or takes responses (`row`: its values())."""
    starts = timezone.localtime(row["starts_at"]).date()
    ends = timezone.localtime(row["ends_at"]).date() if row["ends_at"] else starts
    first = min(d for d in (starts, row["response_opens"]) if d)
    last = max(d for d in (ends, row["response_closes"]) if d)
    return first, last


def counted_activities(user: User) -> QuerySet[Activity]:
    return Activity.private_objects.visible_to(user).exclude(status__in=[Status.DRAFT, Status.CANCELLED])


def overlapping(activities: QuerySet[Activity], first: date, last: date) -> QuerySet[Activity]:
    """Activities whose dates or response window may meet [first, last] (activity_span says
    exactly)."""
    after = day_start(last + timedelta(days=1))
    begins = Q(starts_at__lt=after) | Q(response_opens__lte=last)
    ends = (
        Q(starts_at__gte=day_start(first)) | Q(ends_at__gte=day_start(first)) | Q(response_closes__gte=first)
    )
    return activities.filter(begins & ends)


class AreaCover:
    """Which of `rows` an activity area covers: the rows inside it and the rows containing it.
    Rows inside an area are a run of the rows sorted by path, found by bisection."""

    def __init__(self, rows: list[Area]) -> None:
        self.rows = rows
        self.by_path = {row.path: index for index, row in enumerate(rows)}
        self.sorted = sorted((row.path, index) for index, row in enumerate(rows))
        self.paths = [path for path, _ in self.sorted]
        self.cache: dict[str, set[int]] = {}

    def __call__(self, path: str) -> set[int]:
        if path not in self.cache:
            parts = path.rstrip("/").split("/")
            above = {"/".join(parts[: n + 1]) + "/" for n in range(len(parts))}
            found = {self.by_path[p] for p in above if p in self.by_path}
            start = bisect.bisect_left(self.paths, path)
            while start < len(self.paths) and self.paths[start].startswith(path):
                found.add(self.sorted[start][1])
                start += 1
            self.cache[path] = found
        return self.cache[path]


def touching(activities: QuerySet[Activity], within: Area | str | None) -> QuerySet[Activity]:
    """The activities that can cover an area inside `within` (an area or its path): held in it,
    in a place inside it, or across a place that contains it."""
    path = within.path if isinstance(within, Area) else within
    if not path:
        return activities
    parts = path.rstrip("/").split("/")
    above = ["/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
    through = Activity.areas.through.objects.filter(activity_id=OuterRef("pk"))
    return activities.filter(Exists(through.filter(Q(area__path__startswith=path) | Q(area__path__in=above))))


def common_path(rows: list[Area]) -> str:
    """The path of the smallest area containing all of `rows` ("" when there is none)."""
    if not rows:
        return ""
    shared: list[str] = []
    for parts in zip(*(row.path.rstrip("/").split("/") for row in rows), strict=False):
        if len(set(parts)) > 1:
            break
        shared.append(parts[0])
    return "".join(f"{part}/" for part in shared)


def covered_rows(activity_ids: Iterable[int] | QuerySet[Any], cover: AreaCover) -> dict[int, set[int]]:
    """For each activity (ids, or a query of them), the indexes of the rows it covers."""
    found: dict[int, set[int]] = defaultdict(set)
    ids = activity_ids if isinstance(activity_ids, QuerySet) else list(activity_ids)
    through = Activity.areas.through.objects.filter(activity_id__in=ids)
    for activity_id, path in through.values_list("activity_id", "area__path"):
        found[activity_id] |= cover(path)
    return found


def area_rows(*, level: str, within: Area | None) -> list[Area]:
    rows = Area.objects.filter(level=level or AreaLevel.NEIGHBOURHOOD)
    return list((rows.within(within) if within else rows).order_by("name"))


@dataclass
class Cell:
    activities: int = 0
    participants: int = 0


Counts = tuple[list[int], list[int]]  # activities and participants, month by month


def _cells(counts: Counts) -> list[Cell]:
    return [Cell(a, p) for a, p in zip(*counts, strict=True)]


@dataclass
class AudienceLine:
    """One audience's row of an area; its cells are made only when read (a page shows a few
    areas of a matrix of thousands of lines)."""

    name: str
    slug: str
    counts: Counts
    month_labels: list[str]
    activities: int = 0  # different activities over the period
    participants: int = 0

    @cached_property
    def months(self) -> list[Cell]:
        return _cells(self.counts)

    @property
    def is_gap(self) -> bool:
        return self.activities == 0

    @cached_property
    def months_without(self) -> list[str]:
        return [label for label, n in zip(self.month_labels, self.counts[0], strict=True) if not n]


@dataclass
class AreaBlock:
    code: str
    name: str
    lines: list[AudienceLine]  # one per audience
    everyone: AudienceLine  # activities aimed at no audience in particular
    counts: Counts  # all activities, whatever their audience
    month_labels: list[str]
    activities: int = 0
    participants: int = 0

    @cached_property
    def months(self) -> list[Cell]:
        return _cells(self.counts)

    @property
    def month_rows(self) -> list[tuple[str, Cell]]:
        return list(zip(self.month_labels, self.months, strict=True))

    @cached_property
    def gaps(self) -> list[str]:
        return [line.name for line in self.lines if line.is_gap]


@dataclass
class Coverage:
    form: CoverageForm
    first: date
    last: date
    months: list[Month]
    areas: list[AreaBlock] = field(default_factory=list)
    audiences: list[Audience] = field(default_factory=list)

    @property
    def month_labels(self) -> list[str]:
        return [month_label(m) for m in self.months]

    @property
    def gap_count(self) -> int:
        return sum(len(block.gaps) for block in self.areas)

    @property
    def period_label(self) -> str:
        return f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}"


def _participants(activities: list[int] | QuerySet[Any], months: list[Month]) -> dict[tuple[int, Month], int]:
    """People reached per activity and month, counted as everywhere (consultations/people.py),
    reading only the days of `months`."""
    following = months[-1] + timedelta(days=32)
    last = following.replace(day=1) - timedelta(days=1)
    return people_reached_by_month(activities, first=months[0], last=last)


def _filtered(user: User, data: Mapping[str, Any]) -> QuerySet[Activity]:
    activities = counted_activities(user)
    if organisation := data.get("organisation"):
        partner_of = Activity.partners.through.objects.filter(organisation=organisation).values("activity_id")
        activities = activities.filter(Q(lead_organisation=organisation) | Q(pk__in=partner_of))
    if method := data.get("method"):
        activities = activities.filter(method=method)
    if purpose := data.get("purpose"):
        activities = activities.filter(purpose=purpose)
    return activities


def coverage_form(*, data: Mapping[str, Any] | None) -> CoverageForm:
    return CoverageForm({k: v for k, v in (data or {}).items() if v not in (None, "")})


def coverage_filters(*, data: Mapping[str, Any] | None) -> CoverageForm:
    """The valid filters, or ValidationError naming those that are not."""
    form = coverage_form(data=data)
    if not form.is_valid():
        raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    return form


def filtered_rows(form: CoverageForm) -> list[Area]:
    """The areas the filters ask for (neighbourhoods unless they say districts)."""
    return area_rows(level=form.cleaned_data.get("level") or "", within=form.cleaned_data.get("within"))


def coverage_data(coverage: "Coverage") -> dict[str, Any]:
    """The matrix as plain data (the API's answer)."""
    keys = [m.strftime("%Y-%m") for m in coverage.months]
    return {
        "starts": coverage.first,
        "ends": coverage.last,
        "months": keys,
        "areas": [
            {
                "code": block.code,
                "name": block.name,
                "activities": block.activities,
                "participants": block.participants,
                "gaps": block.gaps,
                "audiences": [
                    {
                        "audience": line.slug,
                        "name": line.name,
                        "activities": line.activities,
                        "participants": line.participants,
                        "gap": bool(line.slug) and line.is_gap,
                        "months": [
                            {"month": key, "activities": c.activities, "participants": c.participants}
                            for key, c in zip(keys, line.months, strict=True)
                        ],
                    }
                    for line in [*block.lines, block.everyone]
                ],
            }
            for block in coverage.areas
        ],
    }


def coverage_period(cleaned: Mapping[str, Any]) -> tuple[date, date]:
    """The chosen period; by default the last DEFAULT_MONTHS months, this one included."""
    last = cleaned.get("ends") or max(timezone.localdate(), cleaned.get("starts") or date.min)
    back = last.year * 12 + last.month - 1 - (DEFAULT_MONTHS - 1)
    return cleaned.get("starts") or date(back // 12, back % 12 + 1, 1), last


def coverage_build(*, user: User, data: Mapping[str, Any] | None) -> Coverage:
    """The matrix for `user` under the filters in `data`; ValidationError for bad filters."""
    require(user, "reach.view_coverage")
    form = coverage_filters(data=data)
    first, last = coverage_period(form.cleaned_data)
    months = months_between(first, last)
    coverage = Coverage(form=form, first=first, last=last, months=months)
    rows = filtered_rows(form)
    coverage.audiences = list(Audience.objects.filter(is_active=True))
    chosen = touching(
        overlapping(_filtered(user, form.cleaned_data), first, last), form.cleaned_data.get("within")
    )
    spans = {
        row["pk"]: activity_span(row)
        for row in chosen.values("pk", "starts_at", "ends_at", "response_opens", "response_closes")
    }
    ids: list[int] | QuerySet[Any] = list(spans) if len(spans) <= IDS_AS_LIST else chosen.values("pk")
    participants = _participants(ids, months)
    audiences: dict[int, list[int]] = defaultdict(list)
    for activity_id, audience_id in Activity.audiences.through.objects.filter(
        activity_id__in=ids, audience__is_active=True
    ).values_list("activity_id", "audience_id"):
        audiences[activity_id].append(audience_id)
    counted_months: dict[int, set[Month]] = defaultdict(set)
    for activity_id, month in participants:
        counted_months[activity_id].add(month)
    # Activities covering the same rows (a ward's, a district's) are counted together first,
    # then once into each of those rows: a district-wide activity is not counted a hundred times.
    by_rows = _Tally(months)
    groups: dict[frozenset[int], int] = {}
    for activity_id, row_indexes in covered_rows(ids, AreaCover(rows)).items():
        if activity_id not in spans:
            continue
        span_months = set(months_between(*spans[activity_id])) | counted_months[activity_id]
        active = [
            (i, participants.get((activity_id, m), 0)) for i, m in enumerate(months) if m in span_months
        ]
        group = groups.setdefault(frozenset(row_indexes), len(groups))
        by_rows.add(group, audiences.get(activity_id) or [EVERYONE], activity_id, active)
    tally = by_rows.spread({group: rows_of for rows_of, group in groups.items()})
    coverage.areas = [tally.block(i, row, coverage) for i, row in enumerate(rows)]
    return coverage


class _Tally:
    """Counts per (row, audience, month), with the different activities per row and audience
    (-1: all activities of a row). A line nobody touched shares one list of zeros (nothing
    changes the counts once built)."""

    def __init__(self, months: list[Month]) -> None:
        self.months = months
        self.labels = [month_label(m) for m in months]
        self.empty: Counts = ([0] * len(months), [0] * len(months))
        self.lines: dict[tuple[int, int], Counts] = {}
        self.seen: dict[tuple[int, int], set[int]] = defaultdict(set)
        self.people: dict[tuple[int, int], int] = defaultdict(int)

    def _counts(self, row: int, audience_id: int) -> Counts:
        found = self.lines.get((row, audience_id))
        if found is None:
            found = self.lines[row, audience_id] = ([0] * len(self.months), [0] * len(self.months))
        return found

    def add(self, row: int, audience_ids: list[int], activity_id: int, active: list[tuple[int, int]]) -> None:
        """`active`: (month's index, people reached) for each month the activity counts in."""
        total = sum(people for _, people in active)
        for audience_id in [-1, *audience_ids]:
            activities, participants = self._counts(row, audience_id)
            self.seen[row, audience_id].add(activity_id)
            self.people[row, audience_id] += total
            for index, people in active:
                activities[index] += 1
                participants[index] += people

    def spread(self, rows_of: Mapping[int, frozenset[int]]) -> "_Tally":
        """A tally per row from this one per group of rows (`rows_of`: each group's rows); no
        activity is in two groups, so nothing is counted twice."""
        spread = _Tally(self.months)
        for (group, audience_id), (activities, participants) in self.lines.items():
            for row in rows_of[group]:
                into = spread._counts(row, audience_id)
                into[0][:] = [a + b for a, b in zip(into[0], activities, strict=True)]
                into[1][:] = [a + b for a, b in zip(into[1], participants, strict=True)]
                spread.seen[row, audience_id] |= self.seen[group, audience_id]
                spread.people[row, audience_id] += self.people[group, audience_id]
        return spread

    def line(self, row: int, audience_id: int, name: str, slug: str) -> AudienceLine:
        return AudienceLine(
            name=name,
            slug=slug,
            counts=self.lines.get((row, audience_id), self.empty),
            month_labels=self.labels,
            activities=len(self.seen.get((row, audience_id), ())),
            participants=self.people.get((row, audience_id), 0),
        )

    def block(self, row: int, area: Area, coverage: Coverage) -> AreaBlock:
        return AreaBlock(
            code=area.code,
            name=area.name,
            lines=[self.line(row, a.pk, a.name, a.slug) for a in coverage.audiences],
            everyone=self.line(row, EVERYONE, "The whole community", ""),
            counts=self.lines.get((row, -1), self.empty),
            month_labels=self.labels,
            activities=len(self.seen.get((row, -1), ())),
            participants=self.people.get((row, -1), 0),
        )
