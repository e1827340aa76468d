"""Reading a target profile's CSV: one row per category, with the columns `dimension`,
`category` and either `share` (a fraction, or a percentage with %) or `count` (people).
Dimensions and categories are named as `manage.py area_profile` names them. Every row is
checked and every problem reported with its line; a file with any problem gives nothing."""

import csv
import math
from dataclasses import dataclass
from itertools import pairwise

from core.csvtext import TrackedLines
from places import census
from places.census import parse_age_band

from .categories import DIMENSIONS, POPULATION_NOT_ANSWERED, file_category

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2_000


class TargetFileError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class TargetRow:
    line: int
    dimension: str
    category: str
    amount: float


@dataclass(frozen=True)
class TargetFile:
    given_as: str  # "share" or "count"
    rows: list[TargetRow]


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise TargetFileError(["The file is larger than 1 MB: a target profile needs one row per category."])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TargetFileError(
            [f"Line {line}: the file is not UTF-8 text. Save it as “CSV UTF-8”."]
        ) from error


def _amount(text: str, given_as: str) -> float:
    value = text.strip().replace(",", "")
    percent = value.endswith("%")
    try:
        number = float(value.rstrip("%").strip())
    except ValueError as error:
        raise ValueError(f"“{text}” is not a number") from error
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise ValueError(f"“{text}” is not a number of 0 or more")
    if given_as == "count":
        if percent or not number.is_integer():
            raise ValueError(f"“{text}” is not a whole number of people")
        return number
    return number / 100 if percent else number


def _category(dimension: str, text: str) -> str:
    if dimension == census.AGE:
        band = parse_age_band(text)
        if band is None:
            raise ValueError(f"“{text}” is not an age band like 16-24 or 75+")
        return band.label
    category = file_category(dimension, text)
    if category is None or category in POPULATION_NOT_ANSWERED:
        raise ValueError("“not answered” is not a group of people to compare with")
    return category


def _check(line: int, cells: dict[str, str], given_as: str) -> tuple[TargetRow | None, list[str]]:
    dimension = cells.get("dimension", "").strip().lower()
    if dimension not in DIMENSIONS:
        return None, [
            f"Line {line}: “{dimension[:40]}” is not a dimension reach compares ({', '.join(DIMENSIONS)})."
        ]
    problems = []
    try:
        category = _category(dimension, cells.get("category", ""))
    except ValueError as error:
        problems.append(f"Line {line}, category: {error}.")
    try:
        amount = _amount(cells.get(given_as, ""), given_as)
    except ValueError as error:
        problems.append(f"Line {line}, {given_as}: {error}.")
    if problems:
        return None, problems
    return TargetRow(line=line, dimension=dimension, category=category, amount=amount), []


def _headers(cells: list[str]) -> tuple[list[str], str]:
    headers = [c.strip().lower() for c in cells]
    kinds = [k for k in ("share", "count") if k in headers]
    problems = []
    if "dimension" not in headers or "category" not in headers:
        problems.append("Line 1: the file needs the columns dimension and category.")
    if len(kinds) != 1:
        problems.append("Line 1: give one column of amounts, named share or count.")
    if problems:
        raise TargetFileError(problems)
    return headers, kinds[0]


def _overlapping_bands(rows: list[TargetRow]) -> list[str]:
    bands = sorted(
        ((parse_age_band(r.category), r.line) for r in rows if r.dimension == census.AGE),
        key=lambda found: found[0].low if found[0] else 0,
    )
    problems = []
    for (band, _), (following, line) in pairwise(bands):
        if band and following and (band.high is None or following.low <= band.high):
            problems.append(f"Line {line}: the age band {following.label} overlaps {band.label}.")
    return problems


def _totals(rows: list[TargetRow], given_as: str) -> list[str]:
    totals: dict[str, float] = {}
    for row in rows:
        totals[row.dimension] = totals.get(row.dimension, 0.0) + row.amount
    problems = []
    for dimension, total in totals.items():
        if total <= 0:
            problems.append(f"The {dimension} rows add up to nothing.")
        elif given_as == "share" and not (abs(total - 1) <= 0.011 or abs(total - 100) <= 1.1):
            problems.append(
                f"The shares of {dimension} add up to {total:g}: they should add up to 1 (or 100 if the "
                "file gives percentages without the % sign)."
            )
    return problems


def read_target_file(data: bytes) -> TargetFile:
    lines = TrackedLines(_text(data))
    reader = csv.reader(lines)
    table: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if lines.ended:
                raise TargetFileError([f"Line {start}: a quoted cell is never closed."])
            if any(c.strip() for c in cells):
                table.append((start, cells))
            if len(table) > MAX_ROWS:
                raise TargetFileError([f"The file has more than {MAX_ROWS:,} rows."])
            start = reader.line_num + 1
    except csv.Error as error:
        raise TargetFileError([f"Line {start}: the file is not valid CSV ({error})."]) from error
    if len(table) < 2:
        raise TargetFileError(["The file needs a header row and a row per category."])
    headers, given_as = _headers(table[0][1])
    rows: list[TargetRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in table[1:]:
        row, found = _check(line, dict(zip(headers, cells, strict=False)), given_as)
        problems += found
        if row is None:
            continue
        key = (row.dimension, row.category)
        if key in seen:
            problems.append(f"Line {line}: {row.dimension} “{row.category}” is already on line {seen[key]}.")
        seen[key] = line
        rows.append(row)
    problems += _overlapping_bands(rows)
    if not problems:
        problems += _totals(rows, given_as)
    if problems:
        raise TargetFileError(problems)
    return TargetFile(given_as=given_as, rows=rows)
