"""The printed form's layout: the reading direction decides where answers and page numbers go,
and text in a script the form's font lacks still prints."""

from io import BytesIO

from django.utils import translation
from pypdf import PdfReader

from core.printed_form import PrintedForm, script_for


def _positions(pdf: bytes) -> dict[str, float]:
    """The x position of each piece of text on the first page."""
    found: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        if text.strip():
            found[text.strip()] = tm[4] * cm[0] + cm[4]

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def _form(language: str) -> bytes:
    with translation.override(language):
        form = PrintedForm("Form", subtitle="Sale Moor", language=language)
        form.question("1. Question", ["First", "Last"])
        form.write_in("Write here", lines=2)
        return form.render()


def test_answers_run_in_the_reading_direction():
    left_to_right = _positions(_form("en-gb"))
    assert left_to_right["First"] < left_to_right["Last"]
    right_to_left = _positions(_form("ur"))
    assert right_to_left["First"] > right_to_left["Last"]


def test_each_language_prints_in_a_font_that_has_its_letters():
    assert script_for("ur").family == "heard-urdu" and script_for("pa").family == "heard-gurmukhi"
    assert script_for("cy").family == script_for("en-gb").family == "heard-sans"
    with translation.override("pa"):
        form = PrintedForm("ਸਵਾਲ", subtitle="Українська громада", language="pa")
        reader = PdfReader(BytesIO(form.render()))
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("NotoSansGurmukhi" in name for name in fonts)
    assert any("DejaVuSans" in name for name in fonts)  # the Cyrillic falls back
    text = reader.pages[0].extract_text()
    assert "ਸਵਾਲ" in text and "Українська" in text


def test_a_long_form_runs_onto_a_second_page_with_its_number():
    with translation.override("cy"):
        form = PrintedForm("Ffurflen", language="cy")
        for number in range(1, 30):
            form.question(f"{number}. Cwestiwn", ["Ie", "Na"])
        reader = PdfReader(BytesIO(form.render()))
    assert len(reader.pages) > 1
    assert "Tudalen 2" in reader.pages[1].extract_text()
