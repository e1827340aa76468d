"""Questionnaires, offline capture and results over HTTP: the same services, checks and
permission rules as the staff pages. Equality answers are only ever returned as totals."""

import json
from datetime import datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from consultations import attendance as attendance_services
from consultations import equality as equality_categories
from consultations import imports, services
from consultations import results as r
from consultations.answers import clean_answers, clean_equality
from consultations.models import (
    Attendance,
    Channel,
    QuestionKind,
    Questionnaire,
)
from engagement.models import Activity
from governance.exports import XLSX_MIME
from places.models import Area, Audience

from .consultation_schemas import (
    AttendanceIn,
    AttendanceOut,
    EqualityFormCreated,
    EqualityFormIn,
    EqualityOut,
    ImportOut,
    ImportRejectedOut,
    QuestionnaireIn,
    QuestionnaireOut,
    QuestionnairePatch,
    QuestionsIn,
    ResponseCreated,
    ResponseIn,
    ResultFiltersIn,
    ResultsOut,
    TextAnswerOut,
)

router = Router(tags=["consultations"])


# Helpers


def _visible_activity(request: HttpRequest, pk: int) -> Activity:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    return get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)


def _visible_questionnaire(request: HttpRequest, pk: int) -> Questionnaire:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    return get_object_or_404(
        Questionnaire.objects.visible_to(request.user).select_related("activity", "privacy_statement"), pk=pk
    )


def _visible_attendance(request: HttpRequest, pk: int) -> Attendance:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    return get_object_or_404(
        Attendance.objects.filter(activity__in=Activity.objects.visible_to(request.user).values("pk"))
        .select_related("activity")
        .prefetch_related("counts__audience"),
        pk=pk,
    )


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _fresh(questionnaire: Questionnaire) -> Questionnaire:
    return Questionnaire.objects.select_related("privacy_statement").get(pk=questionnaire.pk)


def _filters(questionnaire: Questionnaire, given: ResultFiltersIn) -> r.ResultFilters:
    area = None
    if given.area:
        area = Area.objects.filter(code=given.area).first()
        if area is None:
            raise ValidationError({"area": f"Unknown area: {given.area}."})
    if given.date_from and given.date_to and given.date_from > given.date_to:
        raise ValidationError({"date_to": "The end date must be on or after the start date."})
    return r.ResultFilters(
        area=area,
        channel=given.channel.value if given.channel else "",
        date_from=given.date_from,
        date_to=given.date_to,
        search=(given.q or "").strip(),
    )


def _equality_out(summary: r.EqualitySummary) -> dict[str, Any]:
    return {
        "total": summary.total,
        "suppressed_below": r.SUPPRESS_BELOW,
        "tables": [
            {
                "field": t.field,
                "question": t.question,
                "cells": [
                    {"label": c.label, "count": c.count, "shown": c.shown, "percent": c.percent}
                    for c in t.cells
                ],
            }
            for t in summary.tables
        ],
    }


def _counts(given: dict[str, int]) -> dict[Audience, int]:
    audiences = {a.slug: a for a in Audience.objects.filter(slug__in=list(given))}
    missing = [slug for slug in given if slug not in audiences]
    if missing:
        raise ValidationError({"counts": f"Unknown audiences: {', '.join(missing)}."})
    return {audiences[slug]: n for slug, n in given.items()}


# Questionnaires


@router.get("/activities/{int:activity_id}/questionnaires", response=list[QuestionnaireOut])
def list_questionnaires(request: HttpRequest, activity_id: int) -> Any:
    activity = _visible_activity(request, activity_id)
    return Questionnaire.objects.filter(activity=activity).select_related("activity", "privacy_statement")


@router.post("/activities/{int:activity_id}/questionnaires", response={201: QuestionnaireOut})
def create_questionnaire(request: HttpRequest, activity_id: int, payload: QuestionnaireIn) -> Any:
    activity = _visible_activity(request, activity_id)
    data = payload.dict(exclude={"questions"})
    questionnaire = services.questionnaire_create(
        user=request.user, activity=activity, questions=[q.to_input() for q in payload.questions], **data
    )
    return Reply(201, _fresh(questionnaire))


