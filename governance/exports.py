"""Tabular exports (CSV, XLSX) shared by every app, and the one way a page or an endpoint sends
one: `export_response` records the export in the audit log, then sends the file.

Every cell goes through `cell()`: text that a spreadsheet would run as a formula is neutralised
(CSV injection, since exported text comes from the public), characters an XLSX file cannot hold
are dropped, and times are written in UK local time, as the pages show them.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django_stubs_ext import StrOrPromise
from openpyxl import Workbook

from core.text import clean

from .models import AuditAction
from .services import audit_record

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def cell(value: Any) -> Any:
    """One value as a spreadsheet cell: safe text, local times, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        value = clean(value)
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    return value


@dataclass(frozen=True)
class Sheet:
    """One table of an export; its title and headings may be lazily translated strings."""

    title: StrOrPromise
    headers: Sequence[StrOrPromise]
    rows: Iterable[Sequence[Any]]


def _csv_lines(sheets: Sequence[Sheet]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff"  # so that Excel reads UTF-8
    for number, sheet in enumerate(sheets):
        if number:
            writer.writerow([])
        writer.writerow([cell(str(h)) for h in sheet.headers])
        for row in sheet.rows:
            writer.writerow([cell(v) for v in row])
            if buffer.tell() > 64 * 1024:
                yield flush()
    yield flush()


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return "".join(_csv_lines([Sheet("Export", headers, rows)])).encode("utf-8")


def _sheet_cell(value: Any) -> Any:
    """A cell as `cell` makes it, with its line breaks as Excel's own (\n): openpyxl keeps a \r
    or drops it depending on the XML library it finds installed."""
    value = cell(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def to_workbook(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX file with one worksheet per sheet."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        page = book.create_sheet(clean(str(sheet.title))[:31] or "Sheet")
        page.append([_sheet_cell(str(h)) for h in sheet.headers])
        for row in sheet.rows:
            page.append([_sheet_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Export") -> bytes:
    return to_workbook([Sheet(title, headers, rows)])


def safe_filename(name: str) -> str:
    return _FILENAME_UNSAFE.sub("-", name).strip("-.")[:150] or "export"


def file_bytes(file_format: str, sheets: Sequence[Sheet]) -> bytes:
    """The whole file at once, byte for byte what `export_response` sends (for a file made in
    the background, governance/export_running.py)."""
    if file_format == "csv":
        return "".join(_csv_lines(sheets)).encode("utf-8")
    return to_workbook(sheets)


def content_type(file_format: str) -> str:
    return CSV_MIME if file_format == "csv" else XLSX_MIME


class Later(Iterable[Sequence[Any]]):
    """Rows read only when the file is written: `Later(lambda: rows(...))`. An export larger
    than the inline limit is then never read in the request that hands it to the background."""

    def __init__(self, make: Callable[[], Iterable[Sequence[Any]]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return iter(self.make())


@dataclass(frozen=True)
class ExportPlan:
    """An export as its app prepares it, before any file is written: the sheets (their rows
    read when written), how many rows it has, and what the audit log records of it. Sent at
    once by `export_plan_response`, or made in the background (governance/export_jobs.py)."""

    file_format: str
    filename: str  # without its extension
    sheets: Sequence[Sheet]
    rows: int
    obj: Any = None
    object_type: str = ""
    object_repr: str = ""
    changes: dict[str, Any] = field(default_factory=dict)


def export_plan_response(*, user: Any, plan: ExportPlan) -> HttpResponse | StreamingHttpResponse:
    return export_response(
        user=user,
        file_format=plan.file_format,
        filename=plan.filename,
        sheets=plan.sheets,
        obj=plan.obj,
        object_type=plan.object_type,
        object_repr=plan.object_repr,
        changes=plan.changes,
    )


def export_response(
    *,
    user: Any,
    file_format: str,
    filename: str,
    sheets: Sequence[Sheet],
    obj: Any = None,
    object_type: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """Record the export in the audit log (`obj` or `object_type` says what was exported,
    `changes` what of it), then send it: CSV streamed row by row (several sheets one after
    another), XLSX as one workbook. `filename` is without its extension."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format {file_format!r}")
    noted: dict[str, Any] = {"format": file_format}
    sized = [s.rows for s in sheets if isinstance(s.rows, Sized)]
    if len(sized) == len(sheets):
        noted["rows"] = sum(len(rows) for rows in sized)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=obj,
        object_type=object_type,
        object_repr=object_repr,
        changes={**noted, **(changes or {})},
    )
    name = f"{safe_filename(filename)}.{file_format}"
    response: HttpResponse | StreamingHttpResponse
    if file_format == "csv":
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in _csv_lines(sheets)), content_type=CSV_MIME
        )
    else:
        response = HttpResponse(to_workbook(sheets), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
