"""The machinery of the public consultation journey (the pages are in public_views.py).

The answers in progress, kept in the session by questionnaire; `Flow`, what a page of the
journey knows; `flow_view`, the checks every page makes before it runs; the pages that say
no (closed, already responded, too many forms, a bad form or security token); and what the
send page checks before a response is stored, with the signed fingerprint that makes sure
what is sent is what the person last checked.

Every page reads its questionnaire through `Questionnaire.public_objects` only
(`public_questionnaire_or_404`), and its questions, choices and privacy notice through it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.shortcuts import get_or_404, parse_id
from engagement.models import Status

from . import equality, integrity
from .answers import CleanedResponse, clean_answers, visible_questions
from .models import CHOICE_KINDS, Question, Questionnaire
from .public_forms import SendForm

TEMPLATES = "consultations/public/"
SESSION_PREFIX = "heard.consult."
DIGEST_SALT = "heard.consultations.send"

View = Callable[..., HttpResponse]


# --- pages that say no ---------------------------------------------------------------------


def problem_page(
    request: HttpRequest, *, status: int, title: str, message: str, questionnaire: Questionnaire | None = None
) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "problem.html",
        {"title": title, "message": message, "questionnaire": questionnaire},
        status=status,
    )


def closed_reason(questionnaire: Questionnaire, today: Any = None) -> str:
    today = today or timezone.localdate()
    activity = questionnaire.activity
    if activity.status == Status.CANCELLED:
        return _("This consultation was cancelled. It is not taking responses.")
    if activity.response_opens and today < activity.response_opens:
        return _("This consultation opens on %(date)s. Come back then to take part.") % {
            "date": dateformat.format(activity.response_opens, "j E Y")
        }
    if activity.response_closes and today > activity.response_closes:
        return _("This consultation closed on %(date)s. It is no longer taking responses.") % {
            "date": dateformat.format(activity.response_closes, "j E Y")
        }
    if activity.status in (Status.DRAFT, Status.PLANNED):
        return _("This consultation is not taking responses yet.")
    return _("This consultation is closed. It is no longer taking responses.")


def closed_page(request: HttpRequest, questionnaire: Questionnaire, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "start.html",
        {
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "closed_reason": closed_reason(questionnaire),
        },
        status=status,
    )


def already_page(request: HttpRequest, questionnaire: Questionnaire, *, status: int = 200) -> HttpResponse:
    return render(request, TEMPLATES + "already.html", {"questionnaire": questionnaire}, status=status)


def too_many_page(request: HttpRequest, limited: integrity.RateLimit) -> HttpResponse:
    minutes = max(1, round(limited.retry_after / 60))
    response = problem_page(
        request,
        status=429,
        title=_("Too many forms were sent from your connection"),
        message=ngettext(
            "To protect consultations from automated answers, we limit how often one connection can send "
            "forms. Wait %(minutes)d minute and try again: the answers you have already continued past "
            "are kept.",
            "To protect consultations from automated answers, we limit how often one connection can send "
            "forms. Wait %(minutes)d minutes and try again: the answers you have already continued past "
            "are kept.",
            minutes,
        )
        % {"minutes": minutes},
    )
    response["Retry-After"] = str(limited.retry_after)
    return response


def post_problem(request: HttpRequest, scope: str) -> HttpResponse | None:
    """Rate limit, then the body: only URL-encoded forms in UTF-8."""
    limited = integrity.check_rate_limit(request, scope)
    if limited is not None:
        return too_many_page(request, limited)
    body = integrity.form_body_problem(request)
    if body is not None:
        return problem_page(request, status=body.status, title=body.title, message=body.message)
    return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A friendly page for a form sent without a valid security token (set
    CSRF_FAILURE_VIEW = "consultations.public_views.csrf_failure")."""
    return render(request, TEMPLATES + "403_csrf.html", status=403)


# --- the questionnaire and the answers in progress -----------------------------------------


def public_questionnaire_or_404(pk: object) -> Questionnaire:
    """The public questionnaire with this id (a 404 for any other id, or one that cannot be)."""
    return get_or_404(Questionnaire.public_objects.select_related("activity", "privacy_statement"), pk)


def session_key(questionnaire: Questionnaire) -> str:
    return f"{SESSION_PREFIX}{questionnaire.pk}"


def load_progress(request: HttpRequest, questionnaire: Questionnaire) -> dict[str, Any] | None:
    """The answers in progress, or None before "Start now" (or when the session holds
    something that is not ours)."""
    data = request.session.get(session_key(questionnaire))
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


def save_progress(request: HttpRequest, questionnaire: Questionnaire, progress: dict[str, Any]) -> None:
    request.session[session_key(questionnaire)] = progress
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
        raw = {number: list(v) for k, v in self.answers.items() if (number := parse_id(k)) is not None}
        raw.update(override or {})
        return raw

    def visible(self) -> list[Question]:
        if self._visible is None:
            raw = self.raw()
            chosen: dict[int, set[int]] = {}
            for question in self.questions:
                if question.kind in CHOICE_KINDS:
                    ids = {c.pk for c in question.choices.all()}
                    sent = {parse_id(v) for v in raw.get(question.pk, ())}
                    chosen[question.pk] = {i for i in sent if i is not None} & ids
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


