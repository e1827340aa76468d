"""Reading a UTF-8 CSV data file (Census tables, ONS lookups, postcode files) row by row, with
every way of not being one turned into a DataFileError that names the file and the line."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.csvtext import TrackedLines


class DataFileError(ValueError):
    """A file that cannot be read as asked. The message names the file, the line (when there
    is one) and the problem, ready to show to the person who ran the import."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


UNCLOSED_QUOTE = "the file ends inside a quoted field that is never closed (was the file cut short?)"


def _text(path: Path) -> str:
    if not path.exists():
        raise DataFileError(path, "no such file")
    if not path.is_file():
        raise DataFileError(path, "not a file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(path, f"not valid UTF-8 text (byte 0x{data[exc.start]:02x})", line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataFileError(path, "not a CSV text file (it contains NUL bytes)", line)
    return text


def read_csv(path: str | Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower-cased, trimmed) and an iterator of (line number, fields) for a
    UTF-8 CSV file, with every way of not being one turned into a DataFileError."""
    path = Path(path)
    lines = TrackedLines(_text(path))
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise DataFileError(path, "the file is empty") from None
    except csv.Error as exc:
        raise DataFileError(path, f"not a readable CSV file ({exc})", 1) from None
    if lines.ended:
        raise DataFileError(path, UNCLOSED_QUOTE, 1)
    header = [h.strip().casefold() for h in header]
    return header, _rows(path, header, reader, lines)


def _rows(path: Path, header: list[str], reader: Any, lines: TrackedLines) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each non-blank row, as long as the header."""
    line = reader.line_num
    try:
        for fields in reader:
            if lines.ended:
                raise DataFileError(path, UNCLOSED_QUOTE, line + 1)
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                raise DataFileError(
                    path, f"expected {len(header)} fields as in the header, found {len(fields)}", line
                )
            yield line, fields
    except csv.Error as exc:
        raise DataFileError(path, f"not a readable CSV row ({exc})", line + 1) from None
