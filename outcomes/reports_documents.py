"""The reports as files, for the staff pages and the API alike: a made report's PDF (kept when it
was made) or HTML (written again from its kept figures), and the evidence pack of a period as
PDF or HTML. Every download is recorded in the audit log as an export."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext

from governance.exports import safe_filename
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .models import Report, ReportState
from .reports_doc import render_html, render_pdf
from .reports_selectors import write

FORMATS = ("pdf", "html")
MIME = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def _send(
    *,
    user: User,
    content: bytes,
    file_format: str,
    filename: str,
    obj: Model | None = None,
    what: str,
    changes: dict[str, Any] | None = None,
) -> HttpResponse:
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=obj,
        object_type="" if obj is not None else "outcomes.evidence_pack",
        object_repr="" if obj is not None else what,
        changes={"format": file_format, "what": what, **(changes or {})},
    )
    response = HttpResponse(content, content_type=MIME[file_format])
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}.{file_format}"'
    return response


def _format(file_format: str) -> str:
    if file_format not in FORMATS:
        raise ValidationError({"format": gettext("Choose pdf or html.")})
    return file_format


def report_filename(report: Report) -> str:
    if report.year is not None and report.kind == "annual":
        return f"annual-outcome-report-{report.year}-{slugify(report.place)}"
    return f"evidence-pack-{slugify(report.place)}-{report.start:%Y%m%d}-{report.end:%Y%m%d}"


def report_download(*, user: User, report: Report, file_format: str) -> HttpResponse:
    """A ready report as PDF or HTML; Http404 until it is ready."""
    _format(file_format)
    if report.state != ReportState.DONE:
        raise Http404("The report is not ready yet.")
    content = bytes(report.pdf) if file_format == "pdf" else render_html(write(report.data)).encode()
    return _send(
        user=user,
        content=content,
        file_format=file_format,
        filename=report_filename(report),
        obj=report,
        what=report.title,
    )


def evidence_pack_download(*, user: User, data: dict[str, Any], file_format: str) -> HttpResponse:
    """The evidence pack of a period as PDF or HTML, written from its figures."""
    _format(file_format)
    document = write(data)
    content = render_pdf(document) if file_format == "pdf" else render_html(document).encode()
    period = data.get("period", {})
    place = period.get("place", "every area")
    name = f"evidence-pack-{slugify(place)}-{period.get('start', '')}-{period.get('end', '')}"
    return _send(
        user=user,
        content=content,
        file_format=file_format,
        filename=name.replace("--", "-"),
        what=f"Evidence pack for {place}, {period.get('words', '')}",
        changes={
            "area": (period.get("area") or {}).get("code", ""),
            "start": period.get("start"),
            "end": period.get("end"),
        },
    )
