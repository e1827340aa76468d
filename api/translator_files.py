"""Files for translators over HTTP: download the texts of a questionnaire, an activity, a "You
said, we did" feedback or a neighbourhood's published priorities as XLIFF 1.2
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

from consultations.translator_files import questionnaire_item
from core import translation_files
from core.translation_exchange import TranslationRejected
from engagement.translator_files import activity_item
from governance.translatable import TranslatableItem, translation_file_export, translation_file_import
from insight.priority_translations import priorities_item
from organisations.http import StaffRequest
from outcomes.loop_translations import feedback_item

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


def _export(request: StaffRequest, item: TranslatableItem, params: ExportIn) -> HttpResponse:
    made = translation_file_export(
        user=request.user, item=item, language=params.language, file_format=params.format.value
    )
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    return response


def _import(
    request: StaffRequest,
    item: TranslatableItem,
    file: UploadedFile | None,
    language: str,
    allow_missing: bool,
) -> Any:
    """The item is found (and the permission checked) before the file is looked at."""
    if file is None:
        raise ValidationError({"file": "Attach the .xlf or .po file as `file` (multipart/form-data)."})
    if file.size and file.size > translation_files.MAX_BYTES:
        raise ValidationError(
            {"file": "The file is larger than 2 MB: it cannot be a translation Heard made."}
        )
    try:
        outcome = translation_file_import(
            user=request.user,
            item=item,
            language=language,
            data=file.read(),
            file_name=file.name or "",
            allow_missing=allow_missing,
        )
    except TranslationRejected as rejected:
        return Reply(
            422, {"detail": str(rejected), "problems": [vars(problem) for problem in rejected.problems]}
        )
    return {
        "saved": outcome.saved,
        "skipped": outcome.skipped,
        "language": outcome.language,
        "format": outcome.file_format,
        "message": outcome.message,
    }


IMPORT_DOC = """`file`: the .xlf or .po file Heard made, translated; `language`: its language (cy, pl,
ur, pa); `allow_missing`: true to keep texts the file leaves untranslated as they are (otherwise
any such text refuses the file). Every text is checked first; if any has a problem, nothing is
saved and the answer (422) lists every problem with the text's id."""


DOWNLOAD = "Download {} for a translator (XLIFF 1.2 or PO)"
UPLOAD = "Upload {}'s translation, checked text by text, saved all or nothing"
IMPORTED = {200: SavedOut, 422: RejectedOut}


@router.get(
    "/questionnaires/{int:questionnaire_id}/translation-file",
    response={200: None},
    summary=DOWNLOAD.format("a questionnaire's words"),
)
def export_questionnaire_translation(
    request: StaffRequest, questionnaire_id: int, params: Query[ExportIn]
) -> HttpResponse:
    return _export(request, questionnaire_item(request.user, questionnaire_id), params)


@router.post(
    "/questionnaires/{int:questionnaire_id}/translation-file",
    response=IMPORTED,
    summary=UPLOAD.format("a questionnaire"),
    description=IMPORT_DOC,
)
def import_questionnaire_translation(
    request: StaffRequest,
    questionnaire_id: int,
    file: File[UploadedFile | None] = None,
    language: Form[str] = "",
    allow_missing: Form[bool] = False,
) -> Any:
    return _import(request, questionnaire_item(request.user, questionnaire_id), file, language, allow_missing)


@router.get(
    "/activities/{int:activity_id}/translation-file",
    response={200: None},
    summary=DOWNLOAD.format("an activity's public texts"),
)
def export_activity_translation(
    request: StaffRequest, activity_id: int, params: Query[ExportIn]
) -> HttpResponse:
    return _export(request, activity_item(request.user, activity_id), params)


@router.post(
    "/activities/{int:activity_id}/translation-file",
    response=IMPORTED,
    summary=UPLOAD.format("an activity"),
    description=IMPORT_DOC,
)
def import_activity_translation(
    request: StaffRequest,
    activity_id: int,
    file: File[UploadedFile | None] = None,
    language: Form[str] = "",
    allow_missing: Form[bool] = False,
) -> Any:
    return _import(request, activity_item(request.user, activity_id), file, language, allow_missing)


@router.get(
    "/outcomes/feedback/{int:feedback_id}/translation-file",
    response={200: None},
    summary=DOWNLOAD.format(
        'a "You said, we did" feedback\'s words, with its findings, decisions and actions'
    ),
)
def export_feedback_translation(
    request: StaffRequest, feedback_id: int, params: Query[ExportIn]
) -> HttpResponse:
    return _export(request, feedback_item(request.user, feedback_id), params)


@router.post(
    "/outcomes/feedback/{int:feedback_id}/translation-file",
    response=IMPORTED,
    summary=UPLOAD.format("a feedback"),
    description=IMPORT_DOC,
)
def import_feedback_translation(
    request: StaffRequest,
    feedback_id: int,
    file: File[UploadedFile | None] = None,
    language: Form[str] = "",
    allow_missing: Form[bool] = False,
) -> Any:
    return _import(request, feedback_item(request.user, feedback_id), file, language, allow_missing)


@router.get(
    "/priorities/{area_code}/translation-file",
    response={200: None},
    summary=DOWNLOAD.format("a neighbourhood's published priorities (your organisation's)"),
)
def export_priorities_translation(
    request: StaffRequest, area_code: str, params: Query[ExportIn]
) -> HttpResponse:
    return _export(request, priorities_item(request.user, area_code), params)


@router.post(
    "/priorities/{area_code}/translation-file",
    response=IMPORTED,
    summary=UPLOAD.format("a neighbourhood's published priorities"),
    description=IMPORT_DOC,
)
def import_priorities_translation(
    request: StaffRequest,
    area_code: str,
    file: File[UploadedFile | None] = None,
    language: Form[str] = "",
    allow_missing: Form[bool] = False,
) -> Any:
    return _import(request, priorities_item(request.user, area_code), file, language, allow_missing)
