"""Reading an uploaded CSV or XLSX file into rows of text cells, with the line each row starts
on, for the bulk import of responses (imports.py).

The limits below apply while the file is read: it is refused at the first row, column or cell
past one, without reading the rest. A damaged file (a CSV that ends inside a quoted cell, a
spreadsheet that does not open, or unpacks to far more than a survey could hold) is refused
whole. Either way ImportFileError says why and what to do, and nothing is imported."""

import csv
import dataclasses
import io
import os
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from core.csvtext import TrackedLines
from core.text import clean_line

from .import_limits import (
    BINARY,
    DAMAGED,
    ENCODINGS,
    MAX_BLANK_ROWS,
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_NAME_CHARS,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    RESAVE_SUFFIXES,
    SPLIT,
    TEXT_SUFFIXES,
    ImportFileError,
)
from .workbooks import check_workbook


@dataclasses.dataclass
class Table:
    """A file read into text cells. `lines[i]` is where row i starts in the file."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]
    line_word: str = "Line"  # "Row" for spreadsheets
    blank_lines: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Table":
        return cls(**data)


def display_name(name: str) -> str:
    """The file's name fit to keep and show: one line, at most MAX_NAME_CHARS, extension kept."""
    name = clean_line(name) or "upload"
    if len(name) <= MAX_NAME_CHARS:
        return name
    stem, suffix = os.path.splitext(name)
    suffix = suffix[:20]
    return stem[: MAX_NAME_CHARS - len(suffix) - 1] + "…" + suffix


# Rows, checked as they come


def _width(cells: Sequence[str]) -> int:
    """How many columns a row fills: up to its last cell that is not blank."""
    for index in range(len(cells) - 1, -1, -1):
        if cells[index].strip():
            return index + 1
    return 0


class _Rows:
    """The rows of a file as they are read, refused at the first one past a limit."""

    def __init__(self, name: str, word: str) -> None:
        self.name, self.word = name, word
        self.headers: list[str] | None = None
        self.rows: list[list[str]] = []
        self.lines: list[int] = []
        self.blank = 0
        self.chars = 0

    def add(self, line: int, raw: Sequence[str]) -> None:
        width = _width(raw)
        if width > MAX_COLUMNS:
            raise ImportFileError(
                f"{self.word} {line:,} has {width:,} columns; import at most {MAX_COLUMNS} columns at a "
                "time: remove the columns you do not need."
            )
        cells = [c.strip() for c in raw[:MAX_COLUMNS]]
        self._check_cells(line, cells)
        if self.headers is None:
            self._header(line, cells)
        elif not width:
            self.blank += 1
            if self.blank > MAX_BLANK_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_BLANK_ROWS:,} blank rows: delete them and upload it again."
                )
        elif len(self.rows) == MAX_ROWS:
            raise ImportFileError(
                f"The file has more than {MAX_ROWS:,} rows of responses ({self.word.lower()} {line:,} is "
                f"response {MAX_ROWS + 1:,}); import at most {MAX_ROWS:,} at a time: {SPLIT}."
            )
        else:
            self.rows.append(cells)
            self.lines.append(line)

    def _check_cells(self, line: int, cells: list[str]) -> None:
        for column, cell in enumerate(cells, 1):
            if len(cell) > MAX_CELL_CHARS:
                raise ImportFileError(
                    f"{self.word} {line:,}, column {column}: the cell has {len(cell):,} characters; "
                    f"a cell can hold at most {MAX_CELL_CHARS:,}."
                )
        self.chars += sum(len(c) for c in cells)
        if self.chars > MAX_TEXT_CHARS:
            raise ImportFileError(
                f"By {self.word.lower()} {line:,} the file holds more than {MAX_TEXT_CHARS:,} characters "
                f"of text; {SPLIT}."
            )

    def _header(self, line: int, cells: list[str]) -> None:
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            raise ImportFileError(f"{self.word} {line} should name the columns, but it is blank.")
        self.headers = cells

    def table(self) -> Table:
        if self.headers is None:
            raise ImportFileError(
                "The file is empty: it needs a header row naming the columns, then one row per response."
            )
        if not self.rows:
            raise ImportFileError("The file has a header row but no responses under it.")
        return Table(self.name, self.headers, self.rows, self.lines, self.word, self.blank)


