"""Files for translators over HTTP: download a questionnaire's or an activity's texts as XLIFF 1.2
or PO, and upload the translation back, checked text by text and saved all or nothing. The same
services and permission rules as the "Send for translation" pages (README "Working with
translators")."""

from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from consultations import selectors as consultation_selectors
from consultations.translator_files import PERM as QUESTIONNAIRE_PERM
from consultations.translator_files import questionnaire_translation_export, questionnaire_translation_import
from core import translation_files
from core.permissions import require
from core.translation_exchange import ImportOutcome, TranslationFile, TranslationRejected
from engagement import selectors as engagement_selectors
from engagement.translator_files import activity_translation_export, activity_translation_import
from organisations.http import StaffRequest

router = Router(tags=["translations"])


class FileFormat(StrEnum):
    XLIFF = "xliff"
    PO = "po"


class ExportIn(Schema):
    """`language`: cy, pl, ur or pa (checked after the record, so an unknown record is a 404 first)."""

    language: str = ""
    format: FileFormat = FileFormat.XLIFF


class SavedOut(Schema):
    saved: int
    skipped: int
    language: str
    format: str
    message: str


class ProblemOut(Schema):
    unit: str
    label: str
    message: str


class RejectedOut(Schema):
    detail: str
    problems: list[ProblemOut]


def _send(made: TranslationFile) -> HttpResponse:
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    return response


def _upload(file: UploadedFile | None) -> tuple[bytes, str]:
    if file is None:
        raise ValidationError({"file": "Attach the .xlf or .po file as `file` (multipart/form-data)."})
    if file.size and file.size > translation_files.MAX_BYTES:
        raise ValidationError(
            {"file": "The file is larger than 2 MB: it cannot be a translation Heard made."}
        )
    return file.read(), file.name or ""


def _saved(outcome: ImportOutcome) -> dict[str, Any]:
    return {
        "saved": outcome.saved,
        "skipped": outcome.skipped,
        "language": outcome.language,
        "format": outcome.file_format,
        "message": outcome.message,
    }


def _rejected(rejected: TranslationRejected) -> Reply:
    return Reply(
        422,
        {"detail": str(rejected), "problems": [vars(problem) for problem in rejected.problems]},
    )


IMPORT_DOC = """`file`: the .xlf or .po file Heard made, translated; `language`: its language (cy, pl,
ur, pa); `allow_missing`: true to keep texts the file leaves untranslated as they are (otherwise
any such text refuses the file). Every text is checked first; if any has a problem, nothing is
saved and the answer (422) lists every problem with the text's id."""


@router.get(
    "/questionnaires/{int:questionnaire_id}/translation-file",
    response={200: None},
    summary="Download a questionnaire's words for a translator (XLIFF 1.2 or PO)",
)
def export_questionnaire_translation(
    request: StaffRequest, questionnaire_id: int, params: Query[ExportIn]
) -> HttpResponse:
    questionnaire = consultation_selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    return _send(
        questionnaire_translation_export(
            user=request.user,
            questionnaire=questionnaire,
            language=params.language,
            file_format=params.format.value,
        )
    )


@router.post(
    "/questionnaires/{int:questionnaire_id}/translation-file",
    response={200: SavedOut, 422: RejectedOut},
    summary="Upload a questionnaire's translation, checked text by text, saved all or nothing",
    description=IMPORT_DOC,
)
def import_questionnaire_translation(
    request: StaffRequest,
    questionnaire_id: int,
    file: File[UploadedFile | None] = None,
    language: Form[str] = "",
    allow_missing: Form[bool] = False,
) -> Any:
    questionnaire = consultation_selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, QUESTIONNAIRE_PERM, questionnaire)
    data, name = _upload(file)
    try:
        outcome = questionnaire_translation_import(
            user=request.user,
            questionnaire=questionnaire,
            language=language,
            data=data,
            file_name=name,
            allow_missing=allow_missing,
        )
    except TranslationRejected as rejected:
        return _rejected(rejected)
    return _saved(outcome)


@router.get(
    "/activities/{int:activity_id}/translation-file",
    response={200: None},
    summary="Download an activity's public texts for a translator (XLIFF 1.2 or PO)",
)
def export_activity_translation(
    request: StaffRequest, activity_id: int, params: Query[ExportIn]
) -> HttpResponse:
    activity = engagement_selectors.activity_get(user=request.user, pk=activity_id)
    return _send(
        activity_translation_export(
            user=request.user, activity=activity, language=params.language, file_format=params.format.value
        )
    )


@router.post(
    "/activities/{int:activity_id}/translation-file",
    response={200: SavedOut, 422: RejectedOut},
    summary="Upload an activity's translation, checked text by text, saved all or nothing",
    description=IMPORT_DOC,
)
def import_activity_translation(
    request: StaffRequest,
    activity_id: int,
    file: File[UploadedFile | None] = None,
    language: Form[str] = "",
    allow_missing: Form[bool] = False,
) -> Any:
    activity = engagement_selectors.activity_get(user=request.user, pk=activity_id)
    require(request.user, "engagement.change_activity", activity)
    data, name = _upload(file)
    try:
        outcome = activity_translation_import(
            user=request.user,
            activity=activity,
            language=language,
            data=data,
            file_name=name,
            allow_missing=allow_missing,
        )
    except TranslationRejected as rejected:
        return _rejected(rejected)
    return _saved(outcome)
