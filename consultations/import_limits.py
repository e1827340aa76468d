"""The limits of a response import (file size, rows, columns, cells) and the error that says
which one a file broke. Shared by the reader of CSV files (tables.py) and the check of a
workbook's structure (workbooks.py)."""

import re

MAX_BYTES = 5 * 1024 * 1024  # the file as uploaded
MAX_ROWS = 5_000  # rows of responses under the header
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
MAX_TEXT_CHARS = 5_000_000  # all cells together: a spreadsheet can repeat one long text in every cell
MAX_BLANK_ROWS = 5_000  # blank rows are skipped, but not without end
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # unzipped: a full sheet is ~60 MB, a "zip bomb" far more
MAX_SHEETS = 20
MAX_NAME_CHARS = 200  # the file's name as kept and shown
MAX_SHEET_ROWS = 1 + MAX_ROWS + MAX_BLANK_ROWS  # rows a spreadsheet may have, header and blank ones too

ENCODINGS = {"utf-8": "UTF-8 (most tools, Excel's “CSV UTF-8”)", "cp1252": "Windows (Excel's plain “CSV”)"}
TEXT_SUFFIXES = ("", ".csv", ".txt", ".tsv")
RESAVE_SUFFIXES = (".xls", ".ods", ".numbers")
BINARY = re.compile(rb"[\x00-\x08\x0e-\x1f]")  # control characters no text file has
DAMAGED = (
    "The spreadsheet could not be opened: it may be damaged. "
    "Save it again as .xlsx (Excel Workbook) and upload that."
)
SPLIT = "split it into smaller files"


class ImportFileError(Exception):
    """The file cannot be read at all; the message says why and what to do."""
