"""The priorities trend (and the policing codes' shares) as a line chart drawn on the server: the geometry is worked out here and
`insight/_trend_chart.html` writes it out as inline SVG, so the page needs no JavaScript. The
table beside it stays the accessible alternative."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core import quarters as quarters_in_words

# Line colours with at least 3:1 contrast against white, each paired with a dash pattern so
# that lines can be told apart without colour.
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#912b88", "#0b0c0c", "#505a5f"]
DASHES = ["", "8 4", "2 4", "10 4 2 4"]

WIDTH = 880
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP = 64, 470, 24
PAD = 24  # between the axes and the first and last quarter
LEGEND_X, LEGEND_ROW = 500, 26
LEGEND_CHARS = 42
MAX_QUARTER_LABELS = 8
MAX_RANK_TICKS = 12


@dataclass(frozen=True)
class TrendPoint:
    quarter: str
    rank: int
    x: float
    y: float
    shown: str = ""  # the value in words, when it is not a rank
    title: str = ""  # its tooltip, when the page words it (the public page, in its language)


@dataclass(frozen=True)
class TrendLine:
    label: str
    short_label: str
    colour: str
    dash: str
    points: list[TrendPoint]
    path: str  # one path per label; a quarter without the label breaks the line
    legend_y: float


@dataclass(frozen=True)
class Tick:
    text: str
    at: float


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: float
    title: str
    description: str
    lines: list[TrendLine]
    quarter_ticks: list[Tick] = field(default_factory=list)
    rank_ticks: list[Tick] = field(default_factory=list)
    legend_x: int = LEGEND_X
    y_title: str = "Rank"
    x_title: str = ""  # "Quarter" in the template unless the page words it
    caption: str = (
        "Each line is a priority; higher up means more important. The table below gives the same figures."
    )

    @property
    def x_title_y(self) -> float:
        return self.bottom + 44

    @property
    def y_title_y(self) -> float:
        return (self.top + self.bottom) / 2


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _shorten(label: str) -> str:
    return label if len(label) <= LEGEND_CHARS else label[: LEGEND_CHARS - 1].rstrip() + "…"


def trend_chart(
    quarters: list[str], rows: list[tuple[str, list[int | None]]], *, area_name: str
) -> TrendChart | None:
    """The chart of `priorities.priority_trend`: x is the quarter (oldest on the left), y the rank
    (1 at the top). None when there is nothing to draw."""
    if not quarters or not rows:
        return None
    max_rank = max(r for _, ranks in rows for r in ranks if r is not None)
    plot_height = min(360, max(160, 36 * (max_rank - 1)))
    bottom = PLOT_TOP + plot_height
    if len(quarters) == 1:
        xs = [(PLOT_LEFT + PLOT_RIGHT) / 2]
    else:
        step = (PLOT_RIGHT - PLOT_LEFT - 2 * PAD) / (len(quarters) - 1)
        xs = [PLOT_LEFT + PAD + i * step for i in range(len(quarters))]

    def y_of(rank: float) -> float:
        if max_rank == 1:
            return PLOT_TOP + PAD
        return PLOT_TOP + PAD + (rank - 1) * (plot_height - 2 * PAD) / (max_rank - 1)

    ranked: list[tuple[str, list[Value | None]]] = [
        (label, [None if r is None else (float(r), r, "") for r in ranks]) for label, ranks in rows
    ]
    lines = _lines(quarters, ranked, xs, lambda r: round(y_of(r), 1))
    quarter_ticks = _quarter_ticks(quarters, xs, quarters_in_words.short_label)
    rank_every = math.ceil(max_rank / MAX_RANK_TICKS)
    shown = [r for r in range(1, max_rank + 1) if r == 1 or r % rank_every == 0]
    if shown[-1] != max_rank:
        shown.append(max_rank)
    rank_ticks = [Tick(text=str(r), at=round(y_of(r), 1)) for r in shown]
    first, last = quarters_in_words.label(quarters[0]), quarters_in_words.label(quarters[-1])
    span = f"in {first}" if len(quarters) == 1 else f"from {first} to {last}"
    return _chart(
        bottom,
        lines,
        title=f"How the priorities in {area_name} have ranked, quarter by quarter",
        description=(
            f"Line chart of the rank of {len(lines)} priorit{'y' if len(lines) == 1 else 'ies'} "
            f"{span}, one line each; rank 1, the most important, is at the top. "
            "The table below gives the same figures."
        ),
        quarter_ticks=quarter_ticks,
        rank_ticks=rank_ticks,
    )


def _path(points: list[TrendPoint], quarters: list[str]) -> str:
    parts: list[str] = []
    previous: int | None = None
    for point in points:
        index = quarters.index(point.quarter)
        command = "L" if previous is not None and index == previous + 1 else "M"
        parts.append(f"{command}{_fmt(point.x)} {_fmt(point.y)}")
        previous = index
    return " ".join(parts)


#: A point's value: (where it goes on the y axis, its rank or count, the value in words).
Value = tuple[float, int, str]


def _lines(
    quarters: list[str],
    rows: list[tuple[str, list[Value | None]]],
    xs: list[float],
    y_of: Callable[[float], float],
    title: Callable[[str, str, str], str] | None = None,
) -> list[TrendLine]:
    """One line per row; a quarter without a value (None) is a gap in its line."""
    lines = []
    for i, (label, values) in enumerate(rows):
        points = [
            TrendPoint(
                quarter=q,
                rank=v[1],
                x=round(x, 1),
                y=y_of(v[0]),
                shown=v[2],
                title=title(label, q, v[2]) if title else "",
            )
            for q, v, x in zip(quarters, values, xs, strict=True)
            if v is not None
        ]
        lines.append(
            TrendLine(
                label=label,
                short_label=_shorten(label),
                colour=COLOURS[i % len(COLOURS)],
                dash=DASHES[i % len(DASHES)],
                points=points,
                path=_path(points, quarters),
                legend_y=PLOT_TOP + 8 + i * LEGEND_ROW,
            )
        )
    return lines


def _quarter_ticks(quarters: list[str], xs: list[float], words: Callable[[str], str]) -> list[Tick]:
    every = math.ceil(len(quarters) / MAX_QUARTER_LABELS)
    return [
        Tick(text=words(q), at=round(x, 1))
        for i, (q, x) in enumerate(zip(quarters, xs, strict=True))
        if i % every == 0 or i == len(quarters) - 1
    ]


@dataclass(frozen=True)
class _Frame:
    """The plot area the share and count charts share: where each quarter sits across, and where
    a value sits up (0 at the bottom, `y_max` at the top)."""

    xs: list[float]
    y_max: float
    bottom: int = PLOT_TOP + 240

    @classmethod
    def of(cls, quarters: list[str], y_max: float) -> "_Frame":
        gap = (PLOT_RIGHT - PLOT_LEFT - 2 * PAD) / max(1, len(quarters) - 1)
        return cls(xs=[PLOT_LEFT + PAD + i * gap for i in range(len(quarters))], y_max=y_max)

    def y_of(self, value: float) -> float:
        return round(self.bottom - value / self.y_max * (self.bottom - PLOT_TOP - PAD), 1)

    def chart(self, lines: list[TrendLine], **words: Any) -> TrendChart:
        return _chart(self.bottom, lines, **words)


def _chart(bottom: float, lines: list[TrendLine], **words: Any) -> TrendChart:
    """A chart of `lines` on the plot area every chart here shares, tall enough for its legend."""
    height = max(bottom + 56, PLOT_TOP + 8 + len(lines) * LEGEND_ROW)
    return TrendChart(
        width=WIDTH,
        height=math.ceil(height),
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        top=PLOT_TOP,
        bottom=bottom,
        lines=lines,
        **words,
    )


def share_chart(
    quarters: list[str], rows: list[tuple[str, list[float | None]]], *, title: str, description: str
) -> TrendChart | None:
    """Shares (0 to 1) by quarter, one line per row, drawn like the priorities trend, with 0% at
    the bottom. None when there is nothing to draw."""
    if not quarters or not rows:
        return None
    top_value = max([v for _, values in rows for v in values if v is not None] or [0.0])
    y_max = max(0.1, math.ceil(top_value * 10) / 10)
    frame = _Frame.of(quarters, y_max)
    lines = _lines(
        quarters,
        [
            (label, [None if v is None else (v, round(v * 100), f"{v:.0%}") for v in values])
            for label, values in rows
        ],
        frame.xs,
        frame.y_of,
    )
    tenths = round(y_max * 10)
    return frame.chart(
        lines,
        title=title,
        description=description,
        quarter_ticks=_quarter_ticks(quarters, frame.xs, quarters_in_words.short_label),
        rank_ticks=[
            Tick(text=f"{n / 10:.0%}", at=frame.y_of(n / 10))
            for n in range(0, tenths + 1, max(1, tenths // 5))
        ],
        y_title="Share of answers",
        caption="Each line is a code: the share of the quarter's written answers given it. "
        "The table gives the figures.",
    )


def _count_step(top: int) -> int:
    """A round step for the count axis, so that it has at most five steps."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if top <= 5 * step:
            return step
    return 10 ** len(str(top))


