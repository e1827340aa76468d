"""Staff pages for questionnaires, offline capture, imports and results. Views stay thin:
they read through `consultations.selectors` (what the user may see, a 404 otherwise, text
through their door), shared with the API, and write through the services."""

from .builder import (
    question_add,
    question_delete,
    question_edit,
    question_move,
    questionnaire_create,
    questionnaire_detail,
    questionnaire_edit,
    questionnaire_list,
    questionnaire_new_version,
    questionnaire_preview,
    questionnaire_publish,
)
from .capture import (
    attendance_create,
    attendance_delete,
    attendance_edit,
    attendance_list,
    equality_form_enter,
    response_enter,
)
from .import_status import import_status
from .reports import results, results_export, text_answers
from .responses import response_detail
from .translations import (
    questionnaire_translate,
    questionnaire_translations,
    questionnaire_translator_file,
    questionnaire_translator_files,
)
from .upload import import_map, import_upload

__all__ = [
    "attendance_create",
    "attendance_delete",
    "attendance_edit",
    "attendance_list",
    "equality_form_enter",
    "import_map",
    "import_status",
    "import_upload",
    "question_add",
    "question_delete",
    "question_edit",
    "question_move",
    "questionnaire_create",
    "questionnaire_detail",
    "questionnaire_edit",
    "questionnaire_list",
    "questionnaire_new_version",
    "questionnaire_preview",
    "questionnaire_publish",
    "questionnaire_translate",
    "questionnaire_translations",
    "questionnaire_translator_file",
    "questionnaire_translator_files",
    "response_detail",
    "response_enter",
    "results",
    "results_export",
    "text_answers",
]