@router.get("/questionnaires/{int:questionnaire_id}", response=QuestionnaireOut)
def get_questionnaire(request: HttpRequest, questionnaire_id: int) -> Any:
    return _visible_questionnaire(request, questionnaire_id)


@router.patch("/questionnaires/{int:questionnaire_id}", response=QuestionnaireOut)
def update_questionnaire(request: HttpRequest, questionnaire_id: int, payload: QuestionnairePatch) -> Any:
    """Change the title, introduction, privacy statement or equality section (refused once answered)."""
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    changes = payload.dict(exclude_unset=True)
    merged = {
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "privacy_text": questionnaire.privacy_statement.text,
        "equality_monitoring": questionnaire.equality_monitoring,
        **{k: v for k, v in changes.items() if v is not None},
    }
    services.questionnaire_update(user=request.user, questionnaire=questionnaire, **merged)
    return _fresh(questionnaire)


@router.put("/questionnaires/{int:questionnaire_id}/questions", response=QuestionnaireOut)
def replace_questions(request: HttpRequest, questionnaire_id: int, payload: QuestionsIn) -> Any:
    """Rewrite every question (refused with 422 once anyone has answered: make a new version)."""
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    services.questionnaire_replace_questions(
        user=request.user, questionnaire=questionnaire, questions=[q.to_input() for q in payload.questions]
    )
    return _fresh(questionnaire)


@router.post("/questionnaires/{int:questionnaire_id}/publish", response=QuestionnaireOut)
def publish_questionnaire(request: HttpRequest, questionnaire_id: int) -> Any:
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    return _fresh(services.questionnaire_publish(user=request.user, questionnaire=questionnaire))


@router.post("/questionnaires/{int:questionnaire_id}/versions", response={201: QuestionnaireOut})
def new_questionnaire_version(request: HttpRequest, questionnaire_id: int) -> Any:
    """A draft copy to change; publishing it replaces this version, whose answers stay."""
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    return Reply(
        201, _fresh(services.questionnaire_new_version(user=request.user, questionnaire=questionnaire))
    )


# Offline capture


@router.post(
    "/questionnaires/{int:questionnaire_id}/responses",
    response={201: ResponseCreated},
    summary="Type in a paper, event or phone response",
)
def enter_response(request: HttpRequest, questionnaire_id: int, payload: ResponseIn) -> Any:
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    _require(request, "consultations.enter_responses", questionnaire)
    if payload.channel == Channel.WEB:
        raise ValidationError(
            {"channel": "Choose paper, event or phone: online responses come from the website."}
        )
    known = set(questionnaire.questions.values_list("pk", flat=True))
    unknown = [str(k) for k in payload.answers if k not in known]
    if unknown:
        raise ValidationError({"answers": f"Not questions of this questionnaire: {', '.join(unknown)}."})
    raw = {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in payload.answers.items()}
    cleaned = clean_answers(questionnaire, raw)
    equality, equality_errors = clean_equality(payload.equality)
    unknown_fields = set(payload.equality) - set(equality_categories.QUESTIONS)
    if unknown_fields:
        equality_errors.update(dict.fromkeys(unknown_fields, "Not an equality-monitoring question."))
    if cleaned.errors or equality_errors:
        errors: dict[str, list[str]] = {f"answers.{k}": [v] for k, v in cleaned.errors.items()}
        errors.update({f"equality.{k}": [v] for k, v in equality_errors.items()})
        raise ValidationError(errors)
    submitted_at = (
        timezone.make_aware(datetime.combine(payload.received_on, time(12))) if payload.received_on else None
    )
    response, code = services.response_enter(
        user=request.user,
        questionnaire=questionnaire,
        cleaned=cleaned,
        channel=payload.channel,
        equality=equality,
        submitted_at=submitted_at,
    )
    return Reply(201, {"id": response.pk, "receipt_code": code})


