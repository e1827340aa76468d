"""Reading an uploaded CSV or XLSX file into rows of text cells, with the line each row starts
on, for the bulk import of responses (imports.py). Anything unreadable raises ImportFileError
with a message that says what to do."""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
ENCODINGS = {"utf-8": "UTF-8 (most tools, Excel's “CSV UTF-8”)", "cp1252": "Windows (Excel's plain “CSV”)"}


class ImportFileError(Exception):
    """The file cannot be read at all; the message says why and what to do."""


@dataclass
class Table:
    """A file read into text cells. `lines[i]` is where row i starts in the file."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]
    line_word: str = "Line"  # "Row" for spreadsheets
    blank_lines: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "headers": self.headers,
            "rows": self.rows,
            "lines": self.lines,
            "line_word": self.line_word,
            "blank_lines": self.blank_lines,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Table":
        return cls(**data)


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


def _finish(name: str, records: list[tuple[int, list[str]]], word: str) -> Table:
    if not records:
        raise ImportFileError(
            "The file is empty: it needs a header row naming the columns, then one row per response."
        )
    header_line, headers = records[0]
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise ImportFileError(f"{word} {header_line} should name the columns, but it is blank.")
    rows, lines, blank = [], [], 0
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            blank += 1
            continue
        rows.append([c.strip() for c in cells])
        lines.append(line)
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has {len(rows):,} rows; import at most {MAX_ROWS:,} at a time.")
    if not rows:
        raise ImportFileError("The file has a header row but no responses under it.")
    return Table(name=name, headers=headers, rows=rows, lines=lines, line_word=word, blank_lines=blank)


def _delimiter(text: str) -> str:
    """Comma, or the semicolon or tab some tools and European Excel use, judged by the header."""
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(name: str, data: bytes, encoding: str) -> Table:
    if encoding not in ENCODINGS:
        raise ImportFileError("Choose UTF-8 or Windows for the file's encoding.")
    if b"\x00" in data:
        raise ImportFileError(
            "This does not look like a CSV file (it contains binary data). Upload a .csv or .xlsx file."
        )
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"Line {line} has characters that are not UTF-8, so the file was probably saved with another "
            "encoding. Choose “Windows” as the encoding and upload it again, or save it from Excel as “CSV UTF-8”."
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"Line {start}: the file is not valid CSV ({error}).") from error
    return _finish(name, records, "Line")


def _read_xlsx(name: str, data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        records = [
            (number, [_cell(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        book.close()
    except Exception as error:  # openpyxl and zipfile raise many kinds for a damaged file
        raise ImportFileError(
            "The spreadsheet could not be opened. Save it again as .xlsx (Excel Workbook)."
        ) from error
    return _finish(name, records, "Row")


def read_table(data: bytes, *, name: str, encoding: str = "utf-8") -> Table:
    """Read an uploaded CSV or XLSX file (told apart by content, not by name)."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(name, data)
    if name.lower().endswith((".xls", ".ods", ".numbers")):
        raise ImportFileError("Save the spreadsheet as .xlsx (Excel Workbook) or .csv and upload that.")
    return _read_csv(name, data, encoding)