def count_chart(
    quarters: list[str],
    rows: list[tuple[str, list[int | None]]],
    *,
    title: str,
    description: str,
    y_title: str,
    caption: str,
    x_title: str = "",
    quarter_short: Callable[[str], str] = quarters_in_words.short_label,
    point_title: Callable[[str, str, str], str] | None = None,
) -> TrendChart | None:
    """Counts by quarter, one line per row, with 0 at the bottom; a None is not drawn (a gap in
    the line). None when there is no count to draw. The words are the caller's, so that a public
    page gives them in the visitor's language: `point_title(label, quarter, count)` words each
    point's tooltip."""
    counts = [n for _, values in rows for n in values if n is not None]
    if not quarters or not counts:
        return None
    step = _count_step(max(max(counts), 1))
    y_max = step * math.ceil(max(max(counts), 1) / step)
    frame = _Frame.of(quarters, y_max)
    values: list[tuple[str, list[Value | None]]] = [
        (label, [None if n is None else (float(n), n, str(n)) for n in ns]) for label, ns in rows
    ]
    return frame.chart(
        _lines(quarters, values, frame.xs, frame.y_of, point_title),
        title=title,
        description=description,
        quarter_ticks=_quarter_ticks(quarters, frame.xs, quarter_short),
        rank_ticks=[Tick(text=str(n), at=frame.y_of(n)) for n in range(0, y_max + 1, step)],
        y_title=y_title,
        x_title=x_title,
        caption=caption,
    )
