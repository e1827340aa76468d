"""The priorities trend chart: inline SVG drawn on the server, one line per priority."""

import re
import xml.etree.ElementTree as ET

from django.test import Client
from django.urls import reverse

from core import quarters
from insight import priorities
from insight.charts import LEGEND_CHARS, trend_chart
from insight.models import Priority
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.tests.factories import AreaFactory

SVG = "{http://www.w3.org/2000/svg}"
PRIORITIES = [
    ("2026-Q1", "Speeding", 1),
    ("2026-Q1", "Drug dealing", 2),
    ("2026-Q2", "Drug dealing", 1),
    ("2026-Q2", "Speeding", 3),
    ("2026-Q2", "Parking & litter", 2),
    ("2026-Q3", "Speeding", 1),
]


def record(user, area):
    for quarter, label, rank in PRIORITIES:
        priorities.priority_create(user=user, area=area, quarter=quarter, label=label, rank=rank)


def chart_in(html: str) -> ET.Element:
    found = re.search(r"<svg[^>]*heard-trend__chart.*?</svg>", html, re.DOTALL)
    assert found, "no trend chart on the page"
    return ET.fromstring(found.group(0))  # noqa: S314 (our own page)


def test_the_chart_has_one_line_per_label_through_its_ranks(ward, analyst):
    record(analyst, ward)
    client = Client()
    client.force_login(analyst)
    html = client.get(reverse("insight:priority_list") + f"?area={ward.code}").content.decode()
    svg = chart_in(html)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "trend-title trend-desc"
    assert svg.find(f"{SVG}title").get("id") == "trend-title"
    assert "Ashton upon Mersey" in svg.find(f"{SVG}title").text
    desc = svg.find(f"{SVG}desc").text
    assert (
        "3 priorities from January to March 2026 to July to September 2026" in desc
        and "rank 1, the most important, is at the top" in desc
    )
    series = svg.findall(f".//{SVG}g[@class='heard-trend__series']")
    _quarters, rows = priorities.priority_trend(list(Priority.private_objects.filter(area=ward)))
    assert [g.get("data-label") for g in series] == [label for label, _ in rows]
    assert len(svg.findall(f".//{SVG}path[@class='heard-trend__line']")) == len(rows) == 3
    expected = {
        "Speeding": [("2026-Q1", 1), ("2026-Q2", 3), ("2026-Q3", 1)],
        "Drug dealing": [("2026-Q1", 2), ("2026-Q2", 1)],
        "Parking & litter": [("2026-Q2", 2)],
    }
    x_of: dict[str, float] = {}
    y_of: dict[int, float] = {}
    for g in series:
        assert len(g.findall(f"{SVG}path")) == 1
        points = g.findall(f"{SVG}circle[@class='heard-trend__point']")
        assert [(p.get("data-quarter"), int(p.get("data-rank"))) for p in points] == expected[
            g.get("data-label")
        ]
        assert (
            points[0].find(f"{SVG}title").text
            == f"{g.get('data-label')}: {points[0].get('data-rank')} in {quarters.label(points[0].get('data-quarter'))}"
        )
        for p in points:
            # every point of a quarter is on one vertical, of a rank on one horizontal
            assert x_of.setdefault(p.get("data-quarter"), float(p.get("cx"))) == float(p.get("cx"))
            assert y_of.setdefault(int(p.get("data-rank")), float(p.get("cy"))) == float(p.get("cy"))
        # the line goes through its points, in order
        path = g.find(f"{SVG}path").get("d")
        coords = [(float(x), float(y)) for x, y in re.findall(r"[ML]([\d.]+) ([\d.]+)", path)]
        assert coords == [(float(p.get("cx")), float(p.get("cy"))) for p in points]
    assert x_of["2026-Q1"] < x_of["2026-Q2"] < x_of["2026-Q3"]  # oldest on the left
    assert y_of[1] < y_of[2] < y_of[3]  # rank 1 at the top
    # the table stays, as the accessible alternative
    assert "How the priorities in Ashton upon Mersey have ranked, quarter by quarter" in html
    assert html.index("heard-trend__chart") < html.index("<table")


def test_a_missing_quarter_breaks_the_line():
    chart = trend_chart(
        ["2026-Q1", "2026-Q2", "2026-Q3"], [("Speeding", [1, None, 2]), ("Noise", [2, 1, 1])], area_name="X"
    )
    assert chart is not None
    speeding, noise = chart.lines
    assert speeding.path.count("M") == 2 and "L" not in speeding.path
    assert noise.path.count("M") == 1 and noise.path.count("L") == 2
    assert [p.quarter for p in speeding.points] == ["2026-Q1", "2026-Q3"]
    assert speeding.colour != noise.colour and speeding.dash != noise.dash


def test_one_quarter_and_long_labels():
    label = "A very long priority label that would not fit in the legend at all"
    chart = trend_chart(["2026-Q1"], [(label, [1])], area_name="X")
    assert chart is not None and len(chart.lines[0].points) == 1
    assert chart.lines[0].short_label.endswith("…") and len(chart.lines[0].short_label) <= LEGEND_CHARS
    assert chart.lines[0].label == label
    assert trend_chart([], [], area_name="X") is None


def test_many_ranks_keep_the_axis_readable():
    rows = [(f"Priority {r}", [r, r]) for r in range(1, 41)]
    chart = trend_chart(["2026-Q1", "2026-Q2"], rows, area_name="X")
    assert chart is not None and len(chart.lines) == 40
    assert (
        len(chart.rank_ticks) <= 14 and chart.rank_ticks[0].text == "1" and chart.rank_ticks[-1].text == "40"
    )
    assert chart.height >= 40 * 26  # room for the legend


def test_no_chart_without_priorities_and_none_of_another_organisation(ward, analyst, council):
    record(analyst, ward)
    other = UserFactory(organisation=council, roles=[Role.ANALYST])
    client = Client()
    client.force_login(other)
    page = client.get(reverse("insight:priority_list") + f"?area={ward.code}").content.decode()
    assert "heard-trend__chart" not in page and "Speeding" not in page
    priorities.priority_create(
        user=other, area=AreaFactory(code="E05000821"), quarter="2026-Q1", label="Theirs", rank=1
    )
    page = client.get(reverse("insight:priority_list")).content.decode()
    series = chart_in(page).findall(f".//{SVG}g[@class='heard-trend__series']")
    assert [g.get("data-label") for g in series] == ["Theirs"]
    assert "Speeding" not in page
