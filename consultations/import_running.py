"""Running a response import, in a background task: every row is checked (progress shown),
then, if none has a problem, all are stored in one transaction with the move to "done"; else
nothing is stored and every problem is kept with its line. The copy of the file is emptied when
the import ends, whatever the end.

The moves of the import (started, stamped, ended, failed when its worker died) are core's
(core/background_jobs.py). A worker killed part-way leaves nothing half-stored, and an import
whose heartbeat stopped (or whose task never came, or ended without it) is marked failed by
`response_imports_fail_stale`, run by the worker's sweep (core/task_recovery.py) and whenever the
import's page is read."""

import logging
from typing import Any

from django.db import transaction

from core.background_jobs import JobRunner, job_lifecycle

from .imports import Table, check_mapping, check_rows, rows_store
from .models import ImportState, ResponseImport

logger = logging.getLogger(__name__)


class ImportStopped(Exception):
    """The import ended (marked failed by the sweep) before its rows were committed."""


STOPPED = (
    "The import stopped part-way because the process running it ended. Nothing from the file was "
    "imported: upload it again."
)
CHECKING, STORING = 50, 49  # shares of the progress bar: checking the rows, then storing them

# The copy of the file is emptied whatever the end.
IMPORTS = JobRunner(
    job_lifecycle(ResponseImport, ImportState, noun="import", ends=[ImportState.REJECTED]),
    name="import",
    cleared={"table": {}},
)


class _Progress:
    """The percentage done, written with each heartbeat (the rows are stored in a transaction)."""

    def __init__(self, total: int) -> None:
        self.total = max(total, 1)
        self.percent = 1

    def checking(self, done: int) -> None:
        self.percent = 1 + CHECKING * done // self.total

    def storing(self, done: int) -> None:
        self.percent = 1 + CHECKING + STORING * done // self.total

    def fields(self) -> dict[str, Any]:
        return {"progress": self.percent}


def response_import_execute(*, import_id: int) -> ResponseImport:
    """Check every row; if any has a problem, store nothing and keep every problem with its
    line; else store them all. A failure is recorded on the import, never left "running"."""
    job = ResponseImport.objects.select_related("questionnaire", "created_by").get(pk=import_id)
    if IMPORTS.start(job, progress=1) is None:
        return job
    progress = _Progress(job.row_count)
    try:
        with IMPORTS.heartbeat(job.pk, progress.fields):
            _run(job, progress)
    except Exception as exc:  # the import must not stay "running" for ever
        logger.exception("Response import %s failed", job.pk)
        IMPORTS.end(
            job.pk,
            ImportState.FAILED,
            error=f"The import failed and nothing was imported ({exc.__class__.__name__}).",
        )
    job.refresh_from_db()
    return job


def _run(job: ResponseImport, progress: _Progress) -> None:
    table = Table.from_dict(job.table)
    questionnaire = job.questionnaire
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))
    problems = check_mapping(questionnaire, questions, job.mapping, table.headers)
    if problems:
        IMPORTS.end(job.pk, ImportState.REJECTED, error=" ".join(problems))
        return
    checked = check_rows(questionnaire, questions, table, job.mapping, on_row=progress.checking)
    if not checked.is_valid:
        IMPORTS.end(job.pk, ImportState.REJECTED, row_errors=[e.as_dict() for e in checked.errors])
        return
    IMPORTS.set_progress(job.pk, 1 + CHECKING)
    with transaction.atomic():
        summary = rows_store(
            user=job.created_by,
            questionnaire=questionnaire,
            table=table,
            checked=checked,
            channel=job.channel,
            on_row=progress.storing,
            language=job.language,
        )
        if not IMPORTS.end(
            job.pk, ImportState.DONE, imported=summary.imported, hidden_answers=summary.hidden_answers
        ):
            raise ImportStopped("The import was marked failed while it ran: its rows are not kept.")


def response_imports_fail_stale(*, now: Any = None) -> int:
    """Mark failed every import whose worker died. Returns how many."""
    return IMPORTS.fail_stale(message=STOPPED, now=now)
