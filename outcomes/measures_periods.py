"""The periods measures and evidence are counted over: months, quarters and years. A period is
stored as its first day; years run from April to March, as partnerships, forces and councils
plan and report (the annual engagement plan of seed 001 runs over the same year). People read
periods in words ("April to June 2026", "April 2026 to March 2027"), never as codes."""

import re
from datetime import date, datetime

from django.db import models

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
YEAR_STARTS = 4  # April
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Frequency(models.TextChoices):
    MONTH = "month", "Monthly"
    QUARTER = "quarter", "Quarterly"
    YEAR = "year", "Yearly (April to March)"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def plan_year_of(day: date) -> int:
    """The year (April to March) a day falls in, by the calendar year it starts in."""
    return day.year if day.month >= YEAR_STARTS else day.year - 1


def plan_year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of the year starting in April of `year`."""
    return date(year, YEAR_STARTS, 1), date(year + 1, YEAR_STARTS - 1, 31)


def plan_year_label(year: int) -> str:
    """2026 -> "2026/27"."""
    return f"{year}/{(year + 1) % 100:02d}"


def plan_year_words(year: int) -> str:
    """2026 -> "April 2026 to March 2027"."""
    return f"April {year} to March {year + 1}"


def period_start(day: date, frequency: str) -> date:
    """The first day of the period of `frequency` that `day` falls in."""
    if frequency == Frequency.MONTH:
        return day.replace(day=1)
    if frequency == Frequency.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(plan_year_of(day), YEAR_STARTS, 1)


def is_period_start(day: date, frequency: str) -> bool:
    return period_start(day, frequency) == day


def period_months(frequency: str) -> int:
    return {Frequency.MONTH: 1, Frequency.QUARTER: 3}.get(frequency, 12)  # type: ignore[call-overload]


def next_period(start: date, frequency: str) -> date:
    return _add_months(start, period_months(frequency))


def period_end(start: date, frequency: str) -> date:
    """The last day of the period starting on `start`."""
    following = next_period(start, frequency)
    return date.fromordinal(following.toordinal() - 1)


def label(start: date, frequency: str) -> str:
    """In words: "April 2026", "April to June 2026", "April 2026 to March 2027"."""
    if frequency == Frequency.MONTH:
        return f"{MONTHS[start.month - 1]} {start.year}"
    end = period_end(start, frequency)
    if frequency == Frequency.QUARTER:
        return f"{MONTHS[start.month - 1]} to {MONTHS[end.month - 1]} {end.year}"
    return f"{MONTHS[start.month - 1]} {start.year} to {MONTHS[end.month - 1]} {end.year}"


def short_label(start: date, frequency: str) -> str:
    """Where space is short (chart axes): "Apr 2026", "Apr–Jun 2026", "2026/27"."""
    if frequency == Frequency.MONTH:
        return f"{MONTHS[start.month - 1][:3]} {start.year}"
    if frequency == Frequency.QUARTER:
        end = period_end(start, frequency)
        return f"{MONTHS[start.month - 1][:3]}–{MONTHS[end.month - 1][:3]} {end.year}"
    return plan_year_label(plan_year_of(start))


def periods_between(first: date, last: date, frequency: str) -> list[date]:
    """The starts of every period from the one holding `first` to the one holding `last`."""
    current, end = period_start(first, frequency), period_start(last, frequency)
    found = []
    while current <= end:
        found.append(current)
        current = next_period(current, frequency)
    return found


def what_starts(frequency: str) -> str:
    """Where the periods of `frequency` start, to say so when a date is not one."""
    if frequency == Frequency.MONTH:
        return "a month starts on its first day"
    if frequency == Frequency.QUARTER:
        return "quarters start on 1 January, 1 April, 1 July and 1 October"
    return "years run from 1 April to 31 March"


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_WORDS = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")


def parse_day(text: str) -> date | None:
    """A date as people write it in a spreadsheet: 2026-04-01, 01/04/2026 (day first), a month
    as 2026-04 or "April 2026" (its first day). None when it is none of these."""
    text = (text or "").strip()
    try:
        if found := _ISO.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _UK.match(text):
            return date(int(found[3]), int(found[2]), int(found[1]))
        if found := _MONTH.match(text):
            return date(int(found[1]), int(found[2]), 1)
        if found := _WORDS.match(text):
            names = [m.lower() for m in MONTHS]
            word = found[1].lower()
            month = next((i for i, name in enumerate(names) if name == word or name[:3] == word), None)
            return date(int(found[2]), month + 1, 1) if month is not None else None
        if " " in text and len(text) <= 19:  # 2026-04-01 00:00:00, as spreadsheets save dates
            return datetime.fromisoformat(text).date()
    except ValueError:
        return None
    return None


def in_range(day: date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR
