"""The statutory evidence pack, the annual outcome report and the board view over HTTP: thin adapters over the app's selectors and services.

Asking for an annual report (or a kept copy of an evidence pack) answers 202 with the report's
id; its progress is read from `GET /reports/{id}` until it is `done` (or `failed`), then its PDF
and HTML are downloaded (409 until then). The evidence pack itself is read afresh, as JSON of
its figures or as a PDF or HTML file. The same reading doors and rules as the staff pages: a
report is its organisation's; figures hold only what the caller may see, with small numbers
suppressed and residents' words redacted, as in a published document."""

from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router
from ninja.responses import Status as Reply

from organisations.models import User
from outcomes import reports_selectors as selectors
from outcomes.models import Report, ReportState
from outcomes.reports_board import board
from outcomes.reports_documents import evidence_pack_download, report_download
from outcomes.reports_scope import area_by_code
from outcomes.reports_services import annual_report_request, evidence_pack_keep, reports_fail_stale

from .reports_schemas import AnnualReportIn, BoardOut, EvidencePackIn, ReportOut

router = Router(tags=["reports"])


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _out(report: Report) -> dict[str, Any]:
    done = report.state == ReportState.DONE
    files = {
        name: reverse(f"api:get_report_{name}", kwargs={"report_id": report.pk}) if done else ""
        for name in ("pdf", "html")
    }
    return {
        "id": report.pk,
        "kind": report.kind,
        "title": report.title,
        "year": report.year,
        "start": report.start,
        "end": report.end,
        "area": report.area.code if report.area_id and report.area else None,
        "state": report.state,
        "state_label": report.get_state_display(),
        "progress": report.progress,
        "error": report.error,
        "as_at": report.as_at,
        "created_at": report.created_at,
        "finished_at": report.finished_at,
        **files,
    }


@router.get("/reports", response=list[ReportOut], summary="Your organisation's reports, newest first")
def list_reports(request: HttpRequest) -> Any:
    reports_fail_stale()
    return [_out(r) for r in selectors.report_list(user=_user(request))[:200]]


@router.post(
    "/reports/annual", response={202: ReportOut}, summary="Ask for the annual outcome report of a year"
)
def create_annual_report(request: HttpRequest, payload: AnnualReportIn) -> Any:
    user = _user(request)
    report = annual_report_request(user=user, year=payload.year, area=area_by_code(payload.area))
    return Reply(202, _out(report))


@router.post(
    "/reports/evidence-pack",
    response={202: ReportOut},
    summary="Keep a copy of the evidence pack of a period",
)
def keep_evidence_pack(request: HttpRequest, payload: EvidencePackIn) -> Any:
    user = _user(request)
    query = selectors.evidence_query(
        user=user, start=payload.start, end=payload.end, area=payload.area, target=payload.target
    )
    report = evidence_pack_keep(
        user=user,
        start=query.period.start,
        end=query.period.end,
        area=query.period.area,
        target=query.target,
    )
    return Reply(202, _out(report))


@router.get("/reports/{int:report_id}", response=ReportOut, summary="A report and how far it has got")
def get_report(request: HttpRequest, report_id: int) -> Any:
    reports_fail_stale()
    return _out(selectors.report_get(user=_user(request), pk=report_id))


def _file(request: HttpRequest, report_id: int, file_format: str) -> Any:
    user = _user(request)
    report = selectors.report_get(user=user, pk=report_id)
    if report.state != ReportState.DONE:
        detail = "The report is not ready yet." if report.is_active else "The report could not be made."
        return Reply(409, {"detail": detail, "state": report.state})
    return report_download(user=user, report=report, file_format=file_format)


@router.get("/reports/{int:report_id}/pdf", response={200: None, 409: dict}, summary="A report as a PDF")
def get_report_pdf(request: HttpRequest, report_id: int) -> Any:
    return _file(request, report_id, "pdf")


@router.get("/reports/{int:report_id}/html", response={200: None, 409: dict}, summary="A report as HTML")
def get_report_html(request: HttpRequest, report_id: int) -> Any:
    return _file(request, report_id, "html")


@router.get(
    "/evidence-pack",
    response={200: dict[str, Any]},
    summary="The statutory evidence pack of a period: its figures (JSON), or the document (pdf, html)",
)
def get_evidence_pack(
    request: HttpRequest,
    start: date | None = None,
    end: date | None = None,
    area: str = "",
    target: int | None = None,
    format: str = "json",
) -> Any:
    user = _user(request)
    if format not in ("json", "pdf", "html"):
        raise ValidationError({"format": "Choose json, pdf or html."})
    query = selectors.evidence_query(user=user, start=start, end=end, area=area, target=target)
    data = selectors.evidence_pack(user=user, query=query)
    if format == "json":
        return data
    response: HttpResponse = evidence_pack_download(user=user, data=data, file_format=format)
    return response


@router.get("/board", response=BoardOut, summary="The board's key numbers of a year so far")
def get_board(request: HttpRequest, year: int | None = None, area: str = "") -> Any:
    return board(user=_user(request), year=year, area=area_by_code(area)).as_json()
