"""The evidence register's reading door: its data sources and their figures area by area, and an
area's evidence for a year, where the register's figures stand beside what engagement found
there in the same period: the activities held (engagement's reading door), the neighbourhood
priorities (insight's reading door) and whatever other parts of outcomes register as area
evidence (outcomes/extensions.py: the feedback loop's findings). Seed 001:
"consider a range of other sources of information when making decisions and balance these with
the findings of community engagement activity"."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from core import quarters
from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement import selectors as engagement_selectors
from engagement.models import Activity
from insight import selectors as insight_selectors
from insight.models import Priority
from organisations.models import Partnership, User
from organisations.privacy import text_door
from places.models import Area

from .extensions import AreaEvidence, evidence_for
from .measures_charts import MeasureChart, format_value, trend_chart
from .measures_periods import (
    Frequency,
    label,
    plan_year_bounds,
    plan_year_label,
    plan_year_words,
)
from .measures_selectors import ValueRow, as_written_for, between
from .models import EvidenceSource, EvidenceValue


@dataclass(frozen=True)
class AreaSeries:
    area: Area
    rows: list[ValueRow]

    @property
    def latest(self) -> ValueRow | None:
        return self.rows[-1] if self.rows else None


@dataclass(frozen=True)
class SourceView:
    source: EvidenceSource
    description: str
    series: list[AreaSeries]
    area: Area | None  # the one chosen to chart
    chart: MeasureChart | None
    can_change: bool
    areas: list[Area] = field(default_factory=list)
    reads_as_written: bool = False


def evidence_source_list(
    *, user: User, kind: str = "", partnership: Partnership | None = None
) -> QuerySet[EvidenceSource]:
    require(user, "outcomes.view_evidence")
    found = EvidenceSource.objects.visible_to(user).select_related("organisation", "partnership")
    if kind:
        found = found.filter(kind=kind)
    if partnership is not None:
        found = found.filter(partnership=partnership)
    return found


def evidence_source_get(*, user: User, pk: Any) -> EvidenceSource:
    require(user, "outcomes.view_evidence")
    source = get_visible_or_404(
        EvidenceSource.objects.select_related("organisation", "partnership"), user, pk
    )
    require(user, "outcomes.view_evidence", source)
    return source


def evidence_source_for_change(*, user: User, pk: Any) -> EvidenceSource:
    source = evidence_source_get(user=user, pk=pk)
    require(user, "outcomes.change_evidence", source)
    as_written_for(user, source.organisation_id)
    return source


def _series(source: EvidenceSource, values: QuerySet[EvidenceValue]) -> list[AreaSeries]:
    by_area: dict[int, AreaSeries] = {}
    for v in values.select_related("area").order_by("area__name", "period_start"):
        row = ValueRow(
            v.pk,
            v.period_start,
            label(v.period_start, source.frequency),
            v.value,
            format_value(v.value, source.unit),
            respondents=v.respondents,
        )
        by_area.setdefault(v.area_id, AreaSeries(v.area, [])).rows.append(row)
    return list(by_area.values())


def source_chart(source: EvidenceSource, series: AreaSeries, *, dom_id: str = "") -> MeasureChart | None:
    return trend_chart(
        dom_id=dom_id or f"source-{source.pk}-{series.area.code}",
        title=f"{source.name} in {series.area.name}, period by period",
        frequency=source.frequency,
        series=[(series.area.name, [(r.period_start, r.value) for r in series.rows])],
        unit=source.unit,
    )


def evidence_source_view(
    *,
    user: User,
    source: EvidenceSource,
    area_code: str = "",
    start: date | None = None,
    end: date | None = None,
) -> SourceView:
    """A data source's figures by area (in the period, when one is given), one area charted: the
    one asked for, or the first."""
    series = _series(source, between(EvidenceValue.objects.filter(source=source), start, end))
    chosen = next((s for s in series if s.area.code == area_code), series[0] if series else None)
    door = text_door(user, source.organisation_id)
    return SourceView(
        source=source,
        description=door(source.description),
        reads_as_written=not door.redacts,
        series=series,
        area=chosen.area if chosen else None,
        chart=source_chart(source, chosen) if chosen else None,
        can_change=user.has_perm("outcomes.change_evidence", source),
        areas=[s.area for s in series],
    )


@dataclass(frozen=True)
class SourceForArea:
    source: EvidenceSource
    frequency_label: str
    series: AreaSeries
    chart: MeasureChart | None


def evidence_sources_for_area(*, user: User, area: Area, start: date, end: date) -> list[SourceForArea]:
    """Each data source the user may see that has figures for the area in the period."""
    found = []
    for source in evidence_source_list(user=user):
        rows = _series(source, between(EvidenceValue.objects.filter(source=source, area=area), start, end))
        if rows:
            found.append(
                SourceForArea(
                    source, Frequency(source.frequency).label, rows[0], source_chart(source, rows[0])
                )
            )
    return found


ACTIVITIES_SHOWN = 100


@dataclass(frozen=True)
class AreaEvidencePage:
    area: Area
    year: int
    year_label: str
    year_words: str
    start: date
    end: date
    sources: list[SourceForArea]
    activities: list[Activity]
    more_activities: int
    priorities: list[Priority]
    sections: list[AreaEvidence]


def evidence_areas() -> list[Area]:
    """The areas an evidence page can be about: force areas, districts and neighbourhoods."""
    return list(Area.objects.engagement_levels().order_by("path"))


def _priorities(user: User, area: Area, start: date, end: date) -> list[Priority]:
    first, last = quarters.quarter_of(start), quarters.quarter_of(end)
    found = insight_selectors.priorities_visible(user=user).filter(
        Q(area__path__startswith=area.path), quarter__gte=first, quarter__lte=last
    )
    return list(found.order_by("area__name", "quarter", "rank"))


def area_evidence(*, user: User, area: Area, year: int) -> AreaEvidencePage:
    """The area's evidence for the year starting in April of `year`, as `user` may see it."""
    require(user, "outcomes.view_evidence")
    start, end = plan_year_bounds(year)
    activities = engagement_selectors.activity_list(
        user=user, data={"area": area.code, "starts_from": start.isoformat(), "starts_to": end.isoformat()}
    ).order_by("starts_at", "id")
    shown = list(activities[:ACTIVITIES_SHOWN])
    return AreaEvidencePage(
        area=area,
        year=year,
        year_label=plan_year_label(year),
        year_words=plan_year_words(year),
        start=start,
        end=end,
        sources=evidence_sources_for_area(user=user, area=area, start=start, end=end),
        activities=shown,
        more_activities=max(0, activities.count() - len(shown)),
        priorities=_priorities(user, area, start, end),
        sections=evidence_for(user, area, start, end),
    )
