"""The reading door of measures, report cards and the evidence register: what their pages, their
API operations, their PDFs and other parts' reports show, for one user — the records they may
see (`visible_to`: their organisation's own and their partnerships'), staff-written words
through the reader's TextDoor (as written for the owning organisation, redacted for others).

Built to be read by partnership, area and period: `report_card(partnership=, start=, end=)` and
`measure_views(partnership=, area=, start=, end=)`.
The evidence register's reading door (its sources, and an area's page with engagement beside
the data) is measures_evidence.py."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from core.permissions import require
from core.shortcuts import get_or_404, get_visible_or_404
from organisations.models import Partnership, User
from organisations.privacy import reads_raw_text, text_door
from places.models import Area

from .measures_charts import MeasureChart, format_value, trend_chart
from .measures_periods import label
from .measures_scope import SharedQuerySet, member_partnerships
from .models import Direction, Measure, MeasureValue, Quadrant

QUADRANT_HINTS = {
    Quadrant.HOW_MUCH: "The quantity of effort: how much service was delivered.",
    Quadrant.HOW_WELL: "The quality of effort: how well it was delivered.",
    Quadrant.BETTER_OFF: "The effect: whether the people it is for are better off.",
}


@dataclass(frozen=True)
class ValueRow:
    pk: int
    period_start: date
    period_label: str
    value: Decimal
    text: str
    note: str = ""
    respondents: int | None = None


@dataclass(frozen=True)
class MeasureView:
    measure: Measure
    owner: str
    partnership: str
    area: str
    description: str
    story: str
    what_works: str
    next_steps: str
    partners: list[str]
    baseline: str
    target: str
    values: list[ValueRow]
    trend: str
    against_target: str
    chart: MeasureChart | None
    can_change: bool
    reads_as_written: bool = False  # False: its words reach this reader redacted

    @property
    def latest(self) -> ValueRow | None:
        return self.values[-1] if self.values else None


def between(rows: QuerySet[Any], start: date | None, end: date | None) -> QuerySet[Any]:
    if start is not None:
        rows = rows.filter(period_start__gte=start)
    if end is not None:
        rows = rows.filter(period_start__lte=end)
    return rows


def _better(direction: str, new: Decimal, old: Decimal) -> bool:
    return new > old if direction == Direction.HIGHER else new < old


def trend_words(direction: str, values: list[ValueRow]) -> str:
    """How the latest figure compares with the one before, in words."""
    if len(values) < 2:
        return ""
    new, old = values[-1].value, values[-2].value
    if new == old:
        return "No change since the period before"
    return f"{'Better' if _better(direction, new, old) else 'Worse'} than the period before"


def target_words(direction: str, values: list[ValueRow], target: Decimal | None, unit: str) -> str:
    if target is None or not values:
        return ""
    latest = values[-1].value
    if latest == target or _better(direction, latest, target):
        return "The target is met"
    return f"{format_value(abs(target - latest), unit)} short of the target"


def _level(value: Decimal | None, period: date | None, frequency: str, unit: str) -> str:
    if value is None:
        return ""
    text = format_value(value, unit)
    return f"{text} ({label(period, frequency)})" if period else text


def _measures() -> SharedQuerySet:
    return Measure.objects.select_related("organisation", "partnership", "area").prefetch_related(
        "partners", Prefetch("values", queryset=MeasureValue.objects.order_by("period_start"))
    )


def measure_list(
    *, user: User, partnership: Partnership | None = None, area: Area | None = None, quadrant: str = ""
) -> QuerySet[Measure]:
    """The measures the user may see, narrowed to a partnership's, an area's (or an area inside
    it) and a quadrant's."""
    require(user, "outcomes.view_measure")
    found = _measures().visible_to(user)
    if partnership is not None:
        found = found.filter(partnership=partnership)
    if area is not None:
        found = found.filter(area__path__startswith=area.path)
    if quadrant in Quadrant.values:
        found = found.filter(quadrant=quadrant)
    return found


@dataclass(frozen=True)
class MeasureRow:
    """A measure as a list shows it: its latest figure in words."""

    measure: Measure
    latest: str
    latest_period: str


def measure_rows(*, user: User, quadrant: str = "") -> list[MeasureRow]:
    rows = []
    for m in measure_list(user=user, quadrant=quadrant):
        values = list(m.values.all())  # prefetched, oldest first
        last = values[-1] if values else None
        rows.append(
            MeasureRow(
                m,
                format_value(last.value, m.unit) if last else "",
                label(last.period_start, m.frequency) if last else "",
            )
        )
    return rows


def measure_get(*, user: User, pk: Any) -> Measure:
    require(user, "outcomes.view_measure")
    measure = get_visible_or_404(_measures(), user, pk)
    require(user, "outcomes.view_measure", measure)
    return measure


