"""Quarters of the year as Heard stores them ("2026-Q4") and as people read them ("October to
December 2026"). Stored as text so that they sort and group simply; shown in words everywhere."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

PATTERN = r"^\d{4}-Q[1-4]$"
_QUARTER = re.compile(PATTERN)
FIRST_YEAR = 2000  # nothing in Heard is older
YEARS_AHEAD = 1  # plans are made at most this far ahead of the current year
MONTHS = ("January", "April", "July", "October")
LAST_MONTHS = ("March", "June", "September", "December")


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def label(quarter: str) -> str:
    """'2026-Q4' -> 'October to December 2026'; anything else is returned as it is."""
    if not _QUARTER.match(quarter or ""):
        return quarter
    year, number = int(quarter[:4]), int(quarter[-1])
    return f"{MONTHS[number - 1]} to {LAST_MONTHS[number - 1]} {year}"


def short_label(quarter: str) -> str:
    """'2026-Q4' -> 'Oct–Dec 2026', where space is short (chart axes)."""
    if not _QUARTER.match(quarter or ""):
        return quarter
    year, number = int(quarter[:4]), int(quarter[-1])
    return f"{MONTHS[number - 1][:3]}–{LAST_MONTHS[number - 1][:3]} {year}"


def latest_allowed(today: date | None = None) -> str:
    today = today or timezone.localdate()
    return f"{today.year + YEARS_AHEAD}-Q4"


def validate(quarter: str) -> None:
    """A quarter from 2000 to the end of next year (sensible bounds for priorities and plans)."""
    if not _QUARTER.match(quarter or ""):
        raise ValidationError(gettext("Choose a quarter, like October to December 2026."), code="invalid")
    latest = latest_allowed()
    if not f"{FIRST_YEAR}-Q1" <= quarter <= latest:
        raise ValidationError(
            gettext("Choose a quarter between the start of %(first)s and the end of %(last)s.")
            % {"first": FIRST_YEAR, "last": latest[:4]},
            code="out_of_range",
        )


def normalise(quarter: str) -> str:
    """'2026-q4 ' -> '2026-Q4' (what people type), checked."""
    value = (quarter or "").strip().upper()
    validate(value)
    return value


def choices(today: date | None = None, *, back: int = 8, ahead: int = 4) -> list[tuple[str, str]]:
    """The quarters around today, newest first, as (value, label) for a form's select."""
    today = today or timezone.localdate()
    index = today.year * 4 + (today.month - 1) // 3
    values = [f"{i // 4}-Q{i % 4 + 1}" for i in range(index + ahead, index - back - 1, -1)]
    return [(v, label(v)) for v in values]
