"""Trend charts of measures and evidence, drawn on the server: the geometry is worked out here and
`outcomes/measures/_chart.html` writes it out as inline SVG (in the style of insight/charts.py),
so pages need no JavaScript. Each chart has a title and a description for assistive technology,
and the page puts a table of the same figures under it.

Friedman's report cards draw each measure as a line over time against its baseline and target:
the "curve" whose story the card tells. Periods without a figure break the line."""

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext

from .measures_periods import label, periods_between, short_label

COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#912b88", "#0b0c0c", "#505a5f"]
DASHES = ["", "8 4", "2 4", "10 4 2 4"]
BASELINE_COLOUR, TARGET_COLOUR = "#505a5f", "#00703c"
WIDTH = 880
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_HEIGHT = 88, 600, 24, 240
PAD = 20
LEGEND_X, LEGEND_ROW, LEGEND_CHARS = 630, 26, 30
MAX_X_LABELS = 8


def format_value(value: Decimal | float | None, unit: str = "") -> str:
    """1204 -> "1,204"; 72.50 with "%" -> "72.5%"; with a word for a unit, "3 complaints"."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    whole = number == number.to_integral_value()
    text = f"{number:,.0f}" if whole else f"{number:,f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


@dataclass(frozen=True)
class Tick:
    text: str
    at: float
    second: str = ""  # a second line under the first (the year under the months)


@dataclass(frozen=True)
class ChartPoint:
    period: date
    period_label: str
    value: Decimal
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class ChartLine:
    label: str
    short_label: str
    colour: str
    dash: str
    points: list[ChartPoint]
    path: str
    legend_y: float


@dataclass(frozen=True)
class Guide:
    """A level drawn across the chart: the baseline or the target."""

    name: str  # "baseline" or "target"
    label: str
    colour: str
    y: float
    legend_y: float


@dataclass(frozen=True)
class MeasureChart:
    dom_id: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    title: str
    description: str
    lines: list[ChartLine]
    guides: list[Guide] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    y_title: str = ""
    legend_x: int = LEGEND_X

    @property
    def x_title_y(self) -> int:
        return self.bottom + 62

    @property
    def y_title_y(self) -> float:
        return (self.top + self.bottom) / 2


def _fmt(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def _nice_step(span: float) -> float:
    raw = span / 5 if span > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _scale(numbers: list[float]) -> tuple[float, float, float]:
    """The bottom, top and step of the value axis: from 0 when nothing is below it."""
    low, high = min(numbers), max(numbers)
    low = min(low, 0.0)
    step = _nice_step(high - low)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    if top == bottom:
        top = bottom + step
    return bottom, top, step


def _two_lines(text: str) -> tuple[str, str]:
    """ "Apr–Jun 2026" -> ("Apr–Jun", "2026"), so that eight quarters fit side by side."""
    first, _, second = text.rpartition(" ")
    return (first, second) if first else (text, "")


def _shorten(text: str) -> str:
    return text if len(text) <= LEGEND_CHARS else text[: LEGEND_CHARS - 1].rstrip() + "…"


Series = list[tuple[date, Decimal]]


def _path(points: list[ChartPoint], periods: list[date]) -> str:
    parts, previous = [], None
    for point in points:
        index = periods.index(point.period)
        command = "L" if previous is not None and index == previous + 1 else "M"
        parts.append(f"{command}{_fmt(point.x)} {_fmt(point.y)}")
        previous = index
    return " ".join(parts)


def _description(lines: list[ChartLine], guides: list[Guide], first: str, last: str, *, single: bool) -> str:
    """What the chart shows, in words, for screen readers."""
    span = (
        gettext("in %(period)s") % {"period": first}
        if single
        else gettext("from %(first)s to %(last)s")
        % {
            "first": first,
            "last": last,
        }
    )
    if len(lines) == 1:
        what = gettext("the figure")
    else:
        what = gettext("%(count)s lines (%(names)s)") % {
            "count": len(lines),
            "names": ", ".join(line.label for line in lines),
        }
    across = {
        ("baseline",): gettext(
            "Line chart of %(what)s for each period, %(span)s, with the baseline drawn across."
        ),
        ("target",): gettext(
            "Line chart of %(what)s for each period, %(span)s, with the target drawn across."
        ),
        ("baseline", "target"): gettext(
            "Line chart of %(what)s for each period, %(span)s, with the baseline and target drawn across."
        ),
    }
    sentence = across.get(
        tuple(g.name for g in guides), gettext("Line chart of %(what)s for each period, %(span)s.")
    )
    return sentence % {"what": what, "span": span} + " " + gettext("The table below gives the same figures.")


def trend_chart(
    *,
    dom_id: str,
    title: str,
    frequency: str,
    series: list[tuple[str, Series]],
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
) -> MeasureChart | None:
    """One line per series over the periods they cover, oldest on the left, with the baseline
    and target drawn across. None when there is nothing to draw."""
    series = [(name, sorted(values)) for name, values in series if values]
    if not series:
        return None
    days = [day for _, values in series for day, _ in values]
    periods = periods_between(min(days), max(days), frequency)
    levels = [float(v) for _, values in series for _, v in values]
    levels += [float(g) for g in (baseline, target) if g is not None]
    low, high, step = _scale(levels)
    bottom = PLOT_TOP + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return round(bottom - (value - low) * PLOT_HEIGHT / (high - low), 1)

    if len(periods) == 1:
        xs = [(PLOT_LEFT + PLOT_RIGHT) / 2]
    else:
        spacing = (PLOT_RIGHT - PLOT_LEFT - 2 * PAD) / (len(periods) - 1)
        xs = [round(PLOT_LEFT + PAD + i * spacing, 1) for i in range(len(periods))]
    x_of = dict(zip(periods, xs, strict=True))
    lines = []
    for i, (name, values) in enumerate(series):
        points = [
            ChartPoint(
                day, label(day, frequency), value, format_value(value, unit), x_of[day], y_of(float(value))
            )
            for day, value in values
        ]
        lines.append(
            ChartLine(
                label=name,
                short_label=_shorten(name),
                colour=COLOURS[i % len(COLOURS)],
                dash=DASHES[i % len(DASHES)],
                points=points,
                path=_path(points, periods),
                legend_y=PLOT_TOP + 8 + i * LEGEND_ROW,
            )
        )
    guides: list[Guide] = []
    shown = (
        ("baseline", gettext("Baseline: %(value)s"), baseline, BASELINE_COLOUR),
        ("target", gettext("Target: %(value)s"), target, TARGET_COLOUR),
    )
    for name, words, level, colour in shown:
        if level is not None:
            row = PLOT_TOP + 8 + (len(lines) + len(guides)) * LEGEND_ROW
            text = words % {"value": format_value(level, unit)}
            guides.append(Guide(name, text, colour, y_of(float(level)), row))
    every = math.ceil(len(periods) / MAX_X_LABELS)
    x_ticks = [
        Tick(first_line, x, second_line)
        for i, (day, x) in enumerate(zip(periods, xs, strict=True))
        if i % every == 0 or i == len(periods) - 1
        for first_line, second_line in [_two_lines(short_label(day, frequency))]
    ]
    count = round((high - low) / step)
    tick_unit = "%" if unit == "%" else ""
    y_ticks = [
        Tick(format_value(Decimal(str(round(low + i * step, 6))), tick_unit), y_of(low + i * step))
        for i in range(count + 1)
    ]
    legend_rows = len(lines) + len(guides)
    height = max(bottom + 74, PLOT_TOP + 8 + legend_rows * LEGEND_ROW)
    first, last = label(periods[0], frequency), label(periods[-1], frequency)
    description = _description(lines, guides, first, last, single=len(periods) == 1)
    return MeasureChart(
        dom_id=dom_id,
        width=WIDTH,
        height=math.ceil(height),
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        top=PLOT_TOP,
        bottom=bottom,
        title=title,
        description=description,
        lines=lines,
        guides=guides,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        y_title=unit.capitalize()
        if unit and unit != "%"
        else (gettext("Per cent") if unit == "%" else gettext("Value")),
    )
