"""Heard's PDF documents (reports a partnership board or a police and crime panel can table), with
ReportLab: A4, Heard's colours, plain headings, tables that repeat their header row on every
page, bar and line charts drawn as vectors, and page numbers. Nothing is fetched: the font is DejaVu Sans, shipped in core/fonts/ (ReportLab's
standard fonts cannot write Welsh ŵ and ŷ or Polish ą, ł and ż, which staff's names, places and
translated forms contain).

Build a document as a list of flowables and call `render`:

    doc = Document("Annual engagement report 2026", subtitle="Trafford")
    doc.heading("Who took part")
    doc.paragraph("1,204 people took part in 46 activities.")
    doc.table(["Group", "People"], [["16 to 24", 120], ["25 to 34", 230]])
    doc.bar_chart("People by age", ["16 to 24", "25 to 34"], [120, 230])
    pdf_bytes = doc.render()
"""

import io
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .text import clean

TEAL = colors.HexColor("#00575f")
INK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
LIGHT = colors.HexColor("#e5eeef")
SERIES = [colors.HexColor(c) for c in ("#00575f", "#d4351c", "#1d70b8", "#4c2c92", "#912b88", "#505a5f")]
WIDTH = A4[0] - 36 * mm  # the text width between the margins
FONTS = Path(__file__).resolve().parent / "fonts"
FONT, BOLD = "HeardSans", "HeardSans-Bold"


