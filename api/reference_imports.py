"""Importing reference data (Census 2021 tables, boundaries, postcodes) over HTTP, in the
background like the staff pages: the upload is checked and stored at once (422 when it cannot be
imported), then a task imports it all or nothing; `GET` the import to see its progress and what
came of it. Superusers only, as on the pages; the same services and selectors."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from places.import_jobs import reference_import_start
from places.models import ReferenceImport
from places.selectors import reference_import_get, reference_imports_list

router = Router(tags=["places"])


class ReferenceImportOut(Schema):
    id: int
    kind: str
    kind_label: str
    level: str
    state: str
    state_label: str
    progress: int
    file_name: str
    read: int
    created: int
    updated: int
    unchanged: int
    deleted: int
    areas_created: int
    summary: str
    error: str
    created_at: datetime
    finished_at: datetime | None
    url: str
    page: str


def _out(job: ReferenceImport) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "kind_label": job.get_kind_display(),
        "level": job.level,
        "state": job.state,
        "state_label": job.get_state_display(),
        "progress": job.progress,
        "file_name": job.file_name,
        "read": job.read,
        "created": job.created,
        "updated": job.updated,
        "unchanged": job.unchanged,
        "deleted": job.deleted,
        "areas_created": job.areas_created,
        "summary": job.summary,
        "error": job.error,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "url": reverse("api:get_reference_import", kwargs={"import_id": job.pk}),
        "page": reverse("reference:import_detail", kwargs={"pk": job.pk}),
    }


@router.post(
    "/reference-imports",
    response={202: ReferenceImportOut},
    summary="Import a Census table, boundaries or postcodes, all or nothing, in the background",
)
def start_reference_import(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    kind: Form[str] = "",
    level: Form[str] = "",
) -> Any:
    """Send the file as `file` (multipart/form-data) with `kind`: `census` (an ONS tidy-long
    Census 2021 CSV), `boundaries` (GeoJSON in WGS84; `level` optionally gives the level of
    areas it creates) or `postcodes` (a postcode lookup CSV). `GET` the answer's `url` until its
    `state` is `done` (counts filled in) or `failed` (`error` says why; nothing was imported)."""
    job = reference_import_start(user=request.user, kind=kind, upload=file, level=level)
    job.refresh_from_db()  # a task run at once (tests, the immediate backend) has finished it
    return Reply(202, _out(job))


@router.get(
    "/reference-imports",
    response=list[ReferenceImportOut],
    summary="The latest reference-data imports, newest first",
)
def list_reference_imports(request: HttpRequest) -> Any:
    return [_out(job) for job in reference_imports_list(user=request.user)]


@router.get(
    "/reference-imports/{int:import_id}",
    response=ReferenceImportOut,
    summary="How a reference-data import is going, and what came of it",
)
def get_reference_import(request: HttpRequest, import_id: int) -> Any:
    return _out(reference_import_get(user=request.user, pk=import_id))
