"""Answering a consultation online, and withdrawing a response. No login.

The journey (GOV.UK "one thing per page"):

    start page (what it is, when it closes, the privacy statement) -> "Start now"
    -> one page per question, skip logic applied -> check your answers (change links)
    -> equality monitoring, optional (when the questionnaire has it)
    -> send (optional e-mail opt-in) -> confirmation with the receipt code, shown once

Nothing is stored until "Send": answers in progress live in the server-side session, keyed
by questionnaire. Every page reads the questionnaire through `Questionnaire.objects.public()`
(404 otherwise); a closed consultation shows why and accepts nothing. Answers are checked by
`clean_answers`, the same rules as every other channel. Integrity measures: integrity.py.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from engagement.models import Status
from heard.page_cache import cached_public_page

from . import equality, integrity
from .answers import CleanedResponse, clean_answers, clean_equality, visible_questions
from .emails import send_response_confirmation
from .models import CHOICE_KINDS, Question, QuestionKind, Questionnaire, Response
from .public_forms import EqualityForm, QuestionForm, SendForm, WithdrawForm
from .services import AlreadyResponded, NotAccepting, response_submit, response_withdraw

TEMPLATES = "consultations/public/"
SESSION_PREFIX = "heard.consult."
DIGEST_SALT = "heard.consultations.send"

View = Callable[..., HttpResponse]


# --- pages that say no ---------------------------------------------------------------------


def _problem(
    request: HttpRequest, *, status: int, title: str, message: str, questionnaire: Questionnaire | None = None
) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "problem.html",
        {"title": title, "message": message, "questionnaire": questionnaire},
        status=status,
    )


def _closed_reason(questionnaire: Questionnaire, today: Any = None) -> str:
    today = today or timezone.localdate()
    activity = questionnaire.activity
    if activity.status == Status.CANCELLED:
        return "This consultation was cancelled. It is not taking responses."
    if activity.response_opens and today < activity.response_opens:
        return f"This consultation opens on {activity.response_opens:%-d %B %Y}. Come back then to take part."
    if activity.response_closes and today > activity.response_closes:
        return f"This consultation closed on {activity.response_closes:%-d %B %Y}. It is no longer taking responses."
    if activity.status in (Status.DRAFT, Status.PLANNED):
        return "This consultation is not taking responses yet."
    return "This consultation is closed. It is no longer taking responses."


def _closed(request: HttpRequest, questionnaire: Questionnaire, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "start.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "closed_reason": _closed_reason(questionnaire),
        },
        status=status,
    )


def _already(request: HttpRequest, questionnaire: Questionnaire, *, status: int = 200) -> HttpResponse:
    return render(request, TEMPLATES + "already.html", {"questionnaire": questionnaire}, status=status)


def _too_many(request: HttpRequest, limited: integrity.RateLimit) -> HttpResponse:
    minutes = max(1, round(limited.retry_after / 60))
    response = _problem(
        request,
        status=429,
        title="Too many forms were sent from your connection",
        message="To protect consultations from automated answers, we limit how often one connection "
        f"can send forms. Wait {minutes} minute{'s' if minutes != 1 else ''} and try again: the answers "
        "you have already continued past are kept.",
    )
    response["Retry-After"] = str(limited.retry_after)
    return response


def _post_problem(request: HttpRequest, scope: str) -> HttpResponse | None:
    """Rate limit, then the body: only URL-encoded forms in UTF-8."""
    limited = integrity.check_rate_limit(request, scope)
    if limited is not None:
        return _too_many(request, limited)
    body = integrity.form_body_problem(request)
    if body is not None:
        return _problem(request, status=body.status, title=body.title, message=body.message)
    return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A friendly page for a form sent without a valid security token (set
    CSRF_FAILURE_VIEW = "consultations.public_views.csrf_failure")."""
    return render(request, TEMPLATES + "403_csrf.html", status=403)


# --- the questionnaire and the answers in progress -----------------------------------------


def _public_or_404(pk: int) -> Questionnaire:
    return get_object_or_404(
        Questionnaire.objects.public().select_related("activity", "privacy_statement"), pk=pk
    )


def _versions(questionnaire: Questionnaire) -> list[int]:
    """This questionnaire and the versions it replaced: answering one counts for all."""
    ids = [questionnaire.pk]
    previous = questionnaire.previous_id
    while previous is not None and previous not in ids and len(ids) < 50:
        ids.append(previous)
        previous = Questionnaire.objects.filter(pk=previous).values_list("previous_id", flat=True).first()
    return ids