@router.post(
    "/questionnaires/{int:questionnaire_id}/import",
    response={201: ImportOut, 422: ImportRejectedOut},
    summary="Import responses from a CSV or XLSX file, all or nothing",
)
def import_responses(
    request: HttpRequest,
    questionnaire_id: int,
    file: File[UploadedFile | None] = None,
    channel: Form[str] = "paper",
    encoding: Form[str] = "utf-8",
    mapping: Form[str] = "",
) -> Any:
    """Every row is checked with the same rules as every other channel. If any row has a
    problem, nothing is stored and the 422 lists every problem with its line number.

    `mapping` is a JSON object: column header → `q<question id>`, `date`, `eq:<equality field>`
    or `""` to leave the column out. Columns it does not name are matched from their headers."""
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    _require(request, "consultations.enter_responses", questionnaire)
    if file is None:
        raise ValidationError({"file": "Attach the CSV or XLSX file as `file` (multipart/form-data)."})
    if file.size and file.size > imports.MAX_BYTES:
        raise ValidationError({"file": "The file is larger than 5 MB: split it into smaller files."})
    try:
        table = imports.read_table(file.read(), name=file.name or "upload", encoding=encoding)
    except imports.ImportFileError as error:
        raise ValidationError({"file": str(error)}) from error
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))
    chosen = imports.suggest_mapping(questionnaire, questions, table.headers)
    if mapping:
        try:
            given = json.loads(mapping)
        except json.JSONDecodeError as error:
            raise ValidationError({"mapping": "Give the mapping as a JSON object."}) from error
        if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
            raise ValidationError({"mapping": "Give the mapping as a JSON object of header → target."})
        unknown = [h for h in given if h not in table.headers]
        if unknown:
            raise ValidationError({"mapping": f"Not columns of the file: {', '.join(unknown)}."})
        chosen = [given.get(header, chosen[i]) for i, header in enumerate(table.headers)]
    try:
        summary = imports.responses_import(
            user=request.user, questionnaire=questionnaire, table=table, mapping=chosen, channel=channel
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
    return Reply(
        201,
        {
            "imported": summary.imported,
            "blank_lines": summary.blank_lines,
            "hidden_answers": summary.hidden_answers,
            "message": summary.message,
        },
    )


@router.get("/activities/{int:activity_id}/attendance", response=list[AttendanceOut])
def list_attendance(request: HttpRequest, activity_id: int) -> Any:
    activity = _visible_activity(request, activity_id)
    return Attendance.objects.filter(activity=activity).prefetch_related("counts__audience")


@router.post("/activities/{int:activity_id}/attendance", response={201: AttendanceOut})
def create_attendance(request: HttpRequest, activity_id: int, payload: AttendanceIn) -> Any:
    activity = _visible_activity(request, activity_id)
    attendance = attendance_services.attendance_create(
        user=request.user,
        activity=activity,
        held_on=payload.held_on,
        head_count=payload.head_count,
        is_estimate=payload.is_estimate,
        notes=payload.notes,
        counts=_counts(payload.counts),
    )
    return Reply(201, Attendance.objects.prefetch_related("counts__audience").get(pk=attendance.pk))


@router.get("/attendance/{int:attendance_id}", response=AttendanceOut)
def get_attendance(request: HttpRequest, attendance_id: int) -> Any:
    return _visible_attendance(request, attendance_id)


@router.put("/attendance/{int:attendance_id}", response=AttendanceOut)
def update_attendance(request: HttpRequest, attendance_id: int, payload: AttendanceIn) -> Any:
    attendance = _visible_attendance(request, attendance_id)
    attendance_services.attendance_update(
        user=request.user,
        attendance=attendance,
        held_on=payload.held_on,
        head_count=payload.head_count,
        is_estimate=payload.is_estimate,
        notes=payload.notes,
        counts=_counts(payload.counts),
    )
    return Attendance.objects.prefetch_related("counts__audience").get(pk=attendance.pk)


@router.delete("/attendance/{int:attendance_id}", response={204: None})
def delete_attendance(request: HttpRequest, attendance_id: int) -> Any:
    attendance_services.attendance_delete(
        user=request.user, attendance=_visible_attendance(request, attendance_id)
    )
    return Reply(204, None)


@router.post(
    "/activities/{int:activity_id}/equality-forms",
    response={201: EqualityFormCreated},
    summary="Enter one anonymous paper equality-monitoring form",
)
def enter_equality_form(request: HttpRequest, activity_id: int, payload: EqualityFormIn) -> Any:
    """Stored on its own, linked to nobody; never returned one by one, only in totals."""
    activity = _visible_activity(request, activity_id)
    unknown = set(payload.answers) - set(equality_categories.QUESTIONS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "Not an equality-monitoring question."))
    attendance_services.equality_record_create(
        user=request.user,
        activity=activity,
        channel=payload.channel,
        answers=payload.answers,
        recorded_on=payload.recorded_on,
    )
    return Reply(201, {"forms_for_activity": activity.equality_records.count()})


