"""A report as a document: sections of paragraphs, lists, tables and charts, written once from a
report's figures (reports_writing.py) and rendered three ways from that one shape — the web page
(inline SVG charts, each with its table), a standalone HTML file, and a PDF with ReportLab's
charts (core/pdf.py) that a police and crime panel or a partnership board can table."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.template.loader import render_to_string
from django.utils.translation import gettext

from core.pdf import Document

from .measures_charts import MeasureChart, trend_chart
from .measures_periods import short_label
from .reports_charts import BarChart, bar_chart


@dataclass(frozen=True)
class Block:
    """One piece of a section. `kind`: "p" (a paragraph; `small` for notes), "list", "table",
    "bars" (a bar chart: `labels`, one series of values per name in `names`), "line" (a measure
    over time: `points` of (first day ISO, value), `frequency`, `unit`, `baseline`, `target`)."""

    kind: str
    text: str = ""
    small: bool = False
    items: list[str] = field(default_factory=list)
    title: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()
    labels: list[str] = field(default_factory=list)
    series: list[list[float | None]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    percent: bool = False
    points: list[tuple[str, float]] = field(default_factory=list)
    frequency: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    svg: BarChart | MeasureChart | None = None  # for the web page

    @property
    def series_rows(self) -> list[tuple[str, str]]:
        """A one-series chart's figures as (label, value in words), for the table beside it."""
        values = self.series[0] if self.series else []
        return [
            (label, "–" if v is None else f"{v:,.1f}".removesuffix(".0"))
            for label, v in zip(self.labels, values, strict=False)
        ]

    @property
    def labelled_rows(self) -> list[list[tuple[str, Any, bool]]]:
        """Each row's cells as (its column's heading, the value, whether it is a number), so
        that a narrow screen can stack them under their headings."""
        headers = list(self.headers)
        return [
            [
                (headers[i] if i < len(headers) else "", value, i in self.numeric)
                for i, value in enumerate(row)
            ]
            for row in self.rows
        ]


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[Block]
    level: int = 1
    anchor: str = ""


@dataclass(frozen=True)
class Doc:
    title: str
    subtitle: str
    sections: list[Section]


def p(text: str, *, small: bool = False) -> Block:
    return Block("p", text=text, small=small)


def bullets(items: list[str]) -> Block:
    return Block("list", items=[str(i) for i in items])


def table(title: str, headers: list[str], rows: list[list[Any]], *, numeric: tuple[int, ...] = ()) -> Block:
    return Block("table", title=title, headers=headers, rows=rows, numeric=frozenset(numeric))


def bars(
    title: str,
    labels: list[str],
    series: list[list[float | None]],
    *,
    names: Sequence[str] = (),
    percent: bool = False,
) -> Block:
    return Block("bars", title=title, labels=labels, series=series, names=list(names), percent=percent)


# The PDF


def _pdf_line(doc: Document, block: Block) -> None:
    count = len(block.points)
    lines: dict[str, Sequence[tuple[float, float]]] = {
        block.title[:40]: [(float(i), value) for i, (_, value) in enumerate(block.points)]
    }
    for name, level in ((gettext("Baseline"), block.baseline), (gettext("Target"), block.target)):
        if level is not None:
            lines[name] = [(0.0, level), (float(max(count - 1, 1)), level)]
    labels = [short_label(date.fromisoformat(day), block.frequency) for day, _ in block.points]
    doc.line_chart(block.title, lines, x_labels=labels)


def _pdf_block(doc: Document, block: Block) -> None:
    if block.kind == "p":
        doc.paragraph(block.text, small=block.small)
    elif block.kind == "list":
        for item in block.items:
            doc.paragraph(f"– {item}")
    elif block.kind == "table":
        if block.title:
            doc.paragraph(block.title, small=True)
        doc.table(block.headers, block.rows)
    elif block.kind == "bars" and block.labels:
        several = len(block.series) > 1
        # ReportLab draws no bar for a value of None (a share not shown).
        values = cast(list[list[float]], [list(s) for s in block.series])
        doc.bar_chart(block.title, block.labels, values, names=block.names if several else ())
    elif block.kind == "line" and block.points:
        _pdf_line(doc, block)


def render_pdf(document: Doc) -> bytes:
    doc = Document(document.title, subtitle=document.subtitle)
    for section in document.sections:
        if section.heading:
            doc.heading(section.heading, level=section.level)
        for block in section.blocks:
            _pdf_block(doc, block)
    return doc.render()


# The web page and the HTML file


def with_svg(block: Block, chart_id: str, *, width: int = 640) -> Block:
    """The block with its chart's geometry for the web page (other blocks as they are)."""
    if block.kind == "bars":
        bars_drawn = bar_chart(
            chart_id=chart_id,
            title=block.title,
            labels=block.labels,
            series=block.series,
            names=block.names,
            percent=block.percent,
            width=width,
        )
        return replace(block, svg=bars_drawn)
    if block.kind == "line" and block.points:
        series = [(date.fromisoformat(day), Decimal(str(value))) for day, value in block.points]
        chart = trend_chart(
            dom_id=chart_id,
            title=block.title,
            frequency=block.frequency,
            series=[(gettext("The figures"), series)],
            unit=block.unit,
            baseline=Decimal(str(block.baseline)) if block.baseline is not None else None,
            target=Decimal(str(block.target)) if block.target is not None else None,
        )
        return replace(block, svg=chart)
    return block


def for_web(document: Doc) -> Doc:
    """The document with its charts' geometry worked out, each with an id of its own."""
    sections = []
    for s, section in enumerate(document.sections):
        blocks = [with_svg(block, f"chart-{s}-{b}") for b, block in enumerate(section.blocks)]
        sections.append(replace(section, blocks=blocks, anchor=section.anchor or f"section-{s}"))
    return replace(document, sections=sections)


def render_html(document: Doc) -> str:
    """A standalone HTML file: the document with its own plain styles, nothing fetched."""
    return render_to_string("outcomes/reports/document.html", {"doc": for_web(document)})
