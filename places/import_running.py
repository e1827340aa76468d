"""Running a reference-data import in a background task: the uploaded file is copied out of the
storage, handed to its importer (places/importers), whose progress is written to the import
with each heartbeat; the importer's writes and the move to "done" are one transaction, so a file
with a problem anywhere stores nothing and says why. The uploaded file is deleted when the
import ends, whatever the end.

The moves of the import (started, stamped, ended, failed when its worker died) are core's
(core/background_jobs.py). A worker killed part-way leaves nothing half-stored, and an import
whose heartbeat stopped (or whose task never came, or ended without it) is marked failed by
`reference_imports_fail_stale`, run by the worker's sweep (core/task_recovery.py, registered in
hooks_recovery.py) and whenever an import's page is read."""

import logging
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.background_jobs import JobRunner, job_lifecycle

from .importers import ImportFailed, ImportSummary, boundaries_import, census_import, postcodes_import
from .models import ReferenceImport, ReferenceImportState, ReferenceKind

logger = logging.getLogger(__name__)

STOPPED = (
    "The import stopped part-way because the process running it ended. Nothing from the file was "
    "imported: upload it again."
)

IMPORTS = JobRunner(
    job_lifecycle(ReferenceImport, ReferenceImportState, noun="import"),
    name="reference-import",
    cleared={"file": ""},
)


class ImportStopped(Exception):
    """The import ended (marked failed by the sweep) before its rows were committed."""


class _Progress:
    """The percentage done, written with each heartbeat (the importer writes in a transaction).
    It stays below 100 until the import is committed."""

    def __init__(self) -> None:
        self.percent = 1

    def report(self, share: float) -> None:
        self.percent = max(self.percent, min(99, 1 + int(98 * share)))

    def fields(self) -> dict[str, Any]:
        return {"progress": self.percent}


def _importer(job: ReferenceImport) -> Callable[[Path, Any, Callable[[float], None]], ImportSummary]:
    if job.kind == ReferenceKind.CENSUS:
        return lambda path, actor, report: census_import(paths=[path], actor=actor, on_progress=report)
    if job.kind == ReferenceKind.BOUNDARIES:
        level = job.level or None
        return lambda path, actor, report: boundaries_import(
            path=path, level=level, actor=actor, on_progress=report
        )
    return lambda path, actor, report: postcodes_import(path=path, actor=actor, on_progress=report)


def safe_file_name(name: str) -> str:
    """The uploaded file's own name, reduced to what every file system takes."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._")
    return cleaned[:120] or "upload"


def reference_import_execute(*, import_id: int) -> ReferenceImport:
    """Import the uploaded file. A failure is recorded on the import with a message a person
    can act on, never left "running"."""
    job = ReferenceImport.objects.select_related("requested_by").get(pk=import_id)
    if IMPORTS.start(job, progress=1, started_at=timezone.now()) is None:
        return job
    progress = _Progress()
    try:
        with IMPORTS.heartbeat(job.pk, progress.fields):
            _run(job, progress)
    except ImportFailed as exc:
        _fail(job.pk, str(exc))
    except Exception as exc:  # the import must not stay "running" for ever
        logger.exception("Reference import %s failed", job.pk)
        _fail(job.pk, f"The import failed and nothing was imported ({exc.__class__.__name__}).")
    job.refresh_from_db()
    return job


def _run(job: ReferenceImport, progress: _Progress) -> None:
    with tempfile.TemporaryDirectory(prefix="heard-import-") as folder:
        path = Path(folder) / safe_file_name(job.file_name)
        try:
            with job.file.open("rb") as source, path.open("wb") as copy:
                for chunk in source.chunks():
                    copy.write(chunk)
        except (OSError, ValueError):
            raise ImportFailed("The uploaded file is no longer there: upload it again.") from None
        try:
            with transaction.atomic():
                summary = _importer(job)(path, job.requested_by, progress.report)
                if not _finish(job.pk, ReferenceImportState.DONE, **_counts(summary)):
                    raise ImportStopped("The import was marked failed while it ran: its rows are not kept.")
        except ImportFailed as exc:
            # The importer names the file by its path: the temporary folder means nothing to people.
            raise ImportFailed(str(exc).replace(f"{folder}/", "").replace(folder, "")) from None


def _counts(summary: ImportSummary) -> dict[str, Any]:
    return {
        "read": summary.read,
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "deleted": summary.deleted,
        "areas_created": summary.areas_created,
        "summary": str(summary),
    }


def _finish(import_id: int, state: str, **fields: Any) -> bool:
    """Move an active import to its end and delete its uploaded file. One that has already
    ended (the sweep was first) is left as it is: False."""
    job = ReferenceImport.objects.only("file").get(pk=import_id)
    stored = job.file.name
    if not IMPORTS.end(import_id, state, **fields):
        return False
    if stored:
        transaction.on_commit(lambda: _delete_upload(job, stored))
    return True


def _fail(import_id: int, message: str) -> bool:
    return _finish(import_id, ReferenceImportState.FAILED, error=message)


def _delete_upload(job: ReferenceImport, name: str) -> None:
    try:
        job.file.storage.delete(name)
    except OSError:  # the storage is unreachable: the file is only left behind
        logger.warning("Could not delete %s, uploaded for reference import %s", name, job.pk)


def reference_imports_fail_stale(*, now: Any = None) -> int:
    """Mark failed every import whose worker died. Returns how many."""
    return IMPORTS.fail_stale(message=STOPPED, now=now, fail=_fail)
