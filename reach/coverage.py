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

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from consultations.people import people_reached_by_month
from core.permissions import require
from engagement.models import Activity
from organisations.models import User
from places.models import Area, Audience

from .contacts_forms import CoverageForm
from .coverage_areas import (
    EVERYONE,
    AreaCover,
    Ids,
    Month,
    activity_span,
    area_rows,
    counted_activities,
    covered_rows,
    month_label,
    months_between,
    overlapping,
    touching,
)
from .gather import IDS_AS_LIST

DEFAULT_MONTHS = 6


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


@dataclass(frozen=True)
class AreaGaps:
    """An area's gaps (the audiences no activity aimed at), and the page that shows it."""

    code: str
    name: str
    gaps: list[str]
    page: int


@dataclass
class Coverage:
    form: CoverageForm
    first: date
    last: date
    months: list[Month]
    areas: list[AreaBlock] = field(default_factory=list)  # every area's, or the page's
    audiences: list[Audience] = field(default_factory=list)
    gap_areas: list[AreaGaps] = field(default_factory=list)  # every area's
    page: Page | None = None  # the page of areas counted in full, when asked for one
    rows: list[Area] = field(default_factory=list)  # the areas asked for

    @property
    def month_labels(self) -> list[str]:
        return [month_label(m) for m in self.months]

    @property
    def gap_count(self) -> int:
        return sum(len(area.gaps) for area in self.gap_areas)

    @property
    def period_label(self) -> str:
        return f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}"


def _participants(activities: Ids, months: list[Month]) -> dict[tuple[int, Month], int]:
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


def _chosen(
    user: User, form: CoverageForm, first: date, last: date
) -> tuple[dict[int, Mapping[str, Any]], Ids]:
    """The counted activities' dates (`activity_span` reads them, for those counted only), and
    their ids as later queries take them."""
    chosen = touching(
        overlapping(_filtered(user, form.cleaned_data), first, last), form.cleaned_data.get("within")
    )
    dates: dict[int, Mapping[str, Any]] = {
        row["pk"]: row
        for row in chosen.values("pk", "starts_at", "ends_at", "response_opens", "response_closes").order_by()
    }
    return dates, list(dates) if len(dates) <= IDS_AS_LIST else chosen.values("pk")


def _audiences_of(ids: Ids) -> dict[int, list[int]]:
    audiences: dict[int, list[int]] = defaultdict(list)
    for activity_id, audience_id in Activity.audiences.through.objects.filter(
        activity_id__in=ids, audience__is_active=True
    ).values_list("activity_id", "audience_id"):
        audiences[activity_id].append(audience_id)
    return audiences


def _counted(covers: Mapping[int, set[int]], wanted: set[int], rows: int, ids: Ids) -> Ids:
    """The activities whose participants are needed: those covering a `wanted` row."""
    if len(wanted) == rows:
        return ids
    counted = [a for a, found in covers.items() if not found.isdisjoint(wanted)]
    return counted if len(counted) <= IDS_AS_LIST else ids


def coverage_build(
    *, user: User, data: Mapping[str, Any] | None, page: Any = None, per_page: int | None = None
) -> Coverage:
    """The matrix for `user` under the filters in `data`; ValidationError for bad filters.
    With `per_page`, only the areas of page `page` are counted in full (`Coverage.page`), and
    the participants of the activities covering them only; every area's gaps still are (they
    need no participants)."""
    require(user, "reach.view_coverage")
    form = coverage_filters(data=data)
    first, last = coverage_period(form.cleaned_data)
    coverage = Coverage(form=form, first=first, last=last, months=months_between(first, last))
    coverage.rows = rows = filtered_rows(form)
    coverage.audiences = list(Audience.objects.filter(is_active=True))
    dates, ids = _chosen(user, form, first, last)
    covers = {a: found for a, found in covered_rows(ids, AreaCover(rows)).items() if a in dates}
    shown = range(len(rows))
    if per_page:
        coverage.page = Paginator(shown, per_page).get_page(page)
        shown = range(coverage.page.start_index() - 1, coverage.page.end_index()) if rows else shown
    participants = _participants(_counted(covers, set(shown), len(rows), ids), coverage.months)
    tally = _tallied(coverage.months, dates, covers, participants, _audiences_of(ids), set(shown))
    coverage.areas = [tally.block(i, rows[i], coverage) for i in shown]
    coverage.gap_areas = [
        AreaGaps(row.code, row.name, tally.gaps(i, coverage.audiences), i // (per_page or len(rows)) + 1)
        for i, row in enumerate(rows)
    ]
    if coverage.page is not None:
        coverage.page.object_list = coverage.areas
    return coverage


def _tallied(
    months: list[Month],
    dates: Mapping[int, Mapping[str, Any]],
    covers: Mapping[int, set[int]],
    participants: Mapping[tuple[int, Month], int],
    audiences: Mapping[int, list[int]],
    wanted: set[int],
) -> "_Tally":
    """The counts of each `wanted` row, and which audiences anything reached in every row.
    Activities covering the same rows (a ward's, a district's) are counted together first,
    then once into each of those rows: a district-wide activity is not counted a hundred times."""
    counted_months: dict[int, set[Month]] = defaultdict(set)
    for activity_id, month in participants:
        counted_months[activity_id].add(month)
    by_rows = _Tally(months)
    groups: dict[frozenset[int], int] = {}
    for activity_id, row_indexes in covers.items():
        group = groups.setdefault(frozenset(row_indexes), len(groups))
        aimed = audiences.get(activity_id) or [EVERYONE]
        by_rows.reached[group].update(aimed)
        if row_indexes.isdisjoint(wanted):
            continue  # only its audiences matter, for the gaps of rows not counted in full
        span_months = set(months_between(*activity_span(dates[activity_id]))) | counted_months[activity_id]
        active = [
            (i, participants.get((activity_id, m), 0)) for i, m in enumerate(months) if m in span_months
        ]
        by_rows.add(group, aimed, activity_id, active)
    return by_rows.spread({group: rows_of for rows_of, group in groups.items()}, wanted)


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
        self.reached: dict[int, set[int]] = defaultdict(set)  # row -> audiences aimed at there

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

    def spread(self, rows_of: Mapping[int, frozenset[int]], wanted: set[int]) -> "_Tally":
        """A tally per row from this one per group of rows (`rows_of`: each group's rows); no
        activity is in two groups, so nothing is counted twice. Only the `wanted` rows are
        counted; of the others, only which audiences anything reached (`gaps`)."""
        spread = _Tally(self.months)
        for group, aimed in self.reached.items():
            for row in rows_of[group]:
                spread.reached[row] |= aimed
        for (group, audience_id), (activities, participants) in self.lines.items():
            for row in rows_of[group] & wanted:
                into = spread._counts(row, audience_id)
                into[0][:] = [a + b for a, b in zip(into[0], activities, strict=True)]
                into[1][:] = [a + b for a, b in zip(into[1], participants, strict=True)]
                spread.seen[row, audience_id] |= self.seen[group, audience_id]
                spread.people[row, audience_id] += self.people[group, audience_id]
        return spread

    def gaps(self, row: int, audiences: list[Audience]) -> list[str]:
        """The audiences nothing aimed at in `row` (`AreaBlock.gaps`, for any row)."""
        reached = self.reached.get(row, set())
        return [a.name for a in audiences if a.pk not in reached]

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
