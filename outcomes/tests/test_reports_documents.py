"""The published documents read back: the PDFs with pypdf (their title, sections, numbers and
charts' titles) and the HTML files, with residents' words redacted in both — a published document
is for outsiders, whoever made it."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from outcomes.reports_annual import annual_data
from outcomes.reports_doc import render_html, render_pdf
from outcomes.reports_evidence import evidence_data
from outcomes.reports_scope import period_for, year_period
from outcomes.reports_selectors import write

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import PLANTED, YEAR


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def annual(world, analyst):
    return write(annual_data(user=analyst, period=year_period(year=YEAR, area=world.district)))


@pytest.fixture
def pack(world, analyst):
    period = period_for(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), area=world.district)
    return write(evidence_data(user=analyst, period=period))


def test_the_annual_report_pdf(annual):
    reader, words = _text(render_pdf(annual))
    assert reader.metadata.title == "Annual outcome report 2025"
    for section in (
        "What we did",
        "Who took part",
        "What people told us",
        "You said, we did",
        "How well we did it",
        "National Standards for Community Engagement",
        "Report cards",
        "Safer Trafford Partnership",
    ):
        assert section in words, section
    assert "3 engagement activities were held. They reached 52 people" in words
    assert "Activities by purpose" in words and "Actions by RAG status" in words  # the charts' titles
    assert "Lights in the park" in words and "Done on 20 April 2025" in words
    assert "Trafford" in words and "1 January 2025 to 31 December 2025" in words


def test_the_evidence_pack_pdf_opens_with_the_law(pack):
    reader, words = _text(render_pdf(pack))
    assert reader.metadata.title == "Evidence of people's views"
    opening = words[: words.index("In summary")]
    assert "The law asks the police and crime commissioner to obtain the views of the people" in opening
    assert "victims of crime" in opening and "Police Act 1996" in opening
    for section in (
        "In summary",
        "Who was heard, neighbourhood by neighbourhood",
        "Who was heard, by group",
        "Victims of crime",
        "What they said",
        "Which decisions it informed",
    ):
        assert section in words, section
    assert "People reached 52" in words and "Neighbourhoods with engagement 2 of 3" in words
    assert "No engagement was recorded in: Sale." in words
    assert "Bowdon 1 0 (and 1 small activity not counted)" in words
    assert "1. Safer paths in the park" in words  # each neighbourhood's priorities
    assert "We decided: Light the path through the park" in words


@pytest.mark.parametrize("which", ["annual", "pack"])
def test_residents_words_are_redacted_in_every_file(request, which):
    document = request.getfixturevalue(which)
    _, words = _text(render_pdf(document))
    html = render_html(document)
    for shown in (words, html):
        assert "[NAME]" in shown and "[ADDRESS]" in shown
        assert not [value for value in PLANTED if value in shown]


def test_the_html_file_stands_alone_with_charts_and_their_tables(pack):
    html = render_html(pack)
    assert html.startswith("<!DOCTYPE html>") and "<title>Evidence of people&#x27;s views</title>" in html
    assert html.count("<svg") >= 3 and "<table" in html
    assert "<link" not in html and "<script" not in html  # nothing fetched
    assert 'data-label="People reached"' in html  # cells stack under their headings on a phone
