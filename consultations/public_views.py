"""Answering a consultation online, and withdrawing a response. No login.

The journey (GOV.UK "one thing per page"):

    start page (what it is, when it closes, the privacy notice) -> "Start now"
    -> one page per question, skip logic applied -> check your answers (change links)
    -> equality monitoring, optional (when the questionnaire has it)
    -> send (optional e-mail opt-in) -> confirmation with the receipt code, shown once

Nothing is stored until "Send": answers in progress live in the server-side session, keyed
by questionnaire. Every page reads the questionnaire through `Questionnaire.public_objects`
(404 otherwise); a closed consultation shows why and accepts nothing. Answers are checked by
`clean_answers`, the same rules as every other channel. Integrity measures: integrity.py.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.content_languages import LANGUAGE_NAMES, content
from core.page_cache import cached_public_page
from engagement.access import normalise_language

from . import integrity
from .answers import CleanedResponse, clean_answers, clean_equality
from .content_translation import answerable_languages
from .emails import send_response_confirmation
from .models import CHOICE_KINDS, Question, QuestionKind
from .public_flow import (
    TEMPLATES,
    Flow,
    already_page,
    closed_page,
    consented_at,
    flow_view,
    fresh_send_form,
    load_progress,
    post_problem,
    problem_page,
    public_questionnaire_or_404,
    save_progress,
    send_page,
    send_refusal,
    session_key,
)
from .public_flow import csrf_failure as csrf_failure  # CSRF_FAILURE_VIEW names it here
from .public_forms import EqualityForm, QuestionForm, SendForm, WithdrawForm
from .services import AlreadyResponded, NotAccepting, response_submit, response_withdraw

# --- the start page -----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@cached_public_page(personal_cookies=(integrity.BROWSER_COOKIE,))
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """What the consultation is about, its response window and the consent and privacy
    statement, with "Start now". To a browser without a consultation cookie the page is the
    same for everyone (bar its CSRF token), and comes from the shared cache."""
    questionnaire = public_questionnaire_or_404(pk)
    token = integrity.browser_token(request)
    if request.method == "POST":
        return _start_now(request, pk)
    if not questionnaire.is_accepting_responses():
        return closed_page(request, questionnaire)
    if token and integrity.already_responded(questionnaire, token):
        return already_page(request, questionnaire)
    progress = load_progress(request, questionnaire)
    return render(
        request,
        TEMPLATES + "start.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "statement": questionnaire.privacy_statement,
            "question_count": questionnaire.questions.count(),
            "in_progress": bool(progress and progress.get("answers")),
            "answer_languages": [LANGUAGE_NAMES[code] for code in answerable_languages(questionnaire)],
        },
    )


@flow_view(needs_progress=False)
def _start_now(request: HttpRequest, flow: Flow) -> HttpResponse:
    """Record consent and go to the first question. A browser gets its token (one response per
    browser) here, when it starts answering, not when it only looks at the page. One that
    refuses cookies never gets this far: the CSRF check says so."""
    progress = flow.progress
    now = timezone.now()
    progress.setdefault("started", time.time())
    progress.setdefault("answers", {})
    progress.setdefault("equality", {})
    progress["consent"] = {"statement": flow.questionnaire.privacy_statement_id, "at": now.isoformat()}
    save_progress(request, flow.questionnaire, progress)
    following = flow.first_unseen()
    response = redirect(flow.question_url(following) if following is not None else flow.url("check"))
    if flow.token is None:
        integrity.set_browser_token(response, integrity.new_browser_token())
    return response


# --- one page per question ------------------------------------------------------------------


def _question_context(flow: Flow, question: Question, form: QuestionForm, change: bool) -> dict[str, Any]:
    visible = flow.visible()
    earlier = [q for q in visible if flow.number(q) < flow.number(question)]
    back = flow.url("check") if change else (flow.question_url(earlier[-1]) if earlier else flow.url("start"))
    return {
        "questionnaire": flow.questionnaire,
        "question": question,
        "form": form,
        "change": change,
        "back_url": back,
        "number": flow.number(question),
    }


@flow_view()
def question(request: HttpRequest, flow: Flow, number: int) -> HttpResponse:
    if not 1 <= number <= len(flow.questions):
        raise Http404("No such question")
    current = flow.questions[number - 1]
    change = request.GET.get("change") == "1"
    if current not in flow.visible():
        # Skipped because of an earlier answer: go on to the next question that applies.
        later = [q for q in flow.visible() if flow.number(q) > number]
        return redirect(flow.question_url(later[0]) if later else flow.after_questions_url())
    if request.method != "POST":
        form = QuestionForm(current, initial_values=flow.answers.get(str(current.pk), []))
        return render(request, TEMPLATES + "question.html", _question_context(flow, current, form, change))

    form = QuestionForm(current, data=request.POST)
    if request.POST.get("question") != str(current.pk):
        return problem_page(
            request,
            status=400,
            title=_("This page was out of date"),
            message=_(
                "The question changed since the page was opened. Go back to the question and answer it again."
            ),
            questionnaire=flow.questionnaire,
        )
    values, problem = form.values()
    if not problem:
        cleaned = clean_answers(flow.questionnaire, flow.raw({current.pk: values}))
        problem = cleaned.errors.get(current.pk, "")
    if problem:
        form.set_error(problem)
        return render(
            request, TEMPLATES + "question.html", _question_context(flow, current, form, change), status=400
        )
    flow.answers[str(current.pk)] = values
    flow._visible = None
    save_progress(request, flow.questionnaire, flow.progress)
    later = [q for q in flow.visible() if flow.number(q) > number]
    if change:
        # Back to the check page, unless the new answer opened a question not yet seen.
        following = next((q for q in later if not flow.seen(q)), None)
        return redirect(flow.question_url(following, change=True) if following else flow.url("check"))
    return redirect(flow.question_url(later[0]) if later else flow.after_questions_url())


# --- check your answers ---------------------------------------------------------------------


def _display(question: Question, values: list[str], cleaned: CleanedResponse) -> dict[str, Any]:
    labels = {str(c.pk): content(c, "label") for c in question.choices.all()}
    if question.kind == QuestionKind.RANKING:
        return {"ranked": [labels.get(v, v) for v in values]}
    if question.kind == QuestionKind.MULTIPLE:
        return {"chosen": [labels.get(v, v) for v in values]}
    if question.kind in CHOICE_KINDS:
        return {"text": labels.get(values[0], values[0]) if values else ""}
    if question.kind == QuestionKind.WHERE:
        found = next((a for a in cleaned.answers if a.question.pk == question.pk), None)
        return {"text": found.text if found else (values[0] if values else "")}
    return {"text": values[0].strip() if values else ""}


def _rows(flow: Flow, cleaned: CleanedResponse) -> list[dict[str, Any]]:
    return [
        {
            "question": q,
            "change_url": flow.question_url(q, change=True),
            "error": cleaned.errors.get(q.pk, ""),
            **_display(q, flow.answers.get(str(q.pk), []), cleaned),
        }
        for q in flow.visible()
    ]


@flow_view()
def check(request: HttpRequest, flow: Flow) -> HttpResponse:
    if request.method == "POST":
        return redirect(flow.after_check_url())
    unseen = flow.first_unseen()
    if unseen is not None:
        return redirect(flow.question_url(unseen))
    cleaned = flow.clean()
    rows = _rows(flow, cleaned)
    return render(
        request,
        TEMPLATES + "check.html",
        {
            "questionnaire": flow.questionnaire,
            "rows": rows,
            "errors": [r for r in rows if r["error"]],
            "next_url": flow.after_check_url(),
            "back_url": flow.question_url(flow.visible()[-1]) if flow.visible() else flow.url("start"),
        },
    )


# --- equality monitoring --------------------------------------------------------------------


@flow_view()
def equality_page(request: HttpRequest, flow: Flow) -> HttpResponse:
    if not flow.questionnaire.equality_monitoring:
        raise Http404("This consultation does not ask equality questions")
    context = {"questionnaire": flow.questionnaire, "back_url": flow.url("check")}
    if request.method != "POST":
        form = EqualityForm(initial=flow.progress.get("equality") or {})
        return render(request, TEMPLATES + "equality.html", {**context, "form": form})
    if "skip" in request.POST:
        flow.progress["equality"] = {}
        save_progress(request, flow.questionnaire, flow.progress)
        return redirect(flow.url("send"))
    form = EqualityForm(data=request.POST)
    cleaned, errors = clean_equality(form.values())
    if errors:
        for name, message in errors.items():
            form.add_error(name, message)
        return render(request, TEMPLATES + "equality.html", {**context, "form": form}, status=400)
    flow.progress["equality"] = cleaned
    save_progress(request, flow.questionnaire, flow.progress)
    return redirect(flow.url("send"))


# --- send -----------------------------------------------------------------------------------


def _answer_problems(
    flow: Flow, cleaned: CleanedResponse, equality_errors: dict[str, str]
) -> list[dict[str, str]]:
    """What is wrong with the answers kept, each linking to the page that puts it right."""
    problems = [
        {"text": f"{q.text}: {cleaned.errors[q.pk]}", "href": flow.question_url(q, change=True)}
        for q in flow.visible()
        if q.pk in cleaned.errors
    ]
    if equality_errors:
        problems.append({"text": _("Check your answers about you"), "href": flow.url("equality")})
    return problems


def _store(
    request: HttpRequest,
    flow: Flow,
    form: SendForm,
    cleaned: CleanedResponse,
    equality_answers: dict[str, str],
) -> HttpResponse:
    """Store the response, queue the e-mail the person asked for, and show the receipt code."""
    questionnaire = flow.questionnaire
    site_url = request.build_absolute_uri("/")
    try:
        with transaction.atomic():
            response, code = response_submit(
                questionnaire=questionnaire,
                cleaned=cleaned,
                equality=equality_answers if questionnaire.equality_monitoring else None,
                browser_token=flow.token or "",
                email=form.cleaned_data["email"],
                wants_updates=bool(form.cleaned_data["updates"]),
                consented_at=consented_at(flow.progress),
                language=normalise_language(getattr(request, "LANGUAGE_CODE", "")),
            )
            if response.wants_updates:
                response_id = response.pk
                transaction.on_commit(lambda: send_response_confirmation.enqueue(response_id, site_url))
    except AlreadyResponded:
        request.session.pop(session_key(questionnaire), None)
        return already_page(request, questionnaire, status=409)
    except NotAccepting:
        return closed_page(request, questionnaire, status=403)
    request.session.pop(session_key(questionnaire), None)
    # Shown here, once, and never stored: the page is the answer to the POST (not a redirect
    # to a page that would have to keep the code somewhere).
    return render(
        request,
        TEMPLATES + "confirmation.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "receipt_code": code,
            "emailed": response.wants_updates,
        },
    )


@flow_view(scope="submit")
def send(request: HttpRequest, flow: Flow) -> HttpResponse:
    unseen = flow.first_unseen()
    if unseen is not None:
        return redirect(flow.question_url(unseen))
    if request.method != "POST":
        if not flow.clean().is_valid:
            return redirect(flow.url("check"))
        return send_page(request, flow, fresh_send_form(flow))
    form = SendForm(data=request.POST)
    refusal = send_refusal(request, flow, form)
    if refusal is not None:
        return refusal
    cleaned = flow.clean()
    equality_answers, equality_errors = clean_equality(flow.progress.get("equality") or {})
    if not cleaned.is_valid or equality_errors:
        problems = _answer_problems(flow, cleaned, equality_errors)
        return send_page(request, flow, fresh_send_form(flow, request.POST), status=400, problems=problems)
    return _store(request, flow, form, cleaned, equality_answers)


# --- withdraw -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest) -> HttpResponse:
    """One page: the receipt code, then the response, its equality answers and anything
    derived from them are deleted. An unknown code says so and reveals nothing else."""
    if request.method != "POST":
        return render(request, TEMPLATES + "withdraw.html", {"form": WithdrawForm()})
    if (problem := post_problem(request, "withdraw")) is not None:
        return problem
    form = WithdrawForm(data=request.POST)
    if form.is_valid():
        if response_withdraw(receipt_code=form.cleaned_data["receipt_code"]):
            return render(request, TEMPLATES + "withdrawn.html")
        form.add_error(
            "receipt_code",
            _(
                "We could not find a response with that receipt code. Check it and enter it again, exactly "
                "as it was shown"
            ),
        )
    return render(request, TEMPLATES + "withdraw.html", {"form": form}, status=400)