@cache
def _fonts() -> None:
    """Register DejaVu Sans once a process, as a family, so that <b> in a paragraph is bold."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    base = getSampleStyleSheet()
    heading = {"textColor": INK, "fontName": BOLD}
    plain = {"textColor": INK, "fontName": FONT}
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], alignment=0, fontSize=22, leading=26, **heading
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base["Normal"], fontSize=12, leading=16, **plain),
        "h1": ParagraphStyle(
            "h1",
            parent=base["Heading1"],
            fontSize=16,
            leading=20,
            spaceBefore=10,
            **(heading | {"textColor": TEAL}),
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontSize=13, leading=16, spaceBefore=8, **heading
        ),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontSize=10, leading=14, **plain),
        "small": ParagraphStyle(
            "small", parent=base["BodyText"], fontSize=8, leading=11, **(plain | {"textColor": GREY})
        ),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontSize=8.5, leading=11, **plain),
    }


def text(value: Any) -> str:
    """Any value as safe paragraph markup (ReportLab reads a small subset of HTML)."""
    return escape(clean(str(value)))


class Document:
    """A report under construction: add headings, paragraphs, tables and charts, then render."""

    def __init__(self, title: str, *, subtitle: str = "", made_on: date | None = None) -> None:
        self.title = title = str(title)  # a lazily translated title as ReportLab needs it
        self.styles = _styles()
        self.story: list[Flowable] = [Paragraph(text(title), self.styles["title"])]
        if subtitle:
            self.story.append(Paragraph(text(subtitle), self.styles["subtitle"]))
        if made_on is not None:
            made = gettext("Made on %(date)s") % {"date": date_format(made_on, "j F Y")}
            self.story.append(Paragraph(text(made), self.styles["small"]))
        self.story.append(Spacer(1, 6 * mm))

    def heading(self, words: str, *, level: int = 1) -> None:
        self.story.append(Paragraph(text(words), self.styles["h1" if level == 1 else "h2"]))

    def paragraph(self, words: str, *, small: bool = False) -> None:
        self.story.append(Paragraph(text(words), self.styles["small" if small else "body"]))

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[Any]], *, widths: Sequence[float] | None = None
    ) -> None:
        """A table whose header row repeats on each page; cells wrap."""
        cell = self.styles["cell"]
        data = [[Paragraph(f"<b>{text(h)}</b>", cell) for h in headers]]
        data += [[Paragraph(text("" if v is None else v), cell) for v in row] for row in rows]
        if len(data) == 1:
            data.append(
                [Paragraph(text(gettext("None.")), cell)] + [Paragraph("", cell)] * (len(headers) - 1)
            )
        grid = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, GREY),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        self.story += [grid, Spacer(1, 4 * mm)]

    def bar_chart(
        self,
        title: str,
        labels: Sequence[str],
        series: Sequence[Sequence[float]] | Sequence[float],
        *,
        names: Sequence[str] = (),
    ) -> None:
        """Horizontal bars, one group per label; several series side by side (with `names`)."""
        values: list[list[float]] = [list(s) if isinstance(s, Sequence) else [float(s)] for s in series]
        if values and all(len(v) == 1 for v in values) and not (series and isinstance(series[0], Sequence)):
            values = [[v[0] for v in values]]  # one series given as a flat list
        height = 30 + len(labels) * (10 + 6 * len(values))
        drawing = Drawing(WIDTH, height + 24)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 150, 20, WIDTH - 170, height
        chart.data = values or [[0]]
        chart.categoryAxis.categoryNames = [str(label)[:40] for label in labels]
        chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
        chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.valueMin = 0
        for i in range(len(values)):
            chart.bars[i].fillColor = SERIES[i % len(SERIES)]
            chart.bars[i].strokeColor = None
        drawing.add(chart)
        drawing.add(String(0, height + 12, str(title)[:120], fontSize=9, fillColor=INK, fontName=FONT))
        if names:
            legend = Legend()
            legend.x, legend.y = WIDTH - 150, height + 16
            legend.fontSize, legend.fontName = 7, FONT
            legend.colorNamePairs = [(SERIES[i % len(SERIES)], str(n)) for i, n in enumerate(names)]
            drawing.add(legend)
        self.story += [KeepTogether([drawing]), Spacer(1, 4 * mm)]

    def line_chart(
        self, title: str, points: dict[str, Sequence[tuple[float, float]]], *, x_labels: Sequence[str] = ()
    ) -> None:
        """One line per name, points as (x, y); x from 0, labelled by `x_labels` when given."""
        drawing = Drawing(WIDTH, 190)
        plot = LinePlot()
        plot.x, plot.y, plot.width, plot.height = 40, 30, WIDTH - 200, 130
        plot.data = [list(p) for p in points.values()] or [[(0, 0)]]
        for i in range(len(plot.data)):
            plot.lines[i].strokeColor = SERIES[i % len(SERIES)]
            plot.lines[i].strokeWidth = 1.5
        plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
        plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = FONT
        if x_labels:
            plot.xValueAxis.valueSteps = list(range(len(x_labels)))
            plot.xValueAxis.labelTextFormat = lambda v: (
                x_labels[int(v)] if 0 <= int(v) < len(x_labels) else ""
            )
        drawing.add(plot)
        drawing.add(String(0, 175, str(title)[:120], fontSize=9, fillColor=INK, fontName=FONT))
        legend = Legend()
        legend.x, legend.y = WIDTH - 150, 150
        legend.fontSize, legend.fontName = 7, FONT
        legend.colorNamePairs = [(SERIES[i % len(SERIES)], str(n)[:30]) for i, n in enumerate(points)]
        drawing.add(legend)
        self.story += [KeepTogether([drawing]), Spacer(1, 4 * mm)]

    def render(self) -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=self.title,
            author="Heard",
            initialFontName=FONT,
        )

        def number(canvas: Any, doc: Any) -> None:
            canvas.saveState()
            canvas.setFont(FONT, 8)
            canvas.setFillColor(GREY)
            canvas.drawString(18 * mm, 10 * mm, self.title[:90])
            canvas.drawRightString(
                A4[0] - 18 * mm, 10 * mm, gettext("Page %(number)s") % {"number": doc.page}
            )
            canvas.restoreState()

        document.build(self.story, onFirstPage=number, onLaterPages=number)
        return buffer.getvalue()
