"""Results: counts, percentages and charts per question, the written answers with search
and filters, equality monitoring in totals only, and the exports."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from governance.exports import XLSX_MIME
from organisations.http import StaffRequest
from places.models import Area

from .. import results as r
from ..forms import ResultsFilterForm
from ..models import Answer, QuestionKind, Questionnaire, Response
from ._common import download, questions_of, require, visible_questionnaire

TEXT_PREVIEW = 5


def _filter_form(request: StaffRequest, questionnaire: Questionnaire) -> ResultsFilterForm:
    areas = Area.objects.filter(
        Q(pk__in=Response.objects.filter(questionnaire=questionnaire).values("area"))
        | Q(pk__in=questionnaire.activity.areas.values("pk"))
    ).order_by("name")
    data = {k: v for k, v in request.GET.items() if k != "page"}
    return ResultsFilterForm(data or None, areas=areas)


def _query(request: StaffRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def results(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = visible_questionnaire(request, pk)
    require(request, "consultations.view_results", questionnaire)
    form = _filter_form(request, questionnaire)
    filters = form.filters()
    questions = questions_of(questionnaire)
    responses = r.responses_filtered(questionnaire, filters)
    question_results = r.question_results(questionnaire, responses, questions=questions)
    text_ids = [q.pk for q in questions if q.kind == QuestionKind.TEXT]
    previews: dict[int, list[Answer]] = {pk: [] for pk in text_ids}
    if text_ids:
        latest = (
            r.text_answers(questionnaire, filters)
            .annotate(
                row=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    order_by=[F("response__submitted_at").desc(), F("id").desc()],
                )
            )
            .filter(row__lte=TEXT_PREVIEW)
        )
        for answer in latest:
            previews[answer.question_id].append(answer)
        matching = dict(
            r.text_answers(questionnaire, filters)
            .values_list("question_id")
            .annotate(n=Count("id"))
            .order_by()
        )
    else:
        matching = {}
    total = Response.objects.filter(questionnaire=questionnaire).count()
    return render(
        request,
        "consultations/staff/results.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "form": form,
            "filters": filters,
            "results": [
                {
                    "result": res,
                    "previews": previews.get(res.question.pk, []),
                    "matching": matching.get(res.question.pk, 0),
                }
                for res in question_results
            ],
            "matched": question_results[0].total if question_results else responses.count(),
            "total": total,
            "channels": r.channel_counts(responses),
            "equality": r.questionnaire_equality(questionnaire),
            "suppress_below": r.SUPPRESS_BELOW,
            "query": _query(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def text_answers(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = visible_questionnaire(request, pk)
    require(request, "consultations.view_results", questionnaire)
    form = _filter_form(request, questionnaire)
    filters = form.filters()
    text_questions = [q for q in questions_of(questionnaire) if q.kind == QuestionKind.TEXT]
    question = None
    if request.GET.get("question"):
        try:
            wanted = int(request.GET["question"])
        except ValueError:
            wanted = 0
        question = get_object_or_404(questionnaire.questions.filter(kind=QuestionKind.TEXT), pk=wanted)
    answers = r.text_answers(questionnaire, filters, question=question)
    page = Paginator(answers, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/staff/text_answers.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "form": form,
            "filters": filters,
            "question": question,
            "text_questions": text_questions,
            "page_obj": page,
            "query": _query(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def results_export(request: StaffRequest, pk: int, part: str, file_format: str) -> HttpResponse:
    """`summary`: counts per question and equality totals. `responses`: one row per
    response (never with equality answers)."""
    questionnaire = visible_questionnaire(request, pk)
    require(request, "consultations.export_results", questionnaire)
    form = _filter_form(request, questionnaire)
    if form.errors:
        return HttpResponse(
            "The filter is not valid: " + form.errors.as_text(), status=400, content_type="text/plain"
        )
    responses = r.responses_filtered(questionnaire, form.filters())
    body, count = r.export_body(questionnaire, responses, part=part, file_format=file_format)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    filename = f"heard-questionnaire-{questionnaire.pk}-{part}-{stamp}.{file_format}"
    r.results_exported(
        user=request.user,
        questionnaire=questionnaire,
        part=part,
        file_format=file_format,
        rows=count,
        query=request.GET.urlencode(),
    )
    content_type = XLSX_MIME if file_format == "xlsx" else "text/csv; charset=utf-8"
    return download(body, content_type, filename)
