"""Questionnaires and their results over HTTP: thin adapters over the same selectors, services
and permission rules as the staff pages. Equality answers are only ever returned as totals;
written answers reach readers outside the leading organisation redacted.

Offline capture (typed-in and imported responses, attendance, equality forms) is in
api/capture.py."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext
from ninja import Query, Router
from ninja.responses import Status as Reply

from consultations import questions, selectors, services
from consultations.models import Questionnaire
from consultations.results import ResultFilters
from engagement.access import BY_CODE
from organisations.http import StaffRequest
from places.models import Area

from .consultation_schemas import (
    QuestionnaireIn,
    QuestionnaireOut,
    QuestionnairePatch,
    QuestionsIn,
    ResponseOut,
    ResultFiltersIn,
    ResultsOut,
    TextAnswersOut,
)

router = Router(tags=["consultations"])


def _fresh(request: StaffRequest, questionnaire: Questionnaire) -> Questionnaire:
    return selectors.questionnaire_get(user=request.user, pk=questionnaire.pk)


def _filters(given: ResultFiltersIn) -> ResultFilters:
    area = None
    if given.area:
        area = Area.objects.filter(code=given.area).first()
        if area is None:
            raise ValidationError({"area": gettext("Unknown area: %(code)s.") % {"code": given.area}})
    if given.language and given.language not in BY_CODE:
        raise ValidationError(
            {
                "language": gettext("Unknown language: %(code)s. See GET /api/languages.")
                % {"code": given.language}
            }
        )
    if given.date_from and given.date_to and given.date_from > given.date_to:
        raise ValidationError({"date_to": "The end date must be on or after the start date."})
    return ResultFilters(
        area=area,
        channel=given.channel.value if given.channel else "",
        language=given.language or "",
        date_from=given.date_from,
        date_to=given.date_to,
        search=(given.q or "").strip(),
    )


# Questionnaires


@router.get("/activities/{int:activity_id}/questionnaires", response=list[QuestionnaireOut])
def list_questionnaires(request: StaffRequest, activity_id: int) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    return selectors.questionnaire_list(user=request.user, activity=activity)


@router.post("/activities/{int:activity_id}/questionnaires", response={201: QuestionnaireOut})
def create_questionnaire(request: StaffRequest, activity_id: int, payload: QuestionnaireIn) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    data = payload.dict(exclude={"questions"})
    questionnaire = services.questionnaire_create(
        user=request.user, activity=activity, questions=[q.to_input() for q in payload.questions], **data
    )
    return Reply(201, _fresh(request, questionnaire))


@router.get("/questionnaires/{int:questionnaire_id}", response=QuestionnaireOut)
def get_questionnaire(request: StaffRequest, questionnaire_id: int) -> Any:
    return selectors.questionnaire_get(user=request.user, pk=questionnaire_id)


@router.patch("/questionnaires/{int:questionnaire_id}", response=QuestionnaireOut)
def update_questionnaire(request: StaffRequest, questionnaire_id: int, payload: QuestionnairePatch) -> Any:
    """Change the title, introduction, privacy statement or equality section (refused once answered)."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    changes = payload.dict(exclude_unset=True)
    merged = {
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "privacy_text": questionnaire.privacy_statement.text,
        "equality_monitoring": questionnaire.equality_monitoring,
        **{k: v for k, v in changes.items() if v is not None},
    }
    questions.questionnaire_update(user=request.user, questionnaire=questionnaire, **merged)
    return _fresh(request, questionnaire)


@router.put("/questionnaires/{int:questionnaire_id}/questions", response=QuestionnaireOut)
def replace_questions(request: StaffRequest, questionnaire_id: int, payload: QuestionsIn) -> Any:
    """Rewrite every question (refused with 422 once anyone has answered: make a new version)."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    questions.questionnaire_replace_questions(
        user=request.user, questionnaire=questionnaire, questions=[q.to_input() for q in payload.questions]
    )
    return _fresh(request, questionnaire)


@router.post("/questionnaires/{int:questionnaire_id}/publish", response=QuestionnaireOut)
def publish_questionnaire(request: StaffRequest, questionnaire_id: int) -> Any:
    """Make a draft live (replacing the version it was made from). 409 when somebody else
    published or replaced it meanwhile."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    published = services.questionnaire_publish(user=request.user, questionnaire=questionnaire)
    return _fresh(request, published)


@router.post("/questionnaires/{int:questionnaire_id}/versions", response={201: QuestionnaireOut})
def new_questionnaire_version(request: StaffRequest, questionnaire_id: int) -> Any:
    """A draft copy to change; publishing it replaces this version, whose answers stay."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    copy = services.questionnaire_new_version(user=request.user, questionnaire=questionnaire)
    return Reply(201, _fresh(request, copy))


# Results


@router.get("/questionnaires/{int:questionnaire_id}/results", response=ResultsOut)
def get_results(request: StaffRequest, questionnaire_id: int, filters: Query[ResultFiltersIn]) -> Any:
    """Counts and percentages per question (filtered); equality totals for every response."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    return selectors.questionnaire_results(
        user=request.user, questionnaire=questionnaire, filters=_filters(filters)
    )


@router.get("/questionnaires/{int:questionnaire_id}/answers", response=TextAnswersOut)
def list_text_answers(
    request: StaffRequest,
    questionnaire_id: int,
    filters: Query[ResultFiltersIn],
    question: int | None = None,
    page: int = 1,
) -> Any:
    """Written (free-text) answers, newest first, with filters; redacted for readers outside
    the organisation leading the activity, who may not search them (422)."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    if page < 1:
        raise ValidationError({"page": "Pages are numbered from 1."})
    shown = selectors.text_answers(
        user=request.user,
        questionnaire=questionnaire,
        filters=_filters(filters),
        question=question,
        page=page,
        per_page=settings.NINJA_PAGINATION_PER_PAGE,
        past_the_end="empty",
        where="API",
    )
    return {"items": shown.page.object_list, "count": shown.page.paginator.count}


@router.get("/responses/{int:response_id}", response=ResponseOut)
def get_response(request: StaffRequest, response_id: int) -> Any:
    """One response: every answer in question order (written answers and the postcode redacted
    for readers outside the organisation leading the activity), how and when it came in, its
    marking and the responses received before and after it. Never its equality answers (they
    are only ever totals). For whoever may read the written answers; recorded in the audit log."""
    return selectors.response_detail(user=request.user, pk=response_id, where="API")


@router.get(
    "/questionnaires/{int:questionnaire_id}/results/export",
    response={200: None},
    summary="Export results as CSV or XLSX (equality data in totals only)",
)
def export_results(
    request: StaffRequest,
    questionnaire_id: int,
    filters: Query[ResultFiltersIn],
    part: str = "summary",
    format: str = "csv",
) -> HttpResponse | StreamingHttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    return selectors.results_export(
        user=request.user,
        questionnaire=questionnaire,
        filters=_filters(filters),
        part=part,
        file_format=format,
        query=request.GET.urlencode(),
    )