def as_written_for(user: User, owner_id: int | None) -> None:
    """PermissionDenied unless the user reads the owner's words as written: a form that shows
    a record's words to change them is for the owning organisation's staff alone (a superuser,
    whom permissions never refuse, included)."""
    if not reads_raw_text(user, owner_id):
        raise PermissionDenied("Only its own organisation's staff change it.")


def measure_for_change(*, user: User, pk: Any) -> Measure:
    """A measure whose definition and story the user may change in a form."""
    measure = measure_get(user=user, pk=pk)
    require(user, "outcomes.change_measure", measure)
    as_written_for(user, measure.organisation_id)
    return measure


def measure_value_get(*, measure: Measure, pk: Any) -> MeasureValue:
    return get_or_404(measure.values.all(), pk)


def measure_view(
    *, user: User, measure: Measure, start: date | None = None, end: date | None = None, chart_id: str = ""
) -> MeasureView:
    """A measure with its values in the period (all of them without one), its trend chart and
    its story, as the user may read them."""
    door = text_door(user, measure.organisation_id)
    values = [
        ValueRow(
            v.pk,
            v.period_start,
            label(v.period_start, measure.frequency),
            v.value,
            format_value(v.value, measure.unit),
            door(v.note),
        )
        for v in between(MeasureValue.objects.filter(measure=measure).order_by("period_start"), start, end)
    ]
    chart = trend_chart(
        dom_id=chart_id or f"measure-{measure.pk}",
        title=f"{measure.name}, period by period",
        frequency=measure.frequency,
        series=[("The figures", [(v.period_start, v.value) for v in values])],
        unit=measure.unit,
        baseline=measure.baseline,
        target=measure.target,
    )
    partners = [o.name for o in measure.partners.all()] + (
        [door(measure.other_partners)] if measure.other_partners else []
    )
    return MeasureView(
        measure=measure,
        owner=measure.organisation.name,
        partnership=measure.partnership.name if measure.partnership else "",
        area=measure.area.name if measure.area else "",
        description=door(measure.description),
        story=door(measure.story),
        what_works=door(measure.what_works),
        next_steps=door(measure.next_steps),
        partners=partners,
        baseline=_level(measure.baseline, measure.baseline_period, measure.frequency, measure.unit),
        target=_level(measure.target, measure.target_period, measure.frequency, measure.unit),
        values=values,
        trend=trend_words(measure.direction, values),
        against_target=target_words(measure.direction, values, measure.target, measure.unit),
        chart=chart,
        can_change=user.has_perm("outcomes.change_measure", measure),
        reads_as_written=not door.redacts,
    )


def measure_views(
    *,
    user: User,
    partnership: Partnership | None = None,
    area: Area | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[MeasureView]:
    """Every measure the user may see (of a partnership, of an area), with values in the period."""
    return [
        measure_view(user=user, measure=m, start=start, end=end)
        for m in measure_list(user=user, partnership=partnership, area=area)
    ]


@dataclass(frozen=True)
class QuadrantGroup:
    quadrant: str
    title: str
    hint: str
    measures: list[MeasureView]


@dataclass(frozen=True)
class ReportCard:
    partnership: Partnership
    members: list[str]
    objectives: list[str]
    groups: list[QuadrantGroup]
    start: date | None = None
    end: date | None = None
    period: str = ""

    @property
    def measure_count(self) -> int:
        return sum(len(g.measures) for g in self.groups)


def partnerships_for(*, user: User) -> QuerySet[Partnership]:
    """The partnerships whose report cards, action plans and annual plans the user may open."""
    require(user, "outcomes.view_measure")
    return member_partnerships(user).order_by("name").distinct()


def partnership_get(*, user: User, pk: Any) -> Partnership:
    require(user, "outcomes.view_measure")
    partnership = get_or_404(partnerships_for(user=user), pk)
    require(user, "outcomes.view_report_card", partnership)
    return partnership


def report_card(
    *, user: User, partnership: Partnership, start: date | None = None, end: date | None = None
) -> ReportCard:
    """The partnership's measures in Friedman's three quadrants, each with its curve and story;
    values narrowed to the period when one is given."""
    require(user, "outcomes.view_report_card", partnership)
    views = measure_views(user=user, partnership=partnership, start=start, end=end)
    groups = [
        QuadrantGroup(q.value, str(q.label), QUADRANT_HINTS[q], [v for v in views if v.measure.quadrant == q])
        for q in Quadrant
    ]
    period = ""
    if start and end:
        period = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    return ReportCard(
        partnership=partnership,
        members=[o.name for o in partnership.members.order_by("name")],
        objectives=[line.strip() for line in partnership.objectives.splitlines() if line.strip()],
        groups=groups,
        start=start,
        end=end,
        period=period,
    )