def _already_responded(questionnaire: Questionnaire, token: str) -> bool:
    return Response.objects.filter(
        questionnaire_id__in=_versions(questionnaire), browser_token=token
    ).exists()


def _session_key(questionnaire: Questionnaire) -> str:
    return f"{SESSION_PREFIX}{questionnaire.pk}"


def _load_progress(request: HttpRequest, questionnaire: Questionnaire) -> dict[str, Any] | None:
    """The answers in progress, or None before "Start now" (or when the session holds
    something that is not ours)."""
    data = request.session.get(_session_key(questionnaire))
    if not isinstance(data, dict) or not isinstance(data.get("consent"), dict):
        return None
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in answers.values()
    ):
        data["answers"] = {}
    if not isinstance(data.get("equality"), dict):
        data["equality"] = {}
    return data


def _save_progress(request: HttpRequest, questionnaire: Questionnaire, progress: dict[str, Any]) -> None:
    request.session[_session_key(questionnaire)] = progress
    request.session.modified = True


@dataclass
class Flow:
    questionnaire: Questionnaire
    questions: list[Question]
    progress: dict[str, Any]
    token: str | None
    _visible: list[Question] | None = field(default=None, repr=False)

    @property
    def answers(self) -> dict[str, list[str]]:
        answers: dict[str, list[str]] = self.progress.setdefault("answers", {})
        return answers

    def raw(self, override: dict[int, list[str]] | None = None) -> dict[int, list[str]]:
        raw = {int(k): list(v) for k, v in self.answers.items() if k.isdigit()}
        raw.update(override or {})
        return raw

    def visible(self) -> list[Question]:
        if self._visible is None:
            raw = self.raw()
            chosen: dict[int, set[int]] = {}
            for question in self.questions:
                if question.kind in CHOICE_KINDS:
                    ids = {c.pk for c in question.choices.all()}
                    chosen[question.pk] = {int(v) for v in raw.get(question.pk, ()) if v.isdigit()} & ids
            self._visible = visible_questions(self.questions, chosen)
        return self._visible

    def number(self, question: Question) -> int:
        return self.questions.index(question) + 1

    def question_url(self, question: Question, *, change: bool = False) -> str:
        url = reverse(
            "consult:question", kwargs={"pk": self.questionnaire.pk, "number": self.number(question)}
        )
        return f"{url}?change=1" if change else url

    def url(self, name: str) -> str:
        return reverse(f"consult:{name}", kwargs={"pk": self.questionnaire.pk})

    def seen(self, question: Question) -> bool:
        return str(question.pk) in self.answers

    def first_unseen(self) -> Question | None:
        return next((q for q in self.visible() if not self.seen(q)), None)

    def after_questions_url(self) -> str:
        return self.url("check")

    def after_check_url(self) -> str:
        return self.url("equality") if self.questionnaire.equality_monitoring else self.url("send")

    def clean(self) -> CleanedResponse:
        return clean_answers(self.questionnaire, self.raw())


def _questions(questionnaire: Questionnaire) -> list[Question]:
    return list(
        questionnaire.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id")
    )


