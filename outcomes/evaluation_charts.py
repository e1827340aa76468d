"""The National Standards trend as a line chart drawn on the server: the geometry is worked out
here and `outcomes/evaluation/_standards_chart.html` writes it out as inline SVG, so the page
needs no JavaScript. The table that follows it is the accessible alternative. Colours and dash
patterns are the priorities trend's (insight/charts.py), so lines can be told apart without
colour."""

import math
from dataclasses import dataclass

from insight.charts import COLOURS, DASHES

from .evaluation_standards import SCORE_NAMES
from .evaluation_trend import StandardsTrend, TrendCell
from .models.evaluation import HIGHEST_SCORE, LOWEST_SCORE

WIDTH = 880
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP = 96, 500, 24
PLOT_HEIGHT = 260
PAD = 20
LEGEND_X, LEGEND_ROW = 530, 28
MAX_PERIOD_LABELS = 8


@dataclass(frozen=True)
class ChartPoint:
    period: str  # in words
    value: float
    count: int
    x: float
    y: float


@dataclass(frozen=True)
class ChartLine:
    label: str
    colour: str
    dash: str
    points: list[ChartPoint]
    path: str  # a period without a score breaks the line
    legend_y: float


@dataclass(frozen=True)
class ChartTick:
    text: str
    at: float


@dataclass(frozen=True)
class StandardsChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: float
    title: str
    description: str
    x_title: str
    lines: list[ChartLine]
    period_ticks: list[ChartTick]
    score_ticks: list[ChartTick]
    legend_x: int = LEGEND_X

    @property
    def x_title_y(self) -> float:
        return self.bottom + 44

    @property
    def y_title_y(self) -> float:
        return (self.top + self.bottom) / 2


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def y_of(score: float, bottom: float) -> float:
    """Score 4 at the top of the plot, 1 at the bottom."""
    span = PLOT_HEIGHT - 2 * PAD
    return round(bottom - PAD - (score - LOWEST_SCORE) * span / (HIGHEST_SCORE - LOWEST_SCORE), 1)


def _xs(count: int) -> list[float]:
    if count == 1:
        return [(PLOT_LEFT + PLOT_RIGHT) / 2]
    step = (PLOT_RIGHT - PLOT_LEFT - 2 * PAD) / (count - 1)
    return [round(PLOT_LEFT + PAD + i * step, 1) for i in range(count)]


def _line(
    index: int, label: str, cells: list[TrendCell], trend: StandardsTrend, xs: list[float], bottom: float
) -> ChartLine:
    points: list[ChartPoint] = []
    parts: list[str] = []
    previous: int | None = None
    for i, cell in enumerate(cells):
        if cell.average is None:
            continue
        point = ChartPoint(trend.labels[i], cell.average, cell.count, xs[i], y_of(cell.average, bottom))
        command = "L" if previous is not None and i == previous + 1 else "M"
        parts.append(f"{command}{_fmt(point.x)} {_fmt(point.y)}")
        points.append(point)
        previous = i
    return ChartLine(
        label=label,
        colour=COLOURS[index % len(COLOURS)],
        dash=DASHES[index % len(DASHES)],
        points=points,
        path=" ".join(parts),
        legend_y=PLOT_TOP + 8 + index * LEGEND_ROW,
    )


def standards_chart(trend: StandardsTrend) -> StandardsChart | None:
    """The chart of `trend`, or None when no activity has been scored."""
    if not trend.periods or not trend.assessments:
        return None
    bottom = PLOT_TOP + PLOT_HEIGHT
    xs = _xs(len(trend.periods))
    lines = [_line(i, label, cells, trend, xs, bottom) for i, (label, cells) in enumerate(trend.rows)]
    every = math.ceil(len(trend.periods) / MAX_PERIOD_LABELS)
    period_ticks = [
        ChartTick(text=trend.short_labels[i], at=x)
        for i, x in enumerate(xs)
        if i % every == 0 or i == len(xs) - 1
    ]
    score_ticks = [
        ChartTick(text=f"{s} {SCORE_NAMES[s]}", at=y_of(s, bottom))
        for s in range(LOWEST_SCORE, HIGHEST_SCORE + 1)
    ]
    height = max(bottom + 56, PLOT_TOP + 8 + len(lines) * LEGEND_ROW)
    where = f" in {trend.area.name}" if trend.area else ""
    span = (
        f"in {trend.labels[0]}" if len(trend.labels) == 1 else f"from {trend.labels[0]} to {trend.labels[-1]}"
    )
    unit = "quarter" if trend.by == "quarter" else "year"
    return StandardsChart(
        width=WIDTH,
        height=math.ceil(height),
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        top=PLOT_TOP,
        bottom=bottom,
        title=f"National Standards self-assessment scores{where}, {unit} by {unit}",
        description=(
            f"Line chart of the average score of each of the {len(lines)} National Standards {span}, "
            f"over {trend.assessments} activit{'y' if trend.assessments == 1 else 'ies'} scored; "
            "4 (fully met) is at the top, 1 (not yet) at the bottom. The table below gives the same figures."
        ),
        x_title=unit.capitalize(),
        lines=lines,
        period_ticks=period_ticks,
        score_ticks=score_ticks,
    )