def live_questions(questionnaire: Questionnaire) -> list[Question]:
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
            questionnaire = public_questionnaire_or_404(pk)
            is_post = request.method == "POST"
            if is_post and (problem := post_problem(request, scope)) is not None:
                return problem
            if not questionnaire.is_accepting_responses():
                return closed_page(request, questionnaire, status=403 if is_post else 200)
            token = integrity.browser_token(request)
            if token and integrity.already_responded(questionnaire, token):
                return already_page(request, questionnaire, status=409 if is_post else 200)
            progress = load_progress(request, questionnaire)
            if progress is None:
                if not needs_progress:
                    progress = {}
                else:
                    if is_post:
                        messages.warning(
                            request,
                            _(
                                "We could not find your answers: you may have been away for a long time, "
                                "or your browser is blocking cookies. Please start again."
                            ),
                        )
                    return redirect("consult:start", pk=questionnaire.pk)
            flow = Flow(questionnaire, live_questions(questionnaire), progress, token)
            return view(request, flow, **kwargs)

        return never_cache(require_http_methods(["GET", "HEAD", "POST"])(wrapper))

    return decorator


# --- what is about to be sent --------------------------------------------------------------


def answers_digest(flow: Flow) -> str:
    """A fingerprint of what the person is about to send."""
    visible = {str(q.pk) for q in flow.visible()}
    state = {
        "answers": {k: v for k, v in sorted(flow.answers.items()) if k in visible},
        "equality": flow.progress.get("equality") or {},
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def signed_answers_digest(flow: Flow) -> str:
    return signing.dumps(answers_digest(flow), salt=f"{DIGEST_SALT}.{flow.questionnaire.pk}")


def digest_matches(flow: Flow, sent: str) -> bool:
    """Whether the signed fingerprint sent with the form is that of the answers now kept."""
    try:
        signed = signing.loads(sent, salt=f"{DIGEST_SALT}.{flow.questionnaire.pk}")
    except signing.BadSignature:
        return False
    return bool(signed == answers_digest(flow))


def consented_at(progress: dict[str, Any]) -> datetime | None:
    at = progress.get("consent", {}).get("at")
    return parse_datetime(at) if isinstance(at, str) else None


# --- the send page, and what it checks before anything is stored -----------------------------

NOTICE_CHANGED = gettext_lazy(
    "The privacy notice changed since you started. Read it again, then select Start now to go on: "
    "your answers are kept."
)
NO_BROWSER = gettext_lazy(
    "We could not recognise your browser, so we could not accept your response. Turn cookies on, "
    "go back to the consultation's start page and try again."
)
HONEYPOT_FILLED = gettext_lazy(
    "We could not send your response. Check the page and select Send response again."
)
ANSWERS_CHANGED = gettext_lazy(
    "Your answers changed since this page was opened, perhaps in another window. "
    "Check them, then select Send response again."
)
TOO_FAST = gettext_lazy(
    "That was quicker than we expected. Check your answers, then select Send response again."
)


def send_page(
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


def fresh_send_form(flow: Flow, data: Any = None) -> SendForm:
    """The send form with the fingerprint of the answers as they are now, keeping what the
    person chose about e-mail (`data`, a refused POST)."""
    initial = {"digest": signed_answers_digest(flow)}
    if data is None:
        return SendForm(initial=initial)
    kept = {k: data.get(k, "") for k in ("email",)}
    if data.get("updates"):
        kept["updates"] = "on"
    return SendForm(data={**kept, **initial})


def _refused(request: HttpRequest, flow: Flow, message: str) -> HttpResponse:
    form = fresh_send_form(flow, request.POST)
    form.add_error(None, message)
    return send_page(request, flow, form, status=400)


def send_refusal(request: HttpRequest, flow: Flow, form: SendForm) -> HttpResponse | None:
    """Why this POST to the send page cannot be stored as it is, as the page to show instead,
    or None. In order: consent to the privacy notice the questionnaire has now, a browser
    token, the honeypot, the fingerprint of the answers, the form, the minimum fill time."""
    questionnaire = flow.questionnaire
    if flow.progress.get("consent", {}).get("statement") != questionnaire.privacy_statement_id:
        messages.warning(request, str(NOTICE_CHANGED))
        return redirect(flow.url("start"))
    if flow.token is None:
        return problem_page(
            request,
            status=400,
            title=_("Turn on cookies to answer online"),
            message=str(NO_BROWSER),
            questionnaire=questionnaire,
        )
    if integrity.honeypot_tripped(request.POST.get(integrity.HONEYPOT_FIELD)):
        return _refused(request, flow, str(HONEYPOT_FILLED))
    if not digest_matches(flow, str(form.data.get("digest", ""))):
        return _refused(request, flow, str(ANSWERS_CHANGED))
    if not form.is_valid():
        return send_page(request, flow, form, status=400)
    if integrity.filled_too_fast(flow.progress.get("started")):
        return _refused(request, flow, str(TOO_FAST))
    return None
