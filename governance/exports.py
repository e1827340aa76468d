"""Tabular exports (CSV, XLSX) shared by every app. Cells that a spreadsheet would run as a
formula are neutralised (CSV injection), since exported text comes from the public."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8


def to_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Export") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
