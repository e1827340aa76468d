"""Exports too large to make inside a request: the request prepares the export (checking who
asks and the filters, at once), then a background task writes the file while its page shows
the progress. `export_send` is the one branch every export page takes: at or under
`HEARD_EXPORT_INLINE_ROWS` rows the file is sent at once, as it always was; above it a job is
queued and the person is taken to its page.

Reads (`export_job_get`, `export_jobs_of`) give the requester's own jobs only; downloading a
finished file is recorded in the audit log like a direct export. Apart from export_running.py,
which the task runs, so that the task and the services do not import each other."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.shortcuts import get_or_404

from .export_kinds import ExportKind, export_kind
from .export_models import ExportJob, ExportState
from .export_running import export_files_purge
from .export_tasks import run_export_job
from .exports import ExportPlan, export_plan_response, safe_filename
from .models import AuditAction
from .owners import organisation_of
from .services import audit_record


def inline_rows() -> int:
    return int(getattr(settings, "HEARD_EXPORT_INLINE_ROWS", 2000))


def keep_days() -> int:
    return int(getattr(settings, "HEARD_EXPORT_KEEP_DAYS", 7))


def kind_get(key: str) -> ExportKind:
    kind = export_kind(key)
    if kind is None:
        raise ValidationError(
            {"kind": gettext("“%(kind)s” is not a kind of export Heard makes.") % {"kind": str(key)[:60]}}
        )
    return kind


def export_job_start(*, user: Any, kind: str, parameters: dict[str, Any], plan: ExportPlan) -> ExportJob:
    """Queue the export `plan` describes (already checked: who asks, the filters); the task
    reads it again through the app's selectors when it runs. Returns the job."""
    label = kind_get(kind).label
    job = ExportJob(
        kind=kind,
        label=(plan.object_repr or (f"{label}: {plan.obj}" if plan.obj is not None else label))[:300],
        parameters=parameters,
        file_format=plan.file_format,
        requested_by=user,
        organisation_id=organisation_of(user),
        row_count=max(plan.rows, 0),
        expires_at=timezone.now() + timedelta(days=keep_days()),
    )
    job.full_clean()
    with transaction.atomic():
        job.save()
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(job_id: int) -> None:
    result = run_export_job.enqueue(job_id)
    ExportJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id))


def export_send(*, user: Any, kind: str, parameters: dict[str, Any]) -> HttpResponse | StreamingHttpResponse:
    """The export a page asked for: the file at once when it is small, else a job, and a
    redirect to its page. ValidationError, PermissionDenied and Http404 as the kind raises
    them (bad filters, no right to export, a record out of reach)."""
    plan = kind_get(kind).plan(user, parameters)
    if plan.rows <= inline_rows():
        return export_plan_response(user=user, plan=plan)
    job = export_job_start(user=user, kind=kind, parameters=parameters, plan=plan)
    return HttpResponseRedirect(reverse("exports:detail", kwargs={"pk": job.pk}))


def export_job_request(*, user: Any, kind: str, parameters: dict[str, Any]) -> ExportJob:
    """An export asked for over the API: always made in the background (the client follows
    its progress). Checked now as a page would be: who asks, the record, the filters."""
    plan = kind_get(kind).plan(user, parameters)
    return export_job_start(user=user, kind=kind, parameters=parameters, plan=plan)


def export_jobs_of(*, user: Any) -> QuerySet[ExportJob]:
    """The requester's exports, newest first (those past their time are removed first)."""
    export_files_purge()
    return ExportJob.objects.visible_to(user).defer("content")


def export_job_get(*, user: Any, pk: Any) -> ExportJob:
    """One of the requester's exports, or 404 (anyone else's, or one past its time)."""
    return get_or_404(export_jobs_of(user=user), pk)


def export_job_download(*, user: Any, pk: Any) -> HttpResponse:
    """The finished file, recorded in the audit log as the export it is; 404 until it is ready."""
    job = get_or_404(ExportJob.objects.visible_to(user).filter(state=ExportState.DONE), pk)
    if job.content is None or job.expires_at <= timezone.now():
        raise Http404("This export is no longer kept.")
    audit = dict(job.audit)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type=str(audit.get("object_type") or ExportJob._meta.label_lower),
        object_id=str(audit.get("object_id") or ""),
        object_repr=str(audit.get("object_repr") or job.label),
        changes={"format": job.file_format, **dict(audit.get("changes") or {}), "export_job": job.pk},
        owner_organisation_id=audit.get("owner_organisation_id"),
    )
    response = HttpResponse(bytes(job.content), content_type=job.content_type)
    name = f"{safe_filename(job.file_name.rpartition('.')[0] or 'export')}.{job.file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
