"""Bar charts of the reports' web pages, drawn on the server: the geometry is worked out here and
`outcomes/reports/_bars.html` writes it out as inline SVG (in the style of reach/charts_reach.py),
so the pages need no JavaScript. Each chart is one image with a title and a description for
assistive technology, and the table beside it on the page gives the same figures."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

WIDTH = 640
LEFT = 8
ROOM_FOR_TEXT = 120  # to the right of the longest bar
TOP = 34  # room for the legend
LABEL_HEIGHT, BAR_HEIGHT, BAR_GAP, ROW_GAP = 20, 14, 3, 12
COLOURS = ("#1d70b8", "#505a5f", "#00703c", "#d4351c")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    text: str
    text_x: float


@dataclass(frozen=True)
class BarRow:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class LegendEntry:
    name: str
    colour: str
    x: int


@dataclass(frozen=True)
class BarChart:
    id: str
    width: int
    height: int
    title: str
    description: str
    rows: list[BarRow]
    legend: list[LegendEntry]
    top: int
    left: int = LEFT


def _text(value: float | None, percent: bool) -> str:
    if value is None:
        return "not shown"
    if percent:
        return "under 1%" if 0 < value < 0.005 else f"{100 * value:.0f}%"
    return f"{value:,.1f}".removesuffix(".0")


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    names: Sequence[str] = (),
    percent: bool = False,
    width: int = WIDTH,
) -> BarChart | None:
    """One bar per series for each label (a value of None draws no bar and says so), in a chart
    `width` wide (drawn at about its size where it fits). None when there is nothing to draw."""
    if not labels or not series:
        return None
    largest = max((v for s in series for v in s if v is not None), default=0.0) or 1.0
    span = width - ROOM_FOR_TEXT - LEFT
    top = TOP if len(series) > 1 else 8
    rows, y = [], float(top)
    for i, label in enumerate(labels):
        bars_y = y + LABEL_HEIGHT
        bars = []
        for j, values in enumerate(series):
            value = values[i] if i < len(values) else None
            length = round(span * (value or 0) / largest, 1)
            bar_y = bars_y + j * (BAR_HEIGHT + BAR_GAP)
            bars.append(
                Bar(
                    LEFT,
                    bar_y,
                    length,
                    BAR_HEIGHT,
                    COLOURS[j % len(COLOURS)],
                    _text(value, percent),
                    LEFT + length + 6,
                )
            )
        rows.append(BarRow(label=str(label)[: width // 8], label_y=y + LABEL_HEIGHT - 6, bars=bars))
        y = bars_y + len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    legend = [LegendEntry(name, COLOURS[j % len(COLOURS)], LEFT + 170 * j) for j, name in enumerate(names)]
    what = gettext(" and ").join(names) if names else gettext("the figure")
    return BarChart(
        id=chart_id,
        width=width,
        height=math.ceil(y + 8),
        title=title,
        description=gettext("Bar chart of %(what)s for each of %(count)s rows.")
        % {"what": what, "count": len(rows)}
        + " "
        + gettext("The table below gives the same figures."),
        rows=rows,
        legend=legend if len(series) > 1 else [],
        top=top,
    )