@router.get("/activities/{int:activity_id}/equality", response=EqualityOut)
def get_activity_equality(request: HttpRequest, activity_id: int) -> Any:
    """Equality-monitoring totals for the activity (every channel), small numbers suppressed."""
    return _equality_out(r.activity_equality(_visible_activity(request, activity_id)))


# Results


@router.get("/questionnaires/{int:questionnaire_id}/results", response=ResultsOut)
def get_results(request: HttpRequest, questionnaire_id: int, filters: Query[ResultFiltersIn]) -> Any:
    """Counts and percentages per question (filtered); equality totals for every response."""
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    _require(request, "consultations.view_results", questionnaire)
    responses = r.responses_filtered(questionnaire, _filters(questionnaire, filters))
    results = r.question_results(questionnaire, responses)
    return {
        "responses": responses.count(),
        "total_responses": questionnaire.responses.count(),
        "by_channel": {
            value: n for (value, _), (_, n) in zip(Channel.choices, r.channel_counts(responses), strict=True)
        },
        "questions": [
            {
                "id": res.question.pk,
                "number": res.number,
                "kind": res.question.kind,
                "text": res.question.text,
                "asked": res.asked,
                "answered": res.answered,
                "skipped": res.skipped,
                "not_asked": res.not_asked,
                "options": [
                    {
                        "label": o.label,
                        "count": o.count,
                        "percent": o.percent,
                        "first": o.first,
                        "mean_rank": o.mean_rank,
                    }
                    for o in res.options
                ],
            }
            for res in results
        ],
        "equality": _equality_out(r.questionnaire_equality(questionnaire)),
    }


@router.get("/questionnaires/{int:questionnaire_id}/answers", response=list[TextAnswerOut])
@paginate(PageNumberPagination)
def list_text_answers(
    request: HttpRequest, questionnaire_id: int, filters: Query[ResultFiltersIn], question: int | None = None
) -> Any:
    """Written (free-text) answers, newest first, with search and filters."""
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    _require(request, "consultations.view_results", questionnaire)
    only = None
    if question is not None:
        only = get_object_or_404(questionnaire.questions.filter(kind=QuestionKind.TEXT), pk=question)
    answers = r.text_answers(questionnaire, _filters(questionnaire, filters), question=only)
    return [
        {
            "question": a.question_id,
            "text": a.text,
            "submitted_at": a.response.submitted_at,
            "channel": a.response.channel,
            "area": a.response.area.code if a.response.area else None,
        }
        for a in answers
    ]


@router.get(
    "/questionnaires/{int:questionnaire_id}/results/export",
    response={200: None},
    summary="Export results as CSV or XLSX (equality data in totals only)",
)
def export_results(
    request: HttpRequest,
    questionnaire_id: int,
    filters: Query[ResultFiltersIn],
    part: str = "summary",
    format: str = "csv",
) -> HttpResponse:
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    _require(request, "consultations.export_results", questionnaire)
    if format not in ("csv", "xlsx"):
        raise ValidationError({"format": "Choose csv or xlsx."})
    if part not in ("summary", "responses"):
        raise ValidationError({"part": "Choose summary or responses."})
    responses = r.responses_filtered(questionnaire, _filters(questionnaire, filters))
    body, count = r.export_body(questionnaire, responses, part=part, file_format=format)
    r.results_exported(
        user=request.user,
        questionnaire=questionnaire,
        part=part,
        file_format=format,
        rows=count,
        query=request.GET.urlencode(),
    )
    response = HttpResponse(body, content_type=XLSX_MIME if format == "xlsx" else "text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = (
        f'attachment; filename="heard-questionnaire-{questionnaire.pk}-{part}-{stamp}.{format}"'
    )
    return response
