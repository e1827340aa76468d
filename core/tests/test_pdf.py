"""Heard's PDF documents: they build, hold their title and text, and survive odd input."""

import io

from pypdf import PdfReader

from core.pdf import Document


def test_a_document_with_a_table_and_charts():
    doc = Document("Annual engagement report 2026", subtitle="Trafford")
    doc.heading("Who took part")
    doc.paragraph("People & places <b>not</b> markup \x07 here")
    doc.table(["Group", "People"], [["16 to 24", 120], ["25 to 34", None]] * 40)
    doc.table(["Nothing"], [])
    doc.bar_chart("People by age", ["16 to 24", "25 to 34"], [120, 230])
    doc.bar_chart(
        "Against the population", ["Male", "Female"], [[40, 60], [49, 51]], names=["Took part", "Population"]
    )
    doc.line_chart("Trend", {"Satisfied": [(0, 70), (1, 74)]}, x_labels=["2025", "2026"])
    reader = PdfReader(io.BytesIO(doc.render()))
    assert reader.metadata.title == "Annual engagement report 2026"
    assert len(reader.pages) >= 2  # the long table ran over a page
    words = "\n".join(page.extract_text() for page in reader.pages)
    assert "Who took part" in words and "16 to 24" in words and "People by age" in words
    assert "People & places <b>not</b> markup" in words and "\x07" not in words  # escaped, the bell gone
    assert "Page 2" in words


def test_welsh_and_polish_letters_are_written_in_an_embedded_font():
    """ReportLab's standard fonts have no ŵ or ł: a Welsh or Polish name came out as "Llan■y"."""
    doc = Document("Cyfarfod PACT Llanŵy", subtitle="Łukasz Żółć, Dŷ'r Gymuned")
    doc.paragraph("Gŵyl haf: ą ę ł ń ś ź ż")
    doc.table(["Enw"], [["Siân Ŵyn"]])
    reader = PdfReader(io.BytesIO(doc.render()))
    words = reader.pages[0].extract_text()
    for phrase in ("Llanŵy", "Łukasz Żółć", "Dŷ'r", "ą ę ł ń ś ź ż", "Siân Ŵyn"):
        assert phrase in words
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {name.split("+")[-1] for name in fonts}, fonts
