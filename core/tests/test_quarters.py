"""Quarters in words, and their bounds."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core import quarters


def test_labels():
    assert quarters.label("2026-Q4") == "October to December 2026"
    assert quarters.label("2027-Q1") == "January to March 2027"
    assert quarters.short_label("2026-Q3") == "Jul–Sep 2026"
    assert quarters.label("soon") == "soon"


def test_quarter_of():
    assert quarters.quarter_of(date(2026, 12, 4)) == "2026-Q4"
    assert quarters.quarter_of(date(2026, 1, 1)) == "2026-Q1"


def test_bounds(settings):
    quarters.validate("2000-Q1")
    quarters.validate(quarters.latest_allowed())
    for bad in ("1999-Q4", "9999-Q4", "2026-Q5", "2026Q1", "", "2026-q1"):
        with pytest.raises(ValidationError):
            quarters.validate(bad)
    assert quarters.normalise(" 2026-q1 ") == "2026-Q1"


def test_choices_newest_first_around_today():
    values = [v for v, _ in quarters.choices(date(2026, 12, 4), back=2, ahead=1)]
    assert values == ["2027-Q1", "2026-Q4", "2026-Q3", "2026-Q2"]
