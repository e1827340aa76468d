"""Forms people fill in on paper, printed in any language the public site speaks, with fpdf2.

Heard's reports (core/pdf.py) use ReportLab, which cannot print Urdu or Punjabi: Urdu runs right to
left and its letters join and change shape, and Gurmukhi vowel signs sit around their consonant.
ReportLab lays out right-to-left lines only with `rlbidi`, which is not published on PyPI. fpdf2
shapes text with HarfBuzz (`uharfbuzz`) and orders mixed lines (an Urdu sentence holding a web
address and a code) with the Unicode bidirectional algorithm, so one small layout here prints the
form the same way in English, Welsh, Polish, Urdu and Punjabi.

What is Heard's own is only the layout of a form: a title, short paragraphs, numbered questions
with a row of boxes to tick, and ruled lines to write on, mirrored for right-to-left languages.
The fonts are in core/fonts (see its LICENCE.md): Noto Nastaliq Urdu for Urdu, Noto Sans Gurmukhi
for Punjabi and DejaVu Sans for everything else and for any letter those two lack (digits, Latin
web addresses and codes).

    form = PrintedForm("Tell us what you thought", subtitle="PACT meeting, 3 March 2026", language="ur")
    form.paragraph("Thank you for taking part.")
    form.question("1. Did you feel listened to?", ["Yes", "Partly", "No"])
    form.write_in("Write here", lines=8)
    pdf_bytes = form.render()
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

# fontTools reports every glyph it keeps when fpdf2 subsets a font: not news for Heard's logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
TEAL = (0, 87, 95)
INK = (11, 12, 12)
GREY = (80, 90, 95)
MARGIN = 18  # millimetres
BOX = 5  # the side of a tick box, in millimetres


@dataclass(frozen=True)
class Script:
    """How a language is written: its font files, HarfBuzz's script and language tags, and how much
    room a line needs (Nastaliq's letters climb and fall far more than Latin ones)."""

    family: str
    regular: str
    bold: str
    hb_script: str | None = None
    hb_language: str | None = None
    line_height: float = 1.45
    scale: float = 1.0  # Nastaliq reads smaller than Latin letters of the same point size


LATIN = Script("heard-sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
SCRIPTS = {
    "ur": Script(
        "heard-urdu",
        "NotoNastaliqUrdu-Regular.ttf",
        "NotoNastaliqUrdu-Bold.ttf",
        hb_script="arab",
        hb_language="urd",
        line_height=2.0,
        scale=1.25,
    ),
    "pa": Script(
        "heard-gurmukhi",
        "NotoSansGurmukhi-Regular.ttf",
        "NotoSansGurmukhi-Bold.ttf",
        hb_script="guru",
        hb_language="pan",
        line_height=1.7,
    ),
}


def script_for(language: str) -> Script:
    return SCRIPTS.get(language.split("-")[0], LATIN)


class _Pages(FPDF):
    """An A4 FPDF with Heard's footer on every page: the form's title and the page number."""

    footer_title = ""
    footer_family = LATIN.family
    right_to_left = False

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.footer_family, size=8)
        self.set_text_color(*GREY)
        width = (self.w - 2 * MARGIN) / 2
        page = gettext("Page %(number)s") % {"number": self.page_no()}
        first, second = (
            (page, self.footer_title[:90]) if self.right_to_left else (self.footer_title[:90], page)
        )
        self.cell(width, 6, first, align=Align.L)
        self.cell(width, 6, second, align=Align.R)


class PrintedForm:
    """A form to print, laid out in the reading direction of ``language``; words come already
    translated (the caller wraps the building in ``translation.override``)."""

    def __init__(self, title: str, *, subtitle: str = "", language: str = "en-gb") -> None:
        self.script = script_for(language)
        self.rtl = language.split("-")[0] in settings.LANGUAGES_BIDI
        pdf = _Pages(orientation="portrait", unit="mm", format="A4")
        pdf.set_title(title)
        pdf.set_author("Heard")
        pdf.set_lang(language)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=20)
        for script in {LATIN, self.script}:
            pdf.add_font(script.family, "", str(FONTS / script.regular))
            pdf.add_font(script.family, "B", str(FONTS / script.bold))
        if self.script is not LATIN:
            pdf.set_fallback_fonts([LATIN.family], exact_match=False)
        pdf.set_text_shaping(
            use_shaping_engine=True, script=self.script.hb_script, language=self.script.hb_language
        )
        pdf.footer_title = title
        pdf.footer_family = self.script.family
        pdf.right_to_left = self.rtl
        pdf.add_page()
        self.pdf = pdf
        self._text(title, size=20, bold=True, colour=INK)
        if subtitle:
            self._text(subtitle, size=12, colour=INK)
        pdf.ln(3)

    @property
    def _align(self) -> Align:
        return Align.R if self.rtl else Align.L

    @property
    def width(self) -> float:
        return self.pdf.w - 2 * MARGIN

    def _text(
        self, words: str, *, size: float, bold: bool = False, colour: tuple[int, int, int] = INK
    ) -> None:
        size *= self.script.scale
        self.pdf.set_font(self.script.family, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)
        self.pdf.set_x(MARGIN)
        self.pdf.multi_cell(
            self.width,
            size * 0.3528 * self.script.line_height,  # points to millimetres, times the line spacing
            words,
            align=self._align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def heading(self, words: str) -> None:
        self.pdf.ln(2)
        self._text(words, size=13, bold=True, colour=TEAL)

    def paragraph(self, words: str, *, small: bool = False) -> None:
        self._text(words, size=9 if small else 11, colour=GREY if small else INK)
        self.pdf.ln(1.5)

    def question(self, words: str, options: Sequence[str]) -> None:
        """A question with one box per answer, the answers side by side in the reading direction."""
        self.heading(words)
        pdf = self.pdf
        columns = list(reversed(options)) if self.rtl else list(options)
        column = self.width / max(len(columns), 1)
        size = 10 * self.script.scale
        pdf.set_font(self.script.family, "", size)
        pdf.set_text_color(*INK)
        height = size * 0.3528 * self.script.line_height
        if pdf.will_page_break(height + BOX + 4):
            pdf.add_page()
        top = pdf.get_y()
        for index, option in enumerate(columns):
            pdf.set_xy(MARGIN + index * column, top)
            pdf.multi_cell(column, height, option, align=Align.C, new_x=XPos.RIGHT, new_y=YPos.TOP)
        boxes = top + height * max(1, max(self._lines(o, column, height) for o in columns)) + 1
        for index in range(len(columns)):
            pdf.rect(MARGIN + index * column + (column - BOX) / 2, boxes, BOX, BOX)
        pdf.set_xy(MARGIN, boxes + BOX + 3)

    def _lines(self, words: str, width: float, height: float) -> int:
        lines = self.pdf.multi_cell(width, height, words, dry_run=True, output="LINES")
        return len(lines) if isinstance(lines, list) else 1

    def write_in(self, label: str, *, lines: int) -> None:
        """A label over ruled lines to write on."""
        self.paragraph(label, small=True)
        pdf = self.pdf
        pdf.set_draw_color(*GREY)
        for _line in range(lines):
            if pdf.will_page_break(9):
                pdf.add_page()
            y = pdf.get_y() + 8
            pdf.line(MARGIN, y, MARGIN + self.width, y)
            pdf.set_y(y)
        pdf.ln(4)

    def render(self) -> bytes:
        return bytes(self.pdf.output())
