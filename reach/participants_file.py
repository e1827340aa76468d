"""A list of participants gathered elsewhere (a partner's survey, a sign-in sheet), as a CSV
file of one row per person: `area_code` and any of `age` (years or a band), `sex`,
`ethnic_group`, `religion`, `disability`, in Census category names. Every row is checked;
any problem stops the whole file, and every problem is reported with its line number, so that
nothing is counted from a file that is partly wrong."""

import csv
from collections import Counter
from dataclasses import dataclass, field

from core.csvtext import TrackedLines
from places import census
from places.models import Area

from .categories import band_label, file_age, file_category
from .engine import DimensionCounts, Participants

COLUMNS: dict[str, str] = {
    "age": census.AGE,
    "sex": census.SEX,
    "ethnic_group": census.ETHNICITY,
    "religion": census.RELIGION,
    "disability": census.DISABILITY,
}
AREA_COLUMN = "area_code"
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_ERRORS_SHOWN = 50


class ParticipantsFileError(Exception):
    """The file cannot be used; `problems` lists every one, each with its line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class ParticipantsFile:
    participants: Participants
    areas: list[Area]  # the areas the counted rows are in
    left_out: int = 0  # rows in areas outside the one asked for
    columns: list[str] = field(default_factory=list)


def _header(cells: list[str]) -> list[str]:
    headers = [c.strip().lower().replace(" ", "_") for c in cells]
    unknown = [h for h in headers if h and h != AREA_COLUMN and h not in COLUMNS]
    problems = []
    if AREA_COLUMN not in headers:
        problems.append("Line 1: the file needs an area_code column (the ONS code of each person's area).")
    if unknown:
        problems.append(
            "Line 1: unknown column " + ", ".join(f"“{u}”" for u in unknown) + ". The columns are "
            "area_code, age, sex, ethnic_group, religion and disability."
        )
    if not any(h in COLUMNS for h in headers):
        problems.append("Line 1: give at least one of age, sex, ethnic_group, religion or disability.")
    if len(set(headers)) != len(headers):
        problems.append("Line 1: a column is named twice.")
    if problems:
        raise ParticipantsFileError(problems)
    return headers


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ParticipantsFileError([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it."])
    if data[:4] == b"PK\x03\x04":
        raise ParticipantsFileError(["This is a spreadsheet: save it as CSV (CSV UTF-8) and try again."])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParticipantsFileError(
            [f"Line {line}: the file is not UTF-8 text. Save it as “CSV UTF-8” and try again."]
        ) from error


def _rows(text: str) -> list[tuple[int, list[str]]]:
    lines = TrackedLines(text)
    reader = csv.reader(lines)
    rows, start = [], 1
    try:
        for cells in reader:
            if lines.ended:
                raise ParticipantsFileError([f"Line {start}: a quoted cell is never closed."])
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS + 1:
                raise ParticipantsFileError([f"The file has more than {MAX_ROWS:,} people: split it."])
    except csv.Error as error:
        raise ParticipantsFileError([f"Line {start}: the file is not valid CSV ({error})."]) from error
    if not rows:
        raise ParticipantsFileError(["The file is empty."])
    if len(rows) == 1:
        raise ParticipantsFileError(["The file has a header row but nobody under it."])
    return rows


def _check_row(
    line: int, headers: list[str], cells: list[str], areas: dict[str, Area]
) -> tuple[Area | None, dict[str, object], list[str]]:
    problems: list[str] = []
    if len(cells) > len(headers):
        problems.append(f"Line {line}: {len(cells)} cells for {len(headers)} columns.")
    row = dict(zip(headers, [c.strip() for c in cells], strict=False))
    code = row.get(AREA_COLUMN, "").upper()
    area = areas.get(code)
    if not code:
        problems.append(f"Line {line}: area_code is blank.")
    elif area is None:
        problems.append(f"Line {line}: no area has the code “{code[:20]}”.")
    values: dict[str, object] = {}
    for column, dimension in COLUMNS.items():
        if column not in row:
            continue
        try:
            values[dimension] = (
                file_age(row[column]) if column == "age" else file_category(dimension, row[column])
            )
        except ValueError as error:
            problems.append(f"Line {line}, {column}: {error}.")
    return area, values, problems


def _count(
    counted: list[tuple[Area, dict[str, object]]], dimensions_given: list[str]
) -> dict[str, DimensionCounts]:
    dimensions = {d: DimensionCounts() for d in dimensions_given}
    bands: Counter[tuple[int, int | None]] = Counter()
    for _, values in counted:
        for dimension, value in values.items():
            into = dimensions[dimension]
            if value is None:
                into.not_answered += 1
            elif isinstance(value, census.AgeBand):
                bands[(value.low, value.high)] += 1
            else:
                into.counts[str(value)] = into.counts.get(str(value), 0) + 1
    if census.AGE in dimensions:
        into = dimensions[census.AGE]
        into.bands = [census.AgeBand(band_label(lo, hi), lo, hi) for lo, hi in bands]
        for (low, high), n in bands.items():
            into.counts[band_label(low, high)] = into.counts.get(band_label(low, high), 0) + n
    return dimensions


def read_participants(data: bytes, *, within: Area | None = None) -> ParticipantsFile:
    """The file's participants, counted per dimension. Rows in an area outside `within` are
    left out (and counted in `left_out`); rows with a problem stop the whole file."""
    rows = _rows(_decode(data))
    headers = _header(rows[0][1])
    codes = {dict(zip(headers, c, strict=False)).get(AREA_COLUMN, "").strip().upper() for _, c in rows[1:]}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    problems: list[str] = []
    counted: list[tuple[Area, dict[str, object]]] = []
    left_out = 0
    for line, cells in rows[1:]:
        area, values, row_problems = _check_row(line, headers, cells, areas)
        problems += row_problems
        if area is None or row_problems:
            continue
        if within is not None and not area.path.startswith(within.path):
            left_out += 1
            continue
        counted.append((area, values))
    if problems:
        shown = problems[:MAX_ERRORS_SHOWN]
        if len(problems) > MAX_ERRORS_SHOWN:
            shown.append(f"… and {len(problems) - MAX_ERRORS_SHOWN} more problems.")
        raise ParticipantsFileError(shown)
    if not counted:
        raise ParticipantsFileError(
            [f"Nobody in the file lives in {within.name if within else 'a known area'}."]
        )
    dimensions = _count(counted, [COLUMNS[h] for h in headers if h in COLUMNS])
    return ParticipantsFile(
        participants=Participants(dimensions=dimensions, forms=len(counted)),
        areas=list({a.pk: a for a, _ in counted}.values()),
        left_out=left_out,
        columns=[h for h in headers if h in COLUMNS],
    )
