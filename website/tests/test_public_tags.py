"""Template helpers of the public pages (website/templatetags/public_tags.py)."""

import pytest
from django.template import Context, Template

from website.templatetags.public_tags import quarter


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-Q1", "January to March 2026"),
        ("2026-Q2", "April to June 2026"),
        ("2026-Q3", "July to September 2026"),
        ("2026-Q4", "October to December 2026"),
        (" 2031-Q4 ", "October to December 2031"),
    ],
)
def test_quarter_in_words(stored, shown):
    assert quarter(stored) == shown


@pytest.mark.parametrize("other", ["", None, "2026-Q5", "2026-q4", "Q4 2026", "summer"])
def test_anything_else_is_left_as_it_is(other):
    assert quarter(other) == (other or "")


def test_quarter_filter_in_a_template():
    html = Template("{% load public_tags %}({{ value|quarter }})").render(Context({"value": "2026-Q4"}))
    assert html == "(October to December 2026)"
