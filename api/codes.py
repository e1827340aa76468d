"""The policing codes over HTTP: the codeframe (read, change, versions, export), coding every
answer again, the answers' and meeting notes' codes and their corrections, and a neighbourhood's
codes this year against last year. Thin adapters over insight's code selectors and services,
under the same rules as the staff pages; everything is the caller's organisation's own, and
answers' and notes' text comes through the reader's text door."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from insight import code_selectors as selectors
from insight.code_selectors import CodedAnswerView, CodedNoteView
from insight.code_trends import CodeTrend
from insight.codeframes import CodeInput, code_add, code_change, code_retire, codeframe_csv, codeframe_json
from insight.coding import answer_code_correct, note_code_correct
from insight.coding_jobs import coding_job_create
from insight.models import CodeframeVersion, CodingJob
from organisations.http import StaffRequest

router = Router(tags=["policing codes"])


class CodeOut(Schema):
    id: str
    label: str
    description: str
    examples: list[str]
    keywords: list[str] = []
    police_uk: list[str] = Field(description="The data.police.uk crime categories it maps onto")
    retired: bool = False


class CodeframeOut(Schema):
    version: int
    change: str
    created_at: datetime | None
    codes: list[CodeOut]


class VersionOut(Schema):
    version: int
    change: str
    created_at: datetime | None


class CodeIn(Schema):
    label: str = Field("", max_length=100)
    description: str = Field("", max_length=1000)
    examples: list[str] = Field([], description="Example answers that should get the code")
    police_uk: list[str] = Field([], description="data.police.uk crime category slugs, like drugs")
    keywords: list[str] | None = Field(
        None,
        description="Words or phrases that, in an answer, nearly always mean the code (at most 20). "
        "Left out, a change keeps the code's own; [] clears them.",
    )


class RetireIn(Schema):
    retired: bool = True


class JobOut(Schema):
    id: int
    state: str
    progress: int
    answer_count: int
    error: str
    created_at: datetime
    finished_at: datetime | None


class GivenCodeOut(Schema):
    code: str
    label: str
    confidence: float
    by_analyst: bool


class CodedAnswerOut(Schema):
    id: int
    text: str
    question: str
    activity: str
    submitted_at: datetime
    codes: list[GivenCodeOut]


class CodedNoteOut(Schema):
    id: int = Field(description="The attendance record the notes belong to")
    text: str
    activity: str
    held_on: date
    codes: list[GivenCodeOut]


class CorrectionIn(Schema):
    code: str = Field("", max_length=60)
    action: str = Field("", description="add or remove")


class CodeYearOut(Schema):
    code: str
    label: str
    police_uk: list[str]
    last_year: int | None
    this_year: int | None
    last_share: float | None
    this_share: float | None
    change: str = Field(description="up or down when the share changed by more than chance, else empty")
    quarters: list[int] = Field(description="Answers given the code in each quarter, as in `quarters`")


class AreaCodesOut(Schema):
    area: str
    area_name: str
    this_year: int
    last_year: int
    answers_this_year: int | None
    answers_last_year: int | None
    quarters: list[str]
    quarter_answers: list[int]
    codes: list[CodeYearOut]


def _codeframe_out(version: CodeframeVersion) -> dict[str, Any]:
    return {
        "version": version.number,
        "change": version.change,
        "created_at": version.created_at if version.pk else None,
        "codes": version.codes,
    }


def _job_out(job: CodingJob) -> dict[str, Any]:
    fields = ("id", "state", "progress", "answer_count", "error", "created_at", "finished_at")
    return {name: getattr(job, name) for name in fields}


def _answer_out(view: CodedAnswerView) -> dict[str, Any]:
    return {**view.__dict__, "codes": [c.__dict__ for c in view.codes]}


def _note_out(view: CodedNoteView) -> dict[str, Any]:
    return {**view.__dict__, "codes": [c.__dict__ for c in view.codes]}


def _input(payload: CodeIn) -> CodeInput:
    return CodeInput(
        label=payload.label,
        description=payload.description,
        examples=payload.examples,
        police_uk=payload.police_uk,
        keywords=tuple(payload.keywords or ()),
        keywords_given=payload.keywords is not None,
    )


@router.get(
    "/codeframe", response=CodeframeOut, summary="Your organisation's policing codeframe (newest version)"
)
def get_codeframe(request: StaffRequest) -> Any:
    return _codeframe_out(selectors.codeframe_for(user=request.user))


@router.get("/codeframe/versions", response=list[VersionOut], summary="Every version of the codeframe")
def list_codeframe_versions(request: StaffRequest) -> Any:
    return [
        {"version": v.number, "change": v.change, "created_at": v.created_at if v.pk else None}
        for v in selectors.versions_for(user=request.user)
    ]


@router.get(
    "/codeframe/versions/{int:number}/export",
    summary="A version of the codeframe as JSON (for heard-text assign) or CSV",
)
def export_codeframe(request: StaffRequest, number: int, format: str = "json") -> HttpResponse:
    version = selectors.version_get(user=request.user, number=number)
    if format not in ("json", "csv"):
        raise ValidationError({"format": "Choose json or csv."})
    body: str | bytes = codeframe_json(version) if format == "json" else codeframe_csv(version)
    kind = "application/json" if format == "json" else "text/csv"
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="policing-codeframe-v{number}.{format}"'
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="codeframe",
        object_id=str(number),
        object_repr=f"Policing codeframe version {number}",
        changes={"format": format},
        owner_organisation_id=request.user.organisation_id,
    )
    return response


@router.post("/codeframe/codes", response={201: CodeframeOut}, summary="Add a code: a new version")
def add_code(request: StaffRequest, payload: CodeIn) -> Any:
    return Reply(201, _codeframe_out(code_add(user=request.user, data=_input(payload))))


@router.put("/codeframe/codes/{code_id}", response=CodeframeOut, summary="Change a code: a new version")
def change_code(request: StaffRequest, code_id: str, payload: CodeIn) -> Any:
    require(request.user, "insight.change_codeframe")
    return _codeframe_out(code_change(user=request.user, code_id=code_id, data=_input(payload)))


@router.post(
    "/codeframe/codes/{code_id}/retire",
    response=CodeframeOut,
    summary="Retire a code (or, with retired false, use it again): a new version",
)
def retire_code(request: StaffRequest, code_id: str, payload: RetireIn) -> Any:
    return _codeframe_out(code_retire(user=request.user, code_id=code_id, retired=payload.retired))


@router.post(
    "/codeframe/recode", response={202: JobOut}, summary="Code every answer again, in the background"
)
def recode_answers(request: StaffRequest) -> Any:
    job = coding_job_create(user=request.user)
    return Reply(202, _job_out(job))


@router.get("/codeframe/jobs", response=list[JobOut], summary="The latest coding jobs and how far they got")
def list_coding_jobs(request: StaffRequest) -> Any:
    return [_job_out(job) for job in selectors.coding_jobs(user=request.user)]


@router.get("/coded-answers", response=list[CodedAnswerOut], summary="Written answers and their codes")
def list_coded_answers(request: StaffRequest, code: str = "", page: int = 1) -> Any:
    _, rows = selectors.coded_answers(user=request.user, code=code, page=page)
    return [_answer_out(view) for view in rows]


@router.get("/answers/{int:answer_id}/codes", response=CodedAnswerOut, summary="An answer's codes")
def get_answer_codes(request: StaffRequest, answer_id: int) -> Any:
    return _answer_out(selectors.answer_coded(user=request.user, pk=answer_id)[1])


@router.post(
    "/answers/{int:answer_id}/codes",
    response=CodedAnswerOut,
    summary="Correct an answer's codes: add or remove one (later coding learns from it)",
)
def correct_answer_code(request: StaffRequest, answer_id: int, payload: CorrectionIn) -> Any:
    answer, _ = selectors.answer_coded(user=request.user, pk=answer_id)
    answer_code_correct(user=request.user, answer=answer, code=payload.code, action=payload.action)
    return _answer_out(selectors.answer_coded(user=request.user, pk=answer_id)[1])


@router.get("/coded-notes", response=list[CodedNoteOut], summary="Meeting notes and their codes")
def list_coded_notes(request: StaffRequest, page: int = 1) -> Any:
    _, rows = selectors.coded_notes(user=request.user, page=page)
    return [_note_out(view) for view in rows]


@router.get(
    "/attendance/{int:attendance_id}/codes", response=CodedNoteOut, summary="A meeting's notes' codes"
)
def get_note_codes(request: StaffRequest, attendance_id: int) -> Any:
    return _note_out(selectors.note_coded(user=request.user, pk=attendance_id)[1])


@router.post(
    "/attendance/{int:attendance_id}/codes",
    response=CodedNoteOut,
    summary="Correct a meeting's notes' codes: add or remove one (later coding learns from it)",
)
def correct_note_code(request: StaffRequest, attendance_id: int, payload: CorrectionIn) -> Any:
    note, _ = selectors.note_coded(user=request.user, pk=attendance_id)
    note_code_correct(user=request.user, attendance=note, code=payload.code, action=payload.action)
    return _note_out(selectors.note_coded(user=request.user, pk=attendance_id)[1])


def _area_out(trend: CodeTrend) -> dict[str, Any]:
    return {
        "area": trend.area.code,
        "area_name": trend.area.name,
        "this_year": trend.this_year,
        "last_year": trend.last_year,
        "answers_this_year": trend.answers_this_year,
        "answers_last_year": trend.answers_last_year,
        "quarters": trend.quarters,
        "quarter_answers": trend.quarter_answers,
        "codes": [
            {
                "code": r.code,
                "label": r.label,
                "police_uk": r.police_uk,
                "last_year": r.last_year,
                "this_year": r.this_year,
                "last_share": r.last_share,
                "this_share": r.this_share,
                "change": r.change,
                "quarters": r.quarters,
            }
            for r in trend.rows
        ],
    }


@router.get(
    "/areas/{code}/policing-codes",
    response=AreaCodesOut,
    summary="A neighbourhood's policing codes: this year against last, and by quarter",
)
def get_area_codes(request: StaffRequest, code: str) -> Any:
    return _area_out(selectors.area_codes(user=request.user, code=code))
