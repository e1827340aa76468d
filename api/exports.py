"""Exports made in the background, over HTTP: `POST /exports` asks for one (the same kinds,
filters and permission rules as the staff pages' export links), `GET /exports/{id}` says how
it is going, and `GET /exports/{id}/file` downloads the file when it is ready (recorded in the
audit log). Each export is seen by the person who asked for it only. Thin adapters over
governance/export_jobs.py."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from governance.export_jobs import export_job_download, export_job_get, export_job_request, export_jobs_of
from governance.export_kinds import export_kinds, export_parameters
from governance.export_models import ExportJob

router = Router(tags=["exports"])
LISTED = 50


class ExportIn(Schema):
    kind: str = Field(
        ..., max_length=60, description="One of `GET /exports/kinds`, such as engagement.activities"
    )
    format: str = Field("csv", max_length=4, description="csv or xlsx")
    filters: str = Field(
        "", max_length=2000, description="The filters as the page's query string, such as status=open&area=3"
    )
    record: int | None = Field(
        None, description="The record exported from, for kinds that need one (a questionnaire)"
    )
    part: str = Field(
        "", max_length=20, description="The part of the record: for results, summary or responses"
    )


class ExportOut(Schema):
    id: int
    kind: str
    label: str
    format: str
    state: str
    state_label: str
    progress: int
    rows: int
    rows_written: int
    error: str
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime
    file_name: str
    size: int
    url: str
    file: str
    page: str


class ExportKindOut(Schema):
    kind: str
    label: str


def _out(job: ExportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": job.label,
        "format": job.file_format,
        "state": job.state,
        "state_label": job.get_state_display(),
        "progress": job.progress,
        "rows": job.row_count,
        "rows_written": job.rows_written,
        "error": job.error,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "expires_at": job.expires_at,
        "file_name": job.file_name,
        "size": job.size,
        "url": reverse("api:get_export", kwargs={"export_id": job.pk}),
        "file": reverse("api:download_export", kwargs={"export_id": job.pk}) if job.is_ready else "",
        "page": reverse("exports:detail", kwargs={"pk": job.pk}),
    }


@router.get(
    "/exports/kinds", response=list[ExportKindOut], summary="The kinds of export that can be asked for"
)
def list_export_kinds(request: HttpRequest) -> Any:
    return [{"kind": kind.key, "label": kind.label} for kind in export_kinds]


@router.post("/exports", response={202: ExportOut}, summary="Ask for an export, made in the background")
def create_export(request: HttpRequest, payload: ExportIn) -> Any:
    """Checked at once (403/404/422 as the page's export link would give); `GET` the answer's
    `url` until its `state` is `done` (then download `file`) or `failed` (`error` says why)."""
    parameters = export_parameters(
        file_format=payload.format, query=payload.filters, record=payload.record, part=payload.part
    )
    job = export_job_request(user=request.user, kind=payload.kind, parameters=parameters)
    job.refresh_from_db()  # a task run at once (tests, the immediate backend) has finished it
    return Reply(202, _out(job))


@router.get("/exports", response=list[ExportOut], summary="Your exports, the newest first")
def list_exports(request: HttpRequest) -> Any:
    return [_out(job) for job in export_jobs_of(user=request.user)[:LISTED]]


@router.get("/exports/{int:export_id}", response=ExportOut, summary="How an export is going")
def get_export(request: HttpRequest, export_id: int) -> Any:
    return _out(export_job_get(user=request.user, pk=export_id))


@router.get("/exports/{int:export_id}/file", response={200: None}, summary="Download a finished export")
def download_export(request: HttpRequest, export_id: int) -> HttpResponse:
    return export_job_download(user=request.user, pk=export_id)
