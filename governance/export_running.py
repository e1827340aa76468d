"""Making an export's file, in a background task: the owning app prepares the export again
for the person who asked (through its own selectors: a right lost meanwhile, or a record gone,
fails the job with the reason), the rows are written with the progress stored as they go, and
the file is kept on the job with what a download records in the audit log.

The moves of the job (started, stamped, ended, failed when its worker died) are core's
(core/background_jobs.py): a worker killed part-way leaves a job whose heartbeat stops, and
`export_jobs_fail_stale`, run by the worker's sweep (core/task_recovery.py), marks it failed. `export_files_purge` removes jobs
past their time, with their files (when a list of exports is read, and at each retention run)."""

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from core.background_jobs import JobRunner, job_lifecycle

from .export_kinds import export_kind
from .export_models import EXPORT_ACTIVE, ExportJob, ExportState
from .exports import ExportPlan, Sheet, content_type, file_bytes, safe_filename
from .owners import owner_organisation_of

logger = logging.getLogger(__name__)

STOPPED = (
    "The export stopped part-way because the process making it ended (it was restarted or ran "
    "out of memory). Ask for the export again."
)
OUT_OF_REACH = (
    "You can no longer see what this export would hold (your access changed, or the record was "
    "removed, after you asked for it). Nothing was exported."
)
UNKNOWN_KIND = "Heard no longer makes this kind of export. Nothing was exported."

EXPORTS = JobRunner(job_lifecycle(ExportJob, ExportState, noun="export"), name="export")


class _Progress:
    """Counts the rows written and stores the percentage each time it grows."""

    def __init__(self, job_id: int, total: int) -> None:
        self.job_id = job_id
        self.total = max(total, 1)
        self.done = 0
        self.percent = 1

    def rows(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for row in rows:
            yield row
            self.done += 1
            percent = min(99, 1 + 98 * self.done // self.total)
            if percent > self.percent:
                self.percent = percent
                self.store()

    def store(self) -> None:
        EXPORTS.set_progress(self.job_id, self.percent, rows_written=self.done)

    def fields(self) -> dict[str, Any]:
        return {"progress": self.percent, "rows_written": self.done}


def export_job_execute(*, job_id: int) -> ExportJob:
    """Make the file of a queued job; a failure is recorded on the job with its reason, never
    left "running"."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if EXPORTS.start(job, progress=1) is None:
        return job
    progress = _Progress(job.pk, job.row_count)
    try:
        with EXPORTS.heartbeat(job.pk, progress.fields):
            error = _run(job, progress)
    except Exception as exc:  # the job must not stay "running" for ever
        logger.exception("Export %s failed", job.pk)
        error = f"The export failed ({exc.__class__.__name__}) and no file was made. Ask for it again."
    if error:
        EXPORTS.end(job.pk, ExportState.FAILED, error=error)
    job.refresh_from_db()
    return job


def _run(job: ExportJob, progress: _Progress) -> str:
    """Write the file and finish the job; or the reason it could not be made."""
    kind = export_kind(job.kind)
    if kind is None:
        return UNKNOWN_KIND
    try:
        plan = kind.plan(job.requested_by, dict(job.parameters))
    except (Http404, PermissionDenied):
        return OUT_OF_REACH
    except ValidationError as error:
        return "The export could not be made: " + " ".join(error.messages)
    progress.total = max(plan.rows, 1)
    sheets = [Sheet(s.title, s.headers, progress.rows(s.rows)) for s in plan.sheets]
    content = file_bytes(plan.file_format, sheets)
    EXPORTS.end(
        job.pk,
        ExportState.DONE,
        content=content,
        size=len(content),
        file_name=f"{safe_filename(plan.filename)}.{plan.file_format}"[:200],
        content_type=content_type(plan.file_format),
        rows_written=progress.done,
        audit=_audit(plan, progress.done),
    )
    return ""


def _audit(plan: ExportPlan, rows: int) -> dict[str, Any]:
    obj = plan.obj
    return {
        "object_type": plan.object_type or (obj._meta.label_lower if obj is not None else ""),
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": (plan.object_repr or str(obj or ""))[:300],
        "owner_organisation_id": owner_organisation_of(obj) if obj is not None else None,
        "changes": {"rows": rows, **{k: v for k, v in plan.changes.items() if _jsonable(v)}},
    }


def _jsonable(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str | list | dict)


def export_jobs_fail_stale(*, now: Any = None) -> int:
    """Mark failed every export whose worker died. Returns how many."""
    return EXPORTS.fail_stale(message=STOPPED, now=now)


def export_files_purge(*, now: Any = None) -> int:
    """Remove the exports past their time, with their files. Returns how many."""
    expired = ExportJob.objects.filter(expires_at__lte=now or timezone.now()).exclude(state__in=EXPORT_ACTIVE)
    count, _ = expired.delete()
    return count
