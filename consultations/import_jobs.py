"""Response imports in the background. The request does what is quick (reads the file, checks
the columns chosen) and stores the file as read on a `ResponseImport`; a task
(import_running.py) then checks every row and stores them all in one transaction, or none,
while the page shows its progress."""

from collections.abc import Sequence

from django.db import transaction

from engagement.access import DEFAULT_LANGUAGE
from organisations.models import User

from .import_tasks import run_response_import
from .imports import Table, import_prepare
from .models import Channel, Questionnaire, ResponseImport


def response_import_start(
    *,
    user: User,
    questionnaire: Questionnaire,
    table: Table,
    mapping: Sequence[str],
    channel: Channel | str,
    language: str = DEFAULT_LANGUAGE,
) -> ResponseImport:
    """Check who, where and the columns now (ValidationError or ImportRejected), then leave the
    rows to a background task. Returns the import, whose page shows how it goes."""
    import_prepare(
        user=user,
        questionnaire=questionnaire,
        table=table,
        mapping=mapping,
        channel=channel,
        language=language,
    )
    job = ResponseImport(
        questionnaire=questionnaire,
        created_by=user,
        channel=str(channel),
        language=language,
        file_name=table.name[:250],
        row_count=len(table.rows),
        table=table.as_dict(),
        mapping=list(mapping),
        line_word=table.line_word,
        blank_lines=table.blank_lines,
    )
    job.full_clean()
    with transaction.atomic():
        job.save()
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(import_id: int) -> None:
    result = run_response_import.enqueue(import_id)
    ResponseImport.objects.filter(pk=import_id, task_id="").update(task_id=str(result.id))
