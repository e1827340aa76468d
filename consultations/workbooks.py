"""The check of an uploaded workbook's structure before openpyxl opens it: every part is read
with expat in constant memory, and the workbook is refused at the first sign it holds or claims
more than an import takes (rows, columns, sheets), unpacks to far more than a survey's
responses need (a "zip bomb"), or carries a DOCTYPE (entity tricks). openpyxl keeps whole rows
in memory and reads every row of a sheet that states no size, so it must not meet such a file."""

import io
import re
import zipfile
from typing import Any
from xml.parsers import expat

from .import_limits import (
    DAMAGED,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEET_ROWS,
    MAX_SHEETS,
    MAX_UNPACKED_BYTES,
    SPLIT,
    ImportFileError,
)


class _NotASheet(Exception):
    """Raised from the XML scan to stop reading a part that is no worksheet or workbook."""


CELL_REF = re.compile(r"\$?([A-Za-z]*)\$?([0-9]*)")


def _position(ref: str) -> tuple[int, int]:
    """(column, row) of a cell reference: "AB7" -> (28, 7); 0 for a part it lacks."""
    match = CELL_REF.match(ref)
    letters, digits = (match[1], match[2]) if match else ("", "")
    if len(letters) > 3:  # past Excel's last column, XFD
        return 26**4, int(digits or 0)
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return column, int(digits or 0)


class _PartScan:
    """What one part of a workbook holds, counted as expat reads it (in constant memory): the
    file is refused at the first row or cell past the limits, before openpyxl, which keeps a
    whole row in memory and reads every sheet's rows when it has no stated size, goes near it."""

    def __init__(self) -> None:
        self.root = ""
        self.rows = self.row_number = 0
        self.cells = self.column = 0
        self.sheets = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if not self.root:
            self.root = local
            if local not in ("worksheet", "workbook"):
                raise _NotASheet
        elif local == "row":
            self._row(attrs.get("r", ""))
        elif local == "c":
            self._cell(attrs.get("r", ""))
        elif local == "dimension":
            self._dimension(attrs.get("ref", ""))
        elif local == "sheet" and self.root == "workbook":
            self.sheets += 1
            if self.sheets > MAX_SHEETS:
                raise ImportFileError(
                    f"The workbook has more than {MAX_SHEETS} sheets: copy the responses into a workbook "
                    "of their own and upload that."
                )

    def _row(self, ref: str) -> None:
        self.rows += 1
        self.row_number = int(ref) if ref.isdigit() else self.row_number + 1
        self.cells = self.column = 0
        if max(self.rows, self.row_number) > MAX_SHEET_ROWS:
            raise ImportFileError(
                f"The spreadsheet goes on past row {MAX_SHEET_ROWS:,}; import at most {MAX_ROWS:,} rows of "
                f"responses at a time: {SPLIT}, and delete any empty rows below the responses."
            )

    def _cell(self, ref: str) -> None:
        self.cells += 1
        self.column = _position(ref)[0] if ref else self.column + 1
        if max(self.cells, self.column) > MAX_COLUMNS:
            raise ImportFileError(
                f"Row {self.row_number:,} of the spreadsheet goes past column {MAX_COLUMNS}; import at most "
                f"{MAX_COLUMNS} columns at a time: delete the columns you do not need (empty cells that "
                "are formatted count too)."
            )

    def _dimension(self, ref: str) -> None:
        columns, rows = _position(ref.rpartition(":")[2])
        if rows > MAX_SHEET_ROWS or columns > MAX_COLUMNS:
            raise ImportFileError(
                f"The spreadsheet says it is {rows:,} rows by {columns:,} columns; import at most "
                f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns at a time. Delete the unused rows and "
                "columns below and beside the responses, save it and upload it again."
            )


def _refuse_doctype(*_args: Any) -> None:
    raise ImportFileError(DAMAGED)  # no spreadsheet has one; entity tricks need one


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    scan = _PartScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.StartDoctypeDeclHandler = _refuse_doctype
    with archive.open(info) as stream:
        try:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _NotASheet:
            return
        except expat.ExpatError as error:
            if scan.root in ("worksheet", "workbook"):
                raise ImportFileError(DAMAGED) from error
            # Not XML (a picture, say), or not a part this reader needs: openpyxl judges it.


def check_workbook(data: bytes) -> None:
    """Refuse a zip bomb, and a workbook whose sheets hold or claim more than the limits."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        if sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
            raise ImportFileError(
                f"The spreadsheet unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB, far more "
                "than a survey's responses need: it may be damaged. Split it into smaller files, or save it "
                "again as .xlsx."
            )
        for part in parts:
            _scan_part(archive, part)
