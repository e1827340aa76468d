"""The partnership snapshot audit and the dashboard over HTTP: thin adapters over the app's
selectors and services, with the same permission rules as the pages. The template to send
partners, the import of a partner's list (multipart, all or nothing, with the mapping of its
wordings to Heard's taxonomy to check first), the imports and their undoing, the audit report
and its exports, and the dashboard's numbers."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from organisations.http import StaffRequest
from reach import audit_imports as imports
from reach.audit_dashboard import dashboard
from reach.audit_exports import report_export, report_json, template_response
from reach.audit_report import AuditReport, audit_report
from reach.audit_scope import audit_scope, report_partnership_get
from reach.audit_selectors import import_detail, import_get, import_list
from reach.audit_undo import import_undo
from reach.selectors_reach import area_get

from .audit_schemas import (
    AuditReportOut,
    DashboardOut,
    ImportOut,
    ImportRejectedOut,
    PreviewOut,
    ReportFilters,
)

router = Router(tags=["partnership audit"])


@router.get("/audit/template", response={200: None}, summary="The template partners fill in, as CSV or XLSX")
def get_audit_template(request: StaffRequest, format: str = "xlsx") -> HttpResponse:
    return template_response(user=request.user, file_format=format)


@router.post(
    "/audit/imports",
    response={200: PreviewOut, 201: ImportOut, 422: ImportRejectedOut},
    summary="Import a partner's activity list, all or nothing",
)
def import_partner_activities(
    request: StaffRequest,
    file: File[UploadedFile | None] = None,
    partnership: Form[int] = 0,
    encoding: Form[str] = "utf-8",
    mapping: Form[str] = "",
    check_only: Form[bool] = False,
) -> Any:
    """The template filled in (CSV or XLSX), for a partnership you coordinate. Each wording of the
    file (organisations, methods, audiences) is matched to Heard's; `mapping` is a JSON object
    `{"organisations"|"methods"|"audiences": {wording: slug}}` to correct or complete the
    matches (`"-"` leaves an audience out). With `check_only`, nothing is imported: the answer
    (200) says how the file is read. Otherwise every row is checked; any problem and nothing is
    stored (422, every problem with its line); else 201 with the import."""
    chosen = imports.partnership_get(user=request.user, pk=partnership)
    if file is None:
        raise ValidationError({"file": "Attach the CSV or XLSX file as `file` (multipart/form-data)."})
    table = imports.read_list(b"".join(file.chunks()), name=file.name or "upload", encoding=encoding)
    preview = imports.import_preview(user=request.user, partnership=chosen, table=table)
    choices = imports.mapping_from(preview, imports.parse_choices(mapping))
    if check_only:
        return Reply(200, imports.preview_json(preview, choices))
    try:
        batch = imports.partner_activities_import(user=request.user, preview=preview, mapping=choices)
    except imports.ImportRejected as rejected:
        return Reply(422, rejected.as_dict())
    return Reply(201, import_detail(user=request.user, batch=batch).as_json())


@router.get(
    "/audit/imports", response=list[ImportOut], summary="Partners' lists imported for your partnerships"
)
def list_audit_imports(request: StaffRequest) -> Any:
    return [import_detail(user=request.user, batch=b).as_json() for b in import_list(user=request.user)[:100]]


@router.get("/audit/imports/{int:import_id}", response=ImportOut)
def get_audit_import(request: StaffRequest, import_id: int) -> Any:
    return import_detail(user=request.user, batch=import_get(user=request.user, pk=import_id)).as_json()


@router.post("/audit/imports/{int:import_id}/undo", response=ImportOut, summary="Undo an import")
def undo_audit_import(request: StaffRequest, import_id: int) -> Any:
    """Removes the import's activities, while nobody has worked on them (422 says why not)."""
    batch = import_undo(user=request.user, batch=import_get(user=request.user, pk=import_id))
    return import_detail(user=request.user, batch=batch).as_json()


def _report(request: StaffRequest, filters: ReportFilters) -> AuditReport:
    scope = audit_scope(
        user=request.user,
        partnership=report_partnership_get(user=request.user, pk=filters.partnership)
        if filters.partnership
        else None,
        area=area_get(filters.area) if filters.area else None,
        since=filters.since,
        until=filters.until,
    )
    return audit_report(user=request.user, scope=scope)


@router.get("/audit/report", response=AuditReportOut, summary="The partnership snapshot audit")
def get_audit_report(request: StaffRequest, filters: Query[ReportFilters]) -> Any:
    """Which activities target specific audiences and which the whole community, the gaps in
    policing engagement partners fill, the chances to piggyback (with costs) and the resources
    several organisations use: over the activities you may see."""
    return report_json(_report(request, filters))


@router.get("/audit/report/export", response={200: None}, summary="The audit as PDF or XLSX")
def export_audit_report(
    request: StaffRequest, filters: Query[ReportFilters], format: str = "pdf"
) -> HttpResponse | StreamingHttpResponse:
    return report_export(user=request.user, report=_report(request, filters), file_format=format)


@router.get("/dashboard", response=DashboardOut, summary="The dashboard's key numbers")
def get_dashboard(request: StaffRequest, area: str | None = None) -> Any:
    """Activities this quarter, people reached, representation gaps, open consultations,
    duplicates to look at and contacts due for review, each with the staff page behind it."""
    return dashboard(user=request.user, area=area_get(area) if area else None).as_json()
