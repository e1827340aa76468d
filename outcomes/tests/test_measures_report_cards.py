"""Report cards: a partnership's measures in the three quadrants with their trend charts (inline
SVG with a table alternative), the story behind the curve, partners, what works and next steps;
as a page and a PDF."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from django.urls import reverse
from pypdf import PdfReader

from outcomes import measures_selectors
from outcomes.measures_charts import format_value, trend_chart

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for, measure, with_values

SVG = "{http://www.w3.org/2000/svg}"
QUARTERS = [(date(2025, 4, 1), 61), (date(2025, 7, 1), 64), (date(2026, 1, 1), 70)]  # October missing


def charts_in(html: str) -> list[ET.Element]:
    found = re.findall(r"<svg[^>]*heard-measure-chart.*?</svg>", html, re.DOTALL)
    return [ET.fromstring(svg) for svg in found]  # noqa: S314 (our own page)


def test_a_chart_draws_the_line_breaks_at_gaps_and_marks_baseline_and_target():
    chart = trend_chart(
        dom_id="m1",
        title="Satisfaction",
        frequency="quarter",
        series=[("Satisfaction", [(d, Decimal(v)) for d, v in QUARTERS])],
        unit="%",
        baseline=Decimal(60),
        target=Decimal(75),
    )
    line = chart.lines[0]
    assert [p.text for p in line.points] == ["61%", "64%", "70%"]
    assert line.path.count("M") == 2 and line.path.count("L") == 1  # the missing quarter breaks the line
    assert [g.label for g in chart.guides] == ["Baseline: 60%", "Target: 75%"]
    assert chart.y_ticks[0].text == "0%" and chart.y_ticks[-1].text == "80%" and chart.y_title == "Per cent"
    ys = {p.text: p.y for p in line.points}
    assert ys["70%"] < ys["61%"]  # higher values sit higher up
    assert [(t.text, t.second) for t in chart.x_ticks] == [
        ("Apr–Jun", "2025"),
        ("Jul–Sep", "2025"),
        ("Oct–Dec", "2025"),
        ("Jan–Mar", "2026"),
    ]
    assert "from April to June 2025 to January to March 2026, with the baseline and target drawn across" in (
        chart.description
    )
    assert trend_chart(dom_id="x", title="x", frequency="month", series=[("x", [])]) is None


def test_values_below_zero_and_a_single_period():
    chart = trend_chart(
        dom_id="m2",
        title="Change",
        frequency="year",
        series=[("Change", [(date(2025, 4, 1), Decimal("-3.5"))])],
    )
    assert chart.lines[0].points[0].x == (chart.left + chart.right) / 2
    assert chart.y_ticks[0].text.startswith("-") and "in April 2025 to March 2026" in chart.description
    assert format_value(Decimal("1204.00"), "complaints") == "1,204 complaints"


def test_the_report_card_page(officer, partnership, council):
    satisfied = with_values(
        officer,
        measure(
            officer,
            partnership,
            target=Decimal(75),
            story="Satisfaction rose after follow-up calls began",
            what_works="Calling victims back within a week",
            next_steps="Extend the calls to hate crime victims",
            partners=[council],
            other_partners="Victim Support",
        ),
        QUARTERS,
    )
    measure(officer, partnership, name="People attending PACT meetings", quadrant="how_much", unit="people")
    measure(officer, name="Police only measure", quadrant="better_off")
    html = (
        client_for(officer)
        .get(reverse("measures:report_card", kwargs={"pk": partnership.pk}))
        .content.decode()
    )
    for words in (
        "How much did we do?",
        "How well did we do it?",
        "Is anyone better off?",
        "No measures answer this question yet.",
        "Satisfaction rose after follow-up calls began",
        "Calling victims back within a week",
        "Extend the calls to hate crime victims",
        "Trafford Council, Victim Support",
        "People attending PACT meetings",
    ):
        assert words in html, words
    assert "Police only measure" not in html
    svgs = charts_in(html)
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.get("aria-labelledby") == f"measure-{satisfied.pk}-title measure-{satisfied.pk}-desc"
    points = svg.findall(f".//{SVG}circle[@class='heard-trend__point']")
    assert [c.get("data-value") for c in points] == ["61.00", "64.00", "70.00"]
    assert (
        '<th scope="row" class="govuk-table__header govuk-!-font-weight-regular">October to December 2025'
        not in html
    )
    assert "January to March 2026" in html  # the table alternative


def test_a_report_card_for_a_period(officer, partnership):
    with_values(officer, measure(officer, partnership), QUARTERS)
    card = measures_selectors.report_card(
        user=officer, partnership=partnership, start=date(2025, 7, 1), end=date(2025, 12, 31)
    )
    assert [v.period_start for v in card.groups[1].measures[0].values] == [date(2025, 7, 1)]
    assert card.period == "1 July 2025 to 31 December 2025"


def test_the_report_card_pdf_reads_back(officer, partnership):
    with_values(officer, measure(officer, partnership, story="The story of the curve"), QUARTERS)
    response = client_for(officer).get(reverse("measures:report_card_pdf", kwargs={"pk": partnership.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert "report-card-Safer-Trafford-Partnership.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Safer Trafford Partnership: report card"
    words = "\n".join(page.extract_text() for page in reader.pages)
    for text in (
        "How well did we do it?",
        "Victims satisfied with the service",
        "70%",
        "The story of the curve",
    ):
        assert text in words, text


def test_only_members_open_a_report_card(partnership, stranger, partner, officer):
    measure(officer, partnership)
    assert (
        client_for(stranger).get(reverse("measures:report_card", kwargs={"pk": partnership.pk})).status_code
        == 404
    )
    assert (
        client_for(stranger)
        .get(reverse("measures:report_card_pdf", kwargs={"pk": partnership.pk}))
        .status_code
        == 404
    )
    page = client_for(partner).get(reverse("measures:report_card", kwargs={"pk": partnership.pk}))
    assert page.status_code == 200 and b"Victims satisfied with the service" in page.content
