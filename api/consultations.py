"""Questionnaires and their results over HTTP: the same services, checks and permission rules
as the staff pages. Equality answers are only ever returned as totals.

Offline capture (typed-in and imported responses, attendance, equality forms) is in
api/capture.py, which shares the helpers below."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from consultations import results as r
from consultations import services
from consultations.models import Channel, QuestionKind, Questionnaire
from engagement.models import Activity
from governance.exports import XLSX_MIME
from places.models import Area

from .consultation_schemas import (
    QuestionnaireIn,
    QuestionnaireOut,
    QuestionnairePatch,
    QuestionsIn,
    ResultFiltersIn,
    ResultsOut,
    TextAnswerOut,
)

router = Router(tags=["consultations"])


# Helpers (visible_*, require and equality_out are shared with api/capture.py)


def visible_activity(request: HttpRequest, pk: int) -> Activity:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    return get_object_or_404(Activity.private_objects.visible_to(request.user), pk=pk)


def visible_questionnaire(request: HttpRequest, pk: int) -> Questionnaire:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    return get_object_or_404(
        Questionnaire.private_objects.visible_to(request.user).select_related(
            "activity", "privacy_statement"
        ),
        pk=pk,
    )


def require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _fresh(questionnaire: Questionnaire) -> Questionnaire:
    return Questionnaire.private_objects.select_related("privacy_statement").get(pk=questionnaire.pk)


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


def equality_out(summary: r.EqualitySummary) -> dict[str, Any]:
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


# Questionnaires


@router.get("/activities/{int:activity_id}/questionnaires", response=list[QuestionnaireOut])
def list_questionnaires(request: HttpRequest, activity_id: int) -> Any:
    activity = visible_activity(request, activity_id)
    return Questionnaire.private_objects.filter(activity=activity).select_related(
        "activity", "privacy_statement"
    )


@router.post("/activities/{int:activity_id}/questionnaires", response={201: QuestionnaireOut})
def create_questionnaire(request: HttpRequest, activity_id: int, payload: QuestionnaireIn) -> Any:
    activity = visible_activity(request, activity_id)
    data = payload.dict(exclude={"questions"})
    questionnaire = services.questionnaire_create(
        user=request.user, activity=activity, questions=[q.to_input() for q in payload.questions], **data
    )
    return Reply(201, _fresh(questionnaire))


@router.get("/questionnaires/{int:questionnaire_id}", response=QuestionnaireOut)
def get_questionnaire(request: HttpRequest, questionnaire_id: int) -> Any:
    return visible_questionnaire(request, questionnaire_id)


@router.patch("/questionnaires/{int:questionnaire_id}", response=QuestionnaireOut)
def update_questionnaire(request: HttpRequest, questionnaire_id: int, payload: QuestionnairePatch) -> Any:
    """Change the title, introduction, privacy statement or equality section (refused once answered)."""
    questionnaire = visible_questionnaire(request, questionnaire_id)
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
    questionnaire = visible_questionnaire(request, questionnaire_id)
    services.questionnaire_replace_questions(
        user=request.user, questionnaire=questionnaire, questions=[q.to_input() for q in payload.questions]
    )
    return _fresh(questionnaire)


@router.post("/questionnaires/{int:questionnaire_id}/publish", response=QuestionnaireOut)
def publish_questionnaire(request: HttpRequest, questionnaire_id: int) -> Any:
    questionnaire = visible_questionnaire(request, questionnaire_id)
    return _fresh(services.questionnaire_publish(user=request.user, questionnaire=questionnaire))


@router.post("/questionnaires/{int:questionnaire_id}/versions", response={201: QuestionnaireOut})
def new_questionnaire_version(request: HttpRequest, questionnaire_id: int) -> Any:
    """A draft copy to change; publishing it replaces this version, whose answers stay."""
    questionnaire = visible_questionnaire(request, questionnaire_id)
    return Reply(
        201, _fresh(services.questionnaire_new_version(user=request.user, questionnaire=questionnaire))
    )


# Results


@router.get("/questionnaires/{int:questionnaire_id}/results", response=ResultsOut)
def get_results(request: HttpRequest, questionnaire_id: int, filters: Query[ResultFiltersIn]) -> Any:
    """Counts and percentages per question (filtered); equality totals for every response."""
    questionnaire = visible_questionnaire(request, questionnaire_id)
    require(request, "consultations.view_results", questionnaire)
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
        "equality": equality_out(r.questionnaire_equality(questionnaire)),
    }


@router.get("/questionnaires/{int:questionnaire_id}/answers", response=list[TextAnswerOut])
@paginate(PageNumberPagination)
def list_text_answers(
    request: HttpRequest, questionnaire_id: int, filters: Query[ResultFiltersIn], question: int | None = None
) -> Any:
    """Written (free-text) answers, newest first, with search and filters."""
    questionnaire = visible_questionnaire(request, questionnaire_id)
    require(request, "consultations.view_results", questionnaire)
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
    questionnaire = visible_questionnaire(request, questionnaire_id)
    require(request, "consultations.export_results", questionnaire)
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
