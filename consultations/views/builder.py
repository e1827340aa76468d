"""Building questionnaires: details, questions (add, edit, reorder, remove, skip logic),
preview, publishing and new versions once people have answered."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from core.content_languages import LANGUAGE_NAMES
from core.lifecycle import TransitionConflict
from core.permissions import require
from governance.models import AuditEvent
from organisations.http import StaffRequest

from .. import equality, questions, selectors, services
from ..content_translation import answerable_languages
from ..forms import QuestionForm, QuestionnaireForm, apply_service_error
from ..models import Questionnaire, QuestionnaireState
from ..results import questions_of
from ._common import condition_text, window_status


@login_required
def questionnaire_list(request: StaffRequest, activity_pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=activity_pk)
    return render(
        request,
        "consultations/staff/questionnaire_list.html",
        {
            "activity": activity,
            "questionnaires": selectors.questionnaire_list(user=request.user, activity=activity),
            "can_change": request.user.has_perm("consultations.add_questionnaire", activity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_create(request: StaffRequest, activity_pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=activity_pk)
    require(request.user, "consultations.add_questionnaire", activity)
    form = QuestionnaireForm(request.POST or None, initial={"title": activity.title})
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(
                user=request.user, activity=activity, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("Questionnaire created. Now add its questions."))
            return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return render(
        request,
        "consultations/staff/questionnaire_form.html",
        {"form": form, "activity": activity, "questionnaire": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def questionnaire_detail(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    questions = questions_of(questionnaire)
    numbers = {q.pk: i for i, q in enumerate(questions, 1)}
    response_count = questionnaire.responses.count()
    can_change = request.user.has_perm("consultations.change_questionnaire", questionnaire)
    newer = selectors.newer_version(user=request.user, questionnaire=questionnaire)
    return render(
        request,
        "consultations/staff/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "rows": [
                {
                    "number": numbers[q.pk],
                    "question": q,
                    "condition": condition_text(q, numbers),
                    "last": i == len(questions) - 1,
                }
                for i, q in enumerate(questions)
            ],
            "response_count": response_count,
            "frozen": response_count > 0,
            "editable": can_change
            and response_count == 0
            and questionnaire.state != QuestionnaireState.SUPERSEDED,
            "can_change": can_change,
            "newer": newer,
            "status_text": window_status(questionnaire),
            "available_in": [LANGUAGE_NAMES[code] for code in answerable_languages(questionnaire)],
            "history": AuditEvent.objects.for_object(questionnaire)[:10] if can_change else [],
        },
    )


def _editable(request: StaffRequest, questionnaire: Questionnaire) -> HttpResponse | None:
    """Send the user back with a message when the questions are frozen."""
    require(request.user, "consultations.change_questionnaire", questionnaire)
    if questionnaire.state == QuestionnaireState.SUPERSEDED:
        messages.error(request, gettext("This version has been replaced: change the newest version instead."))
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    if questionnaire.has_responses:
        messages.error(
            request,
            gettext(
                "People have already answered this version, so it cannot be changed. Make a new version."
            ),
        )
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    if (refused := _editable(request, questionnaire)) is not None:
        return refused
    form = QuestionnaireForm.for_questionnaire(questionnaire, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questions.questionnaire_update(
                user=request.user, questionnaire=questionnaire, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return render(
        request,
        "consultations/staff/questionnaire_form.html",
        {"form": form, "activity": questionnaire.activity, "questionnaire": questionnaire},
        status=400 if form.is_bound else 200,
    )


def _question_page(
    request: StaffRequest, questionnaire: Questionnaire, form: QuestionForm, number: int, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "consultations/staff/question_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "number": number,
            **extra,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    if (refused := _editable(request, questionnaire)) is not None:
        return refused
    earlier = questions.questionnaire_question_inputs(questionnaire=questionnaire)
    form = QuestionForm(request.POST or None, earlier=earlier)
    if request.method == "POST" and form.is_valid():
        try:
            questions.question_add(user=request.user, questionnaire=questionnaire, question=form.to_input())
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("Question %(number)s added.") % {"number": len(earlier) + 1})
            if "another" in request.POST:
                return redirect("consultations:question_add", pk=questionnaire.pk)
            return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return _question_page(request, questionnaire, form, len(earlier) + 1, adding=True)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: StaffRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    questionnaire = question.questionnaire
    if (refused := _editable(request, questionnaire)) is not None:
        return refused
    inputs = questions.questionnaire_question_inputs(questionnaire=questionnaire)
    position = [q.pk for q in questions_of(questionnaire)].index(question.pk)
    earlier = inputs[:position]
    form = QuestionForm(
        request.POST or None, earlier=earlier, initial=QuestionForm.initial_from(inputs[position], earlier)
    )
    if request.method == "POST" and form.is_valid():
        try:
            questions.question_update(
                user=request.user, questionnaire=questionnaire, question=question, new=form.to_input()
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, gettext("Question %(number)s saved.") % {"number": position + 1})
            return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return _question_page(request, questionnaire, form, position + 1, question=question)


@login_required
@require_POST
def question_move(request: StaffRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    questionnaire = question.questionnaire
    if (refused := _editable(request, questionnaire)) is not None:
        return refused
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse(
            "Say whether to move the question up or down.", status=400, content_type="text/plain"
        )
    try:
        questions.question_move(
            user=request.user,
            questionnaire=questionnaire,
            question=question,
            by=-1 if direction == "up" else 1,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        moved = gettext("Question moved up.") if direction == "up" else gettext("Question moved down.")
        messages.success(request, moved)
    return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: StaffRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk)
    questionnaire = question.questionnaire
    if (refused := _editable(request, questionnaire)) is not None:
        return refused
    if request.method == "POST":
        try:
            questions.question_delete(user=request.user, questionnaire=questionnaire, question=question)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("Question removed."))
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return render(
        request,
        "consultations/staff/question_delete.html",
        {"question": question, "questionnaire": questionnaire, "activity": questionnaire.activity},
    )


@login_required
def questionnaire_preview(request: StaffRequest, pk: int) -> HttpResponse:
    """The questionnaire as respondents will see it, read-only, on one page."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    questions = questions_of(questionnaire)
    numbers = {q.pk: i for i, q in enumerate(questions, 1)}
    return render(
        request,
        "consultations/staff/questionnaire_preview.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "rows": [
                {"number": numbers[q.pk], "question": q, "condition": condition_text(q, numbers)}
                for q in questions
            ],
            "equality_questions": [
                {"name": name, "text": text, "choices": equality.choices_for(name)}
                for name, (text, _) in equality.QUESTIONS.items()
            ]
            if questionnaire.equality_monitoring
            else [],
        },
    )


@login_required
@require_POST
def questionnaire_publish(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "consultations.change_questionnaire", questionnaire)
    try:
        questionnaire = services.questionnaire_publish(user=request.user, questionnaire=questionnaire)
    except TransitionConflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Published. %(window)s") % {"window": window_status(questionnaire)})
    return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)


@login_required
@require_POST
def questionnaire_new_version(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "consultations.change_questionnaire", questionnaire)
    try:
        copy = services.questionnaire_new_version(user=request.user, questionnaire=questionnaire)
    except TransitionConflict as conflict:
        messages.error(request, conflict.message)
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    messages.success(
        request,
        gettext(
            "Version %(version)s is a draft copy: change it, then publish it to replace version %(previous)s."
        )
        % {"version": copy.version, "previous": questionnaire.version},
    )
    return redirect("consultations:questionnaire_detail", pk=copy.pk)
