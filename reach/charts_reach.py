"""Participants against the population as bar charts drawn on the server (the geometry here,
`reach/reach/_bar_chart.html` writes it out as inline SVG), so the page needs no JavaScript;
the table beside each chart is its accessible alternative. Like insight/charts.py."""

import math
from dataclasses import dataclass

from .engine import DimensionReach
from .stats import OVER, UNDER

WIDTH = 640
PLOT_LEFT, PLOT_RIGHT = 8, 540
TOP = 40  # room for the legend
LABEL_HEIGHT, BAR_HEIGHT, BAR_GAP, ROW_GAP = 20, 14, 3, 14
PARTICIPANTS_COLOUR = "#1d70b8"
POPULATION_COLOUR = "#505a5f"
FLAG_WORDS = {UNDER: "fewer than expected", OVER: "more than expected"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarRow:
    label: str
    label_y: float
    participants: Bar | None  # None: the count or the share is not shown to this reader
    population: Bar
    participants_text: str
    participants_y: float
    population_text: str
    text_x: float
    flag: str


@dataclass(frozen=True)
class Tick:
    text: str
    at: float


@dataclass(frozen=True)
class BarChart:
    id: str
    width: int
    height: int
    title: str
    description: str
    rows: list[BarRow]
    ticks: list[Tick]
    top: int
    bottom: float
    left: int = PLOT_LEFT
    participants_colour: str = PARTICIPANTS_COLOUR
    population_colour: str = POPULATION_COLOUR


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.01 or share == 0 else "under 1%"


def _scale_top(largest: float) -> float:
    """The axis' end: the largest share rounded up to the next 10%, at least 10%."""
    return max(0.1, math.ceil(largest * 10 - 1e-9) / 10)


def bar_chart(dimension: DimensionReach, *, whom: str, chart_id: str) -> BarChart | None:
    """Two bars per group: the participants' share and the population's. None with no groups."""
    if not dimension.cells:
        return None
    shares = [c.share or 0.0 for c in dimension.cells] + [c.population_share for c in dimension.cells]
    top = _scale_top(max(shares))
    span = PLOT_RIGHT - PLOT_LEFT

    def length(share: float) -> float:
        return round(span * min(share, top) / top, 1)

    rows, y = [], float(TOP)
    for cell in dimension.cells:
        bars_y = y + LABEL_HEIGHT
        shown = cell.share is not None
        if shown:
            text = _percent(cell.share or 0.0) + (
                f", {FLAG_WORDS[cell.flag]}" if cell.flag in FLAG_WORDS else ""
            )
        else:
            text = (cell.shown if cell.participants is None else "share not shown") + (
                f" ({FLAG_WORDS[cell.flag]})" if cell.flag in FLAG_WORDS else ""
            )
        participants = Bar(PLOT_LEFT, bars_y, length(cell.share or 0.0), BAR_HEIGHT) if shown else None
        population = Bar(PLOT_LEFT, bars_y + BAR_HEIGHT + BAR_GAP, length(cell.population_share), BAR_HEIGHT)
        rows.append(
            BarRow(
                label=cell.label,
                label_y=y + LABEL_HEIGHT - 6,
                participants=participants,
                population=population,
                participants_text=text,
                participants_y=bars_y,
                population_text=_percent(cell.population_share),
                text_x=PLOT_LEFT + 6 + max(participants.width if participants else 0, population.width),
                flag=cell.flag,
            )
        )
        y = bars_y + 2 * BAR_HEIGHT + BAR_GAP + ROW_GAP
    steps = round(top * 10)
    every = 1 if steps <= 5 else 2
    ticks = [
        Tick(text=f"{10 * i}%", at=round(PLOT_LEFT + span * (i / 10) / top, 1))
        for i in range(0, steps + 1, every)
    ]
    label = dimension.label.lower()
    return BarChart(
        id=chart_id,
        width=WIDTH,
        height=math.ceil(y + 24),
        title=f"{dimension.label}: participants against {whom}",
        description=(
            f"Bar chart of {len(rows)} groups by {label}: for each, the share of participants (blue, first) "
            f"and the share of {whom} (grey, second). The table below gives the same figures."
        ),
        rows=rows,
        ticks=ticks,
        top=TOP,
        bottom=y,
    )
