"""Importing responses from a CSV or XLSX file over HTTP, in the background like the staff
pages: the upload is read and its columns checked at once (400/422 when they cannot be
imported), then a task checks every row and imports all or nothing; `GET` the import to see
its progress and what came of it. The same services and permission rules as the pages."""

import json
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from consultations import imports, selectors
from consultations.import_jobs import response_import_start
from consultations.models import ResponseImport
from consultations.results import questions_of
from consultations.selectors_imports import response_import_get, response_import_problems
from core.permissions import require
from organisations.http import StaffRequest

from .consultation_schemas import ImportRejectedOut, ImportRowError

router = Router(tags=["consultations"])


class ResponseImportOut(Schema):
    id: int
    state: str
    state_label: str
    progress: int
    file_name: str
    rows: int
    blank_lines: int
    imported: int
    hidden_answers: int
    message: str
    line_word: str
    errors: list[ImportRowError]
    error: str
    created_at: datetime
    finished_at: datetime | None
    url: str
    page: str


def _out(request: StaffRequest, job: ResponseImport) -> dict[str, Any]:
    errors, error = response_import_problems(user=request.user, job=job)
    summary = imports.ImportSummary(
        imported=job.imported, blank_lines=job.blank_lines, hidden_answers=job.hidden_answers
    )
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": job.get_state_display(),
        "progress": job.progress,
        "file_name": job.file_name,
        "rows": job.row_count,
        "blank_lines": job.blank_lines,
        "imported": job.imported,
        "hidden_answers": job.hidden_answers,
        "message": summary.message if job.state == "done" else "",
        "line_word": job.line_word,
        "errors": errors,
        "error": error,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "url": reverse(
            "api:get_response_import", kwargs={"questionnaire_id": job.questionnaire_id, "import_id": job.pk}
        ),
        "page": reverse(
            "consultations:import_status", kwargs={"pk": job.questionnaire_id, "import_pk": job.pk}
        ),
    }


def _mapping(questionnaire: Any, table: imports.Table, mapping: str) -> list[str]:
    chosen = imports.suggest_mapping(questionnaire, questions_of(questionnaire), table.headers)
    if not mapping:
        return chosen
    try:
        given = json.loads(mapping)
    except json.JSONDecodeError as error:
        raise ValidationError({"mapping": "Give the mapping as a JSON object."}) from error
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        raise ValidationError({"mapping": "Give the mapping as a JSON object of header → target."})
    unknown = [h for h in given if h not in table.headers]
    if unknown:
        raise ValidationError(
            {"mapping": gettext("Not columns of the file: %(values)s.") % {"values": ", ".join(unknown)}}
        )
    return [given.get(header, chosen[i]) for i, header in enumerate(table.headers)]


@router.post(
    "/questionnaires/{int:questionnaire_id}/import",
    response={202: ResponseImportOut, 422: ImportRejectedOut},
    summary="Import responses from a CSV or XLSX file, all or nothing, in the background",
)
def import_responses(
    request: StaffRequest,
    questionnaire_id: int,
    file: File[UploadedFile | None] = None,
    channel: Form[str] = "paper",
    encoding: Form[str] = "utf-8",
    language: Form[str] = "en",
    mapping: Form[str] = "",
) -> Any:
    """The file is read and its columns checked now; every row is then checked in the
    background with the same rules as every other channel. `GET` the answer's `url` until its
    `state` is `done` (imported), `rejected` (rows with problems, listed in `errors` with their
    line numbers: nothing imported) or `failed`.

    `mapping` is a JSON object: column header → `q<question id>`, `date`, `language`,
    `eq:<equality field>` or `""` to leave the column out. `language`: the code of the language
    the responses were written in (GET /api/languages), for rows without a language column. Columns it does not name are matched from their headers."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, "consultations.enter_responses", questionnaire)
    if file is None:
        raise ValidationError({"file": "Attach the CSV or XLSX file as `file` (multipart/form-data)."})
    if file.size and file.size > imports.MAX_BYTES:
        raise ValidationError({"file": "The file is larger than 5 MB: split it into smaller files."})
    try:
        table = imports.read_table(file.read(), name=file.name or "upload", encoding=encoding)
    except imports.ImportFileError as error:
        raise ValidationError({"file": str(error)}) from error
    try:
        job = response_import_start(
            user=request.user,
            questionnaire=questionnaire,
            table=table,
            mapping=_mapping(questionnaire, table, mapping),
            channel=channel,
            language=language,
        )
    except imports.ImportRejected as rejected:
        return Reply(
            422,
            {
                "detail": "Nothing was imported.",
                "problems": rejected.problems,
                "line_word": rejected.word,
                "errors": [e.as_dict() for e in rejected.errors],
            },
        )
    job.refresh_from_db()  # a task run at once (tests, the immediate backend) has finished it
    return Reply(202, _out(request, job))


@router.get(
    "/questionnaires/{int:questionnaire_id}/imports/{int:import_id}",
    response=ResponseImportOut,
    summary="How a response import is going, and what came of it",
)
def get_response_import(request: StaffRequest, questionnaire_id: int, import_id: int) -> Any:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, "consultations.enter_responses", questionnaire)
    return _out(request, response_import_get(user=request.user, pk=import_id, questionnaire=questionnaire))