# CSV


def _delimiter(text: str) -> str:
    """Comma, or the semicolon or tab some tools and European Excel use, judged by the header."""
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decode(data: bytes, encoding: str) -> str:
    if encoding not in ENCODINGS:
        raise ImportFileError("Choose UTF-8 or Windows for the file's encoding.")
    if BINARY.search(data):
        raise ImportFileError(
            "This does not look like a CSV file (it contains binary data). Upload a .csv or .xlsx file."
        )
    if encoding == "utf-8":
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImportFileError(
                f"Line {line} has characters that are not UTF-8, so the file was probably saved with another "
                "encoding. Choose “Windows” as the encoding and upload it again, or save it from Excel as "
                "“CSV UTF-8”."
            ) from error
    if not data.isascii() and _is_utf8(data):
        raise ImportFileError(
            "This file was saved as UTF-8, so reading it as Windows would garble its accents and symbols "
            "(“é” would become “Ã©”). Choose “UTF-8” as the encoding and upload it again."
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"Line {line} has a character that is not in the Windows encoding. Check that the file is a CSV "
            "file, and choose “UTF-8” as the encoding if it was saved as “CSV UTF-8”."
        ) from error


def _is_utf8(data: bytes) -> bool:
    try:
        return bool(data.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def _read_csv(name: str, data: bytes, encoding: str) -> Table:
    text = _decode(data, encoding)
    lines = TrackedLines(text)
    reader = csv.reader(lines, delimiter=_delimiter(text))
    rows = _Rows(name, "Line")
    start = 1
    try:
        for cells in reader:
            if lines.ended:
                raise ImportFileError(
                    f'Line {start:,}: a cell that starts with a quote mark (") is never closed, so the file '
                    "ends inside it. The file may have been cut short: check it, save it again and upload it."
                )
            rows.add(start, cells)
            start = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportFileError(
                f"Line {start:,}: a cell has more than {MAX_CELL_CHARS:,} characters; "
                f"a cell can hold at most {MAX_CELL_CHARS:,}."
            ) from error
        raise ImportFileError(f"Line {start:,}: the file is not valid CSV ({error}).") from error
    return rows.table()


# XLSX


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(name: str, data: bytes) -> Table:
    from openpyxl import load_workbook

    rows = _Rows(name, "Row")
    try:
        check_workbook(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # read every row there is, not just those the sheet claims
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.add(number, [_cell(v) for v in values])
        finally:
            book.close()
    except ImportFileError:
        raise
    except Exception as error:  # zipfile, expat and openpyxl raise many kinds for a damaged file
        raise ImportFileError(DAMAGED) from error
    return rows.table()


def read_table(data: bytes, *, name: str, encoding: str = "utf-8") -> Table:
    """Read an uploaded CSV or XLSX file: a workbook is told by its content, whatever its name;
    anything else must be text in a file named like one."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: {SPLIT}.")
    if not data.strip():
        raise ImportFileError("The file is empty.")
    name = display_name(name)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in RESAVE_SUFFIXES:
        raise ImportFileError("Save the spreadsheet as .xlsx (Excel Workbook) or .csv and upload that.")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(name, data)
    if suffix in (".xlsx", ".xlsm"):
        raise ImportFileError(DAMAGED)
    if suffix not in TEXT_SUFFIXES:
        shown = f"a “{suffix}” file" if len(suffix) <= 10 else "this kind of file"
        raise ImportFileError(f"Upload a CSV (.csv) or Excel (.xlsx) file: {shown} cannot be imported.")
    return _read_csv(name, data, encoding)