def flow_view(*, scope: str = "respond", needs_progress: bool = True) -> Callable[[View], View]:
    """The checks every page of the journey makes, in order: the questionnaire is public
    (404), a POST is a well-formed form within the rate limit (429/415/400), the consultation
    accepts responses (else say so: 200 for a look, 403 for a POST), this browser has not
    already responded (200/409), and "Start now" was pressed (else back to the start)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
            questionnaire = _public_or_404(pk)
            is_post = request.method == "POST"
            if is_post and (problem := _post_problem(request, scope)) is not None:
                return problem
            if not questionnaire.is_accepting_responses():
                return _closed(request, questionnaire, status=403 if is_post else 200)
            token = integrity.browser_token(request)
            if token and _already_responded(questionnaire, token):
                return _already(request, questionnaire, status=409 if is_post else 200)
            progress = _load_progress(request, questionnaire)
            if progress is None:
                if not needs_progress:
                    progress = {}
                else:
                    if is_post:
                        messages.warning(
                            request,
                            "We could not find your answers: you may have been away for a long time, or "
                            "your browser is blocking cookies. Please start again.",
                        )
                    return redirect("consult:start", pk=questionnaire.pk)
            flow = Flow(questionnaire, _questions(questionnaire), progress, token)
            return view(request, flow, **kwargs)

        return never_cache(require_http_methods(["GET", "HEAD", "POST"])(wrapper))

    return decorator


# --- the start page -----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@cached_public_page(personal_cookies=(integrity.BROWSER_COOKIE,))
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """What the consultation is about, its response window and the consent and privacy
    statement, with "Start now". To a browser without a consultation cookie the page is the
    same for everyone (bar its CSRF token), and comes from the shared cache."""
    questionnaire = _public_or_404(pk)
    token = integrity.browser_token(request)
    if request.method == "POST":
        return _start_now(request, pk)
    if not questionnaire.is_accepting_responses():
        return _closed(request, questionnaire)
    if token and _already_responded(questionnaire, token):
        return _already(request, questionnaire)
    progress = _load_progress(request, questionnaire)
    return render(
        request,
        TEMPLATES + "start.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "statement": questionnaire.privacy_statement,
            "question_count": questionnaire.questions.count(),
            "in_progress": bool(progress and progress.get("answers")),
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
    _save_progress(request, flow.questionnaire, progress)
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
        return _problem(
            request,
            status=400,
            title="This page was out of date",
            message="The question changed since the page was opened. Go back to the question and answer it again.",
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
    _save_progress(request, flow.questionnaire, flow.progress)
    later = [q for q in flow.visible() if flow.number(q) > number]
    if change:
        # Back to the check page, unless the new answer opened a question not yet seen.
        following = next((q for q in later if not flow.seen(q)), None)
        return redirect(flow.question_url(following, change=True) if following else flow.url("check"))
    return redirect(flow.question_url(later[0]) if later else flow.after_questions_url())


# --- check your answers ---------------------------------------------------------------------


def _display(question: Question, values: list[str], cleaned: CleanedResponse) -> dict[str, Any]:
    labels = {str(c.pk): c.label for c in question.choices.all()}
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
        _save_progress(request, flow.questionnaire, flow.progress)
        return redirect(flow.url("send"))
    form = EqualityForm(data=request.POST)
    cleaned, errors = clean_equality(form.values())
    if errors:
        for name, message in errors.items():
            form.add_error(name, message)
        return render(request, TEMPLATES + "equality.html", {**context, "form": form}, status=400)
    flow.progress["equality"] = cleaned
    _save_progress(request, flow.questionnaire, flow.progress)
    return redirect(flow.url("send"))


# --- send -----------------------------------------------------------------------------------


def _digest(flow: Flow) -> str:
    """A fingerprint of what the person is about to send."""
    visible = {str(q.pk) for q in flow.visible()}
    state = {
        "answers": {k: v for k, v in sorted(flow.answers.items()) if k in visible},
        "equality": flow.progress.get("equality") or {},
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def _signed_digest(flow: Flow) -> str:
    return signing.dumps(_digest(flow), salt=f"{DIGEST_SALT}.{flow.questionnaire.pk}")


def _send_page(
    request: HttpRequest,
    flow: Flow,
    form: SendForm,
    *,
    status: int = 200,
    problems: list[dict[str, str]] | None = None,
) -> HttpResponse:
    equality_given = [
        (equality.QUESTIONS[name][0], value) for name, value in (flow.progress.get("equality") or {}).items()
    ]
    return render(
        request,
        TEMPLATES + "send.html",
        {
            "questionnaire": flow.questionnaire,
            "form": form,
            "problems": problems or [],
            "answered": sum(1 for q in flow.visible() if flow.answers.get(str(q.pk))),
            "equality_given": equality_given,
            "back_url": flow.after_check_url()
            if flow.questionnaire.equality_monitoring
            else flow.url("check"),
            "honeypot": form[integrity.HONEYPOT_FIELD],
        },
        status=status,
    )


def _fresh_send_form(flow: Flow, data: Any = None) -> SendForm:
    initial = {"digest": _signed_digest(flow)}
    if data is None:
        return SendForm(initial=initial)
    kept = {k: data.get(k, "") for k in ("email",)}
    if data.get("updates"):
        kept["updates"] = "on"
    return SendForm(data={**kept, **initial})


def _consented_at(progress: dict[str, Any]) -> datetime | None:
    at = progress.get("consent", {}).get("at")
    return parse_datetime(at) if isinstance(at, str) else None


@flow_view(scope="submit")
def send(request: HttpRequest, flow: Flow) -> HttpResponse:
    unseen = flow.first_unseen()
    if unseen is not None:
        return redirect(flow.question_url(unseen))
    questionnaire = flow.questionnaire
    if request.method != "POST":
        cleaned = flow.clean()
        if not cleaned.is_valid:
            return redirect(flow.url("check"))
        return _send_page(request, flow, _fresh_send_form(flow))

    form = SendForm(data=request.POST)
    # The consent must be to the statement the questionnaire has now.
    if flow.progress.get("consent", {}).get("statement") != questionnaire.privacy_statement_id:
        messages.warning(
            request,
            "The privacy statement changed since you started. Read it again, then select Start now to go on: "
            "your answers are kept.",
        )
        return redirect(flow.url("start"))
    if flow.token is None:
        return _problem(
            request,
            status=400,
            title="Turn on cookies to answer online",
            message="We could not recognise your browser, so we could not accept your response. Turn cookies on, "
            "go back to the consultation's start page and try again.",
            questionnaire=questionnaire,
        )
    if integrity.honeypot_tripped(request.POST.get(integrity.HONEYPOT_FIELD)):
        form = _fresh_send_form(flow, request.POST)
        form.add_error(
            None, "We could not send your response. Check the page and select Send response again."
        )
        return _send_page(request, flow, form, status=400)
    try:
        signed = signing.loads(form.data.get("digest", ""), salt=f"{DIGEST_SALT}.{questionnaire.pk}")
    except signing.BadSignature:
        signed = None
    if signed != _digest(flow):
        form = _fresh_send_form(flow, request.POST)
        form.add_error(
            None,
            "Your answers changed since this page was opened, perhaps in another window. "
            "Check them, then select Send response again.",
        )
        return _send_page(request, flow, form, status=400)
    if not form.is_valid():
        return _send_page(request, flow, form, status=400)
    if integrity.filled_too_fast(flow.progress.get("started")):
        form = _fresh_send_form(flow, request.POST)
        form.add_error(
            None, "That was quicker than we expected. Check your answers, then select Send response again."
        )
        return _send_page(request, flow, form, status=400)

    cleaned = flow.clean()
    equality_answers, equality_errors = clean_equality(flow.progress.get("equality") or {})
    if not cleaned.is_valid or equality_errors:
        problems = [
            {"text": f"{q.text}: {cleaned.errors[q.pk]}", "href": flow.question_url(q, change=True)}
            for q in flow.visible()
            if q.pk in cleaned.errors
        ]
        if equality_errors:
            problems.append({"text": "Check your answers about you", "href": flow.url("equality")})
        return _send_page(request, flow, _fresh_send_form(flow, request.POST), status=400, problems=problems)

    email = form.cleaned_data["email"]
    wants_updates = bool(form.cleaned_data["updates"])
    site_url = request.build_absolute_uri("/")
    try:
        with transaction.atomic():
            response, code = response_submit(
                questionnaire=questionnaire,
                cleaned=cleaned,
                equality=equality_answers if questionnaire.equality_monitoring else None,
                browser_token=flow.token,
                email=email,
                wants_updates=wants_updates,
                consented_at=_consented_at(flow.progress),
            )
            if response.wants_updates:
                response_id = response.pk
                transaction.on_commit(lambda: send_response_confirmation.enqueue(response_id, site_url))
    except AlreadyResponded:
        request.session.pop(_session_key(questionnaire), None)
        return _already(request, questionnaire, status=409)
    except NotAccepting:
        return _closed(request, questionnaire, status=403)
    request.session.pop(_session_key(questionnaire), None)
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


# --- withdraw -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest) -> HttpResponse:
    """One page: the receipt code, then the response, its equality answers and anything
    derived from them are deleted. An unknown code says so and reveals nothing else."""
    if request.method != "POST":
        return render(request, TEMPLATES + "withdraw.html", {"form": WithdrawForm()})
    if (problem := _post_problem(request, "withdraw")) is not None:
        return problem
    form = WithdrawForm(data=request.POST)
    if form.is_valid():
        if response_withdraw(receipt_code=form.cleaned_data["receipt_code"]):
            return render(request, TEMPLATES + "withdrawn.html")
        form.add_error(
            "receipt_code",
            "We could not find a response with that receipt code. Check it and enter it again, exactly as it was shown",
        )
    return render(request, TEMPLATES + "withdraw.html", {"form": form}, status=400)
