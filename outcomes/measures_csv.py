"""Reading the CSV files of a measure's values and of an evidence source's figures, every line
checked before anything is stored: the services import all of a file or none of it, and every
problem is reported with its line number ("Line 4: “abc” is not a number").

A measure's file has a column for the period and one for the value (and may have a note); an
evidence source's has the area (its code or name), the period, the value and, if known, how many
people or cases the figure rests on. The first line names the columns."""

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from core.csvtext import TrackedLines
from core.text import clean_line
from places.models import Area

from .measures_periods import in_range, is_period_start, label, parse_day, period_start, what_starts

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_PROBLEMS_SHOWN = 50
LARGEST = Decimal("999999999999.99")

PERIOD = ("period", "period start", "period starts", "start", "date", "month", "quarter", "year")
VALUE = ("value", "figure", "count", "number", "result")
NOTE = ("note", "notes", "comment")
AREA = ("area", "area code", "code", "ward", "neighbourhood", "area name")
RESPONDENTS = ("respondents", "base", "sample size", "people", "cases")


class CsvProblem(Exception):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass(frozen=True)
class CsvTable:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)


def _decode(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        raise CsvProblem(
            "This is a spreadsheet workbook, not a CSV file: save it as “CSV UTF-8” and upload that."
        )
    if b"\x00" in data:
        raise CsvProblem("This does not look like a CSV file (it contains binary data).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes) -> CsvTable:
    """The file's header and non-blank rows, each with the line it starts on."""
    if len(data) > MAX_BYTES:
        raise CsvProblem(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
        )
    text = _decode(data)
    if not text.strip():
        raise CsvProblem("The file is empty.")
    lines = TrackedLines(text)
    reader = csv.reader(lines, delimiter=_delimiter(text))
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if lines.ended:
                raise CsvProblem(
                    f'Line {start}: a cell that starts with a quote mark (") is never closed, so the file ends '
                    "inside it. Check the file, save it again and upload it."
                )
            cells = [clean_line(c) for c in cells]
            if headers is None:
                headers = [" ".join(c.lower().split()) for c in cells]
            elif any(cells):
                if len(rows) == MAX_ROWS:
                    raise CsvProblem(
                        f"The file has more than {MAX_ROWS:,} rows: split it into smaller files."
                    )
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise CsvProblem(f"Line {start}: the file is not valid CSV ({error}).") from error
    if headers is None or not any(headers):
        raise CsvProblem("The first line should name the columns, but it is blank.")
    if not rows:
        raise CsvProblem("The file has a line naming the columns but no figures under it.")
    return CsvTable(headers=headers, rows=rows)


def column(table: CsvTable, names: tuple[str, ...], *, required: bool, example: str) -> int | None:
    for name in names:
        if name in table.headers:
            return table.headers.index(name)
    if required:
        raise CsvProblem(
            f"The file has no “{names[0]}” column. Its first line should name the columns, like: {example}"
        )
    return None


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def parse_number(text: str) -> Decimal:
    """A figure as spreadsheets write it: "1,204", "72.5%", " 3 ". ValueError saying why not."""
    raw = text.strip()
    if not raw:
        raise ValueError("the value is empty")
    cleaned = raw.replace(",", "").replace(" ", "").removesuffix("%")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{raw}” is not a number") from None
    if not number.is_finite():
        raise ValueError(f"“{raw}” is not a number")
    if abs(number) > LARGEST:
        raise ValueError(f"“{raw}” is too large")
    return number.quantize(Decimal("0.01"))


def parse_period(text: str, frequency: str, *, today: date | None = None) -> date:
    """The first day of a period that has begun. ValueError saying why not."""
    day = parse_day(text)
    if day is None:
        raise ValueError(
            f"“{text}” is not a date: give the first day of the period, like 2026-04-01 or 01/04/2026"
            if text.strip()
            else "the period is empty"
        )
    if not in_range(day):
        raise ValueError(f"{day:%-d %B %Y} is too far in the past or the future")
    if not is_period_start(day, frequency):
        start = period_start(day, frequency)
        raise ValueError(
            f"{day:%-d %B %Y} is not the first day of a period ({what_starts(frequency)}): "
            f"for {label(start, frequency)} give {start:%-d %B %Y}"
        )
    if day > (today or timezone.localdate()):
        raise ValueError(f"{label(day, frequency)} has not begun yet")
    return day


@dataclass(frozen=True)
class ParsedValue:
    line: int
    period_start: date
    value: Decimal
    note: str = ""
    area: Area | None = None
    respondents: int | None = None


class Problems:
    """The problems found, each on its line; at most MAX_PROBLEMS_SHOWN are listed."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, line: int, message: str) -> None:
        self.found.append(f"Line {line}: {message}.")

    def messages(self) -> list[str]:
        shown = self.found[:MAX_PROBLEMS_SHOWN]
        if len(self.found) > MAX_PROBLEMS_SHOWN:
            shown.append(f"… and {len(self.found) - MAX_PROBLEMS_SHOWN} more problems.")
        return shown


def _once(seen: dict[tuple[object, date], int], key: tuple[object, date], line: int, what: str) -> str:
    if key in seen:
        return f"{what} is already on line {seen[key]}"
    seen[key] = line
    return ""


def measure_rows(
    table: CsvTable, *, frequency: str, today: date | None = None
) -> tuple[list[ParsedValue], Problems]:
    """A measure's values, one per period."""
    example = "period,value,note"
    at_period = column(table, PERIOD, required=True, example=example)
    at_value = column(table, VALUE, required=True, example=example)
    at_note = column(table, NOTE, required=False, example=example)
    problems, found = Problems(), []
    seen: dict[tuple[object, date], int] = {}
    for line, cells in table.rows:
        try:
            start = parse_period(_cell(cells, at_period), frequency, today=today)
            value = parse_number(_cell(cells, at_value))
        except ValueError as error:
            problems.add(line, str(error))
            continue
        twice = _once(seen, (None, start), line, label(start, frequency))
        if twice:
            problems.add(line, twice)
            continue
        found.append(
            ParsedValue(line=line, period_start=start, value=value, note=_cell(cells, at_note)[:300])
        )
    return found, problems


def _area_finder(names: Iterable[str]) -> Callable[[str], Area | str]:
    """Looks an area up by its code or, failing that, its name; a str says why not found."""
    wanted = {n.strip() for n in names if n.strip()}
    areas = list(
        Area.objects.engagement_levels()
        .annotate(lowered=Lower("name"))
        .filter(Q(code__in={n.upper() for n in wanted}) | Q(lowered__in={n.lower() for n in wanted}))
    )
    by_code = {a.code: a for a in areas}
    by_name: dict[str, list[Area]] = {}
    for area in areas:
        by_name.setdefault(area.name.lower(), []).append(area)

    def find(text: str) -> Area | str:
        text = text.strip()
        if not text:
            return "the area is empty"
        if text.upper() in by_code:
            return by_code[text.upper()]
        named = by_name.get(text.lower(), [])
        if len(named) == 1:
            return named[0]
        if named:
            return f"more than one area is called “{text}”: give its code instead"
        return f"no neighbourhood, district or force area has the code or name “{text}”"

    return find


def _respondents(text: str) -> int | None:
    raw = text.strip().replace(",", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        raise ValueError(f"“{text}” is not a whole number of respondents")
    return int(raw)


def evidence_rows(
    table: CsvTable, *, frequency: str, today: date | None = None
) -> tuple[list[ParsedValue], Problems]:
    """An evidence source's figures, one per area and period."""
    example = "area,period,value,respondents"
    at_area = column(table, AREA, required=True, example=example)
    at_period = column(table, PERIOD, required=True, example=example)
    at_value = column(table, VALUE, required=True, example=example)
    at_respondents = column(table, RESPONDENTS, required=False, example=example)
    find = _area_finder(_cell(cells, at_area) for _, cells in table.rows)
    problems, found = Problems(), []
    seen: dict[tuple[object, date], int] = {}
    for line, cells in table.rows:
        area = find(_cell(cells, at_area))
        try:
            if isinstance(area, str):
                raise ValueError(area)
            start = parse_period(_cell(cells, at_period), frequency, today=today)
            value = parse_number(_cell(cells, at_value))
            respondents = _respondents(_cell(cells, at_respondents))
        except ValueError as error:
            problems.add(line, str(error))
            continue
        twice = _once(seen, (area.pk, start), line, f"{label(start, frequency)} for {area.name}")
        if twice:
            problems.add(line, twice)
            continue
        found.append(
            ParsedValue(line=line, period_start=start, value=value, area=area, respondents=respondents)
        )
    return found, problems
