"""The policing codes' part of the URL walks (heard/tests/walks.py): their staff pages and API
operations, the coded answer and meeting notes they name, and which of them carry residents'
words (the answers' and notes' text). Everything is the caller's organisation's own, so another
organisation's staff get a 404 for an answer or notes and lists of their own (empty) codes."""

from collections.abc import Callable
from typing import Any

from consultations.models import Answer, Attendance
from insight.models import AnswerCode, NoteCode

Record = dict[str, Any]

OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "insight:answer_codes": lambda r: {"pk": r["policing_answer"].pk},
    "api:get_answer_codes": lambda r: {"answer_id": r["policing_answer"].pk},
    "api:correct_answer_code": lambda r: {"answer_id": r["policing_answer"].pk},
    "insight:note_codes": lambda r: {"pk": r["attendance"].pk},
    "api:get_note_codes": lambda r: {"attendance_id": r["attendance"].pk},
    "api:correct_note_code": lambda r: {"attendance_id": r["attendance"].pk},
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "insight:code_list": {},
    "insight:code_recode": {},
    "insight:note_code_list": {},
    "insight:area_codes_choose": {},
    "insight:area_codes": {"code": "E05000819"},
    "insight:codeframe": {},
    "insight:code_add": {},
    "insight:code_edit": {"code_id": "asb"},
    "insight:code_retire": {"code_id": "asb"},
    "insight:codeframe_export": {"number": 1, "file_format": "json"},
    "api:get_codeframe": {},
    "api:list_codeframe_versions": {},
    "api:export_codeframe": {"number": 1},
    "api:add_code": {},
    "api:change_code": {"code_id": "asb"},
    "api:retire_code": {"code_id": "asb"},
    "api:recode_answers": {},
    "api:list_coding_jobs": {},
    "api:list_coded_answers": {},
    "api:list_coded_notes": {},
    "api:get_area_codes": {"code": "E05000819"},
}

SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/codeframe/codes/{code_id}": lambda r: {"code_id": "asb"},
    "/api/codeframe/codes/{code_id}/retire": lambda r: {"code_id": "asb"},
    "/api/answers/{answer_id}/codes": lambda r: {"answer_id": r["policing_answer"].pk},
    "/api/attendance/{attendance_id}/codes": lambda r: {"attendance_id": r["attendance"].pk},
}


def _code(answer: Answer) -> None:
    organisation_id = answer.question.questionnaire.activity.lead_organisation_id
    AnswerCode.objects.create(organisation_id=organisation_id, answer=answer, code="drugs", version=1)


def _code_notes(attendance: Attendance) -> None:
    NoteCode.objects.create(
        organisation_id=attendance.activity.lead_organisation_id,
        attendance=attendance,
        code="drugs",
        version=1,
    )


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    answer = Answer.objects.filter(question=record["question"]).first()
    assert answer is not None
    _code(answer)
    record["policing_answer"] = answer
    attendance = record["attendance"]
    attendance.notes = "NOTES-SECRET: residents talked about drug dealing by the shops"
    attendance.save(update_fields=["notes"])
    _code_notes(attendance)


# The redaction matrix (heard/tests/test_redaction_matrix.py)

SHOWS_TEXT: dict[str, tuple[Callable[[Record], dict[str, Any]], str]] = {
    "insight:code_list": (lambda s: {}, ""),
    "insight:answer_codes": (lambda s: {"pk": s["policing_answer"].pk}, ""),
    "api:list_coded_answers": (lambda s: {}, ""),
    "api:get_answer_codes": (lambda s: {"answer_id": s["policing_answer"].pk}, ""),
    "insight:note_code_list": (lambda s: {}, ""),
    "api:list_coded_notes": (lambda s: {}, ""),
    "api:get_note_codes": (lambda s: {"attendance_id": s["attendance"].pk}, ""),
}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "insight:area_codes_choose": lambda s: {},
    "insight:area_codes": lambda s: {"code": s["ward"].code},
    "insight:codeframe": lambda s: {},
    "insight:code_add": lambda s: {},
    "insight:code_edit": lambda s: {"code_id": "asb"},
    "insight:codeframe_export": lambda s: {"number": 1, "file_format": "csv"},
    "api:get_codeframe": lambda s: {},
    "api:list_codeframe_versions": lambda s: {},
    "api:export_codeframe": lambda s: {"number": 1},
    "api:list_coding_jobs": lambda s: {},
    "api:get_area_codes": lambda s: {"code": s["ward"].code},
}
TEXT_WRITES: dict[str, tuple[str, Callable[[Record], dict[str, Any]], Callable[[Record], dict[str, Any]]]] = {
    "api:correct_answer_code": (
        "post",
        lambda s: {"answer_id": s["policing_answer"].pk},
        lambda s: {"code": "drugs", "action": "add"},
    ),
    "api:correct_note_code": (
        "post",
        lambda s: {"attendance_id": s["attendance"].pk},
        lambda s: {"code": "drugs", "action": "add"},
    ),
    # a form post: a redirect, or for a bad correction the notes' list again (with a 400)
    "insight:note_codes": (
        "post",
        lambda s: {"pk": s["attendance"].pk},
        lambda s: {"code": "drugs", "action": "add"},
    ),
}
NO_TEXT: dict[str, str] = {
    "insight:code_recode": "a form post that answers with a redirect",
    "insight:code_retire": "a form post that answers with a redirect",
    "api:add_code": "returns the codeframe: staff's own words",
    "api:change_code": "returns the codeframe: staff's own words",
    "api:retire_code": "returns the codeframe: staff's own words",
    "api:recode_answers": "returns a job's progress",
}


def add_matrix_records(scene: Record) -> None:
    from heard.tests.test_redaction_matrix import ANSWER

    answer = Answer.objects.get(question=scene["question"], text=ANSWER)
    _code(answer)
    scene["policing_answer"] = answer
    _code_notes(scene["attendance"])
