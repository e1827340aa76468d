"""Results: counts, percentages and charts per question, the written answers with search
and filters, equality monitoring in totals only, and the exports. What they show comes from
`consultations.selectors`, shared with the API."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from governance.export_jobs import export_send
from governance.export_kinds import export_parameters
from organisations.http import StaffRequest

from .. import selectors
from ..forms import ResultsFilterForm
from ..hooks_exports import RESULTS
from ..models import Questionnaire
from ..result_filters import results_filter_form

TEXT_PREVIEW = 5


def _filter_form(request: StaffRequest, questionnaire: Questionnaire) -> ResultsFilterForm:
    return results_filter_form(user=request.user, questionnaire=questionnaire, data=request.GET)


def _query(request: StaffRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def results(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    form = _filter_form(request, questionnaire)
    shown = selectors.questionnaire_results(
        user=request.user, questionnaire=questionnaire, filters=form.filters(), previews=TEXT_PREVIEW
    )
    return render(
        request,
        "consultations/staff/results.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "form": form,
            "filters": shown.filters,
            "results": [
                {
                    "result": res,
                    "previews": shown.previews.get(res.id, []),
                    "matching": shown.matching.get(res.id, 0),
                }
                for res in shown.questions
            ],
            "matched": shown.responses,
            "total": shown.total_responses,
            "channels": shown.channels,
            "languages": shown.languages,
            "equality": shown.equality,
            "answers_readable": shown.answers_readable,
            "query": _query(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def text_answers(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    form = _filter_form(request, questionnaire)
    shown = selectors.text_answers(
        user=request.user,
        questionnaire=questionnaire,
        filters=form.filters(),
        question=request.GET.get("question"),
        page=request.GET.get("page"),
        per_page=settings.HEARD_PAGE_SIZE,
    )
    return render(
        request,
        "consultations/staff/text_answers.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "form": form,
            "filters": form.filters(),
            "question": shown.question,
            "text_questions": shown.text_questions,
            "page_obj": shown.page,
            "query": _query(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def results_export(
    request: StaffRequest, pk: int, part: str, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """`summary`: counts per question and equality totals. `responses`: one row per
    response (never with equality answers)."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    form = _filter_form(request, questionnaire)
    if form.errors:
        return HttpResponse(
            "The filter is not valid: " + form.errors.as_text(), status=400, content_type="text/plain"
        )
    parameters = export_parameters(
        file_format=file_format, query=request.GET.urlencode(), record=pk, part=part
    )
    return export_send(user=request.user, kind=RESULTS, parameters=parameters)
