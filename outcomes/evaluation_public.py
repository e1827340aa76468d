"""The participant evaluation form online, under /evaluate/ (namespace "evaluate"). No login.

    /evaluate/          "Enter the code you were given" -> the activity's form
    /evaluate/<code>/   what it is about, the four questions on one GOV.UK question page, Send
                        -> "Thank you" (the answer to the POST: nothing to revisit)

Works without JavaScript. Only an activity on the public website has a form here (its link is
read through `Activity.public_objects`; any other code is a 404). The integrity measures are
consultations/integrity.py's, reused: a browser token in a signed cookie (one form per browser,
the database constraint doing the real work), a honeypot, a minimum time between showing the
page and sending it (its time signed in the page), rate limits per client address and only
URL-encoded forms in UTF-8. Nothing is stored until every check has passed.
"""

import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultations import integrity
from engagement.models import Activity

from .evaluation_forms import FindForm, PublicParticipantForm, apply_service_error
from .evaluation_participants import (
    AlreadyAnswered,
    FormClosed,
    already_answered,
    closed_reason,
    normalise_code,
    participant_evaluation_submit,
)
from .models import ParticipantEvaluationLink

TEMPLATES = "outcomes/evaluate/"
STARTED_SALT = "heard.outcomes.evaluate.started"
STARTED_MAX_AGE = 24 * 60 * 60
# scope -> (requests, seconds) per client address; setting HEARD_RATE_LIMITS may change them.
TOO_FAST = _("That was quicker than we expected. Check your answers, then select Send again.")
DEFAULT_RATE_LIMITS: dict[str, tuple[int, int]] = {"evaluate": (30, 600), "evaluate_code": (30, 600)}


def public_link_or_404(code: str) -> ParticipantEvaluationLink:
    """The online form with this code, of an activity the public website shows (else a 404)."""
    links = ParticipantEvaluationLink.objects.filter(
        code=normalise_code(code), activity__in=Activity.public_objects.values("pk")
    ).select_related("activity")
    found = links.first()
    if found is None:
        raise Http404("No such form.")
    return found


def _problem(request: HttpRequest, *, status: int, title: str, message: str, **extra: Any) -> HttpResponse:
    context = {"title": title, "message": message, **extra}
    return render(request, TEMPLATES + "problem.html", context, status=status)


def post_problem(request: HttpRequest, scope: str) -> HttpResponse | None:
    """The rate limit, then the body: only URL-encoded forms in UTF-8 (consultations' rules)."""
    limit, window = {**DEFAULT_RATE_LIMITS, **getattr(settings, "HEARD_RATE_LIMITS", {})}[scope]
    key = integrity.client_key(integrity.client_ip(request))
    hit = integrity.rate_limit_hit(scope, key, limit=int(limit), window=int(window))
    if not hit.allowed:
        minutes = max(1, round(hit.retry_after / 60))
        response = _problem(
            request,
            status=429,
            title=gettext("Too many forms were sent from your connection"),
            message=ngettext(
                "To keep the answers honest we limit how often one connection can send forms. Wait "
                "%(minutes)s minute and try again.",
                "To keep the answers honest we limit how often one connection can send forms. Wait "
                "%(minutes)s minutes and try again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response["Retry-After"] = str(hit.retry_after)
        return response
    body = integrity.form_body_problem(request)
    if body is not None:
        return _problem(request, status=body.status, title=body.title, message=body.message)
    return None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def find(request: HttpRequest) -> HttpResponse:
    """Type the code from the flyer, the last slide or the text message."""
    if request.method != "POST":
        return render(request, TEMPLATES + "find.html", {"form": FindForm()})
    if (problem := post_problem(request, "evaluate_code")) is not None:
        return problem
    form = FindForm(request.POST)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        public = Activity.public_objects.values("pk")
        if ParticipantEvaluationLink.objects.filter(code=code, activity__in=public).exists():
            return redirect("evaluate:form", code=code)
        form.add_error(
            "code", gettext("We could not find a form with that code. Check it and enter it again")
        )
    return render(request, TEMPLATES + "find.html", {"form": form}, status=400)


def _started_token() -> str:
    return signing.dumps(time.time(), salt=STARTED_SALT)


def _started_at(value: str) -> float | None:
    try:
        started = signing.loads(value, salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
    except signing.BadSignature:
        return None
    return float(started) if isinstance(started, int | float) else None


def _mail_link(address: str) -> str:
    """The activity's contact address as a mailto link ("" for none), for the translated sentence."""
    if not address:
        return ""
    return format_html('<a class="govuk-link" href="mailto:{0}">{0}</a>', address)


def _form_page(
    request: HttpRequest, link: ParticipantEvaluationLink, form: PublicParticipantForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "form.html",
        {
            "link": link,
            "activity": link.activity,
            "form": form,
            "honeypot": form[integrity.HONEYPOT_FIELD],
            "contact_link": _mail_link(link.activity.contact_email),
        },
        status=status,
    )


def _refused(request: HttpRequest, link: ParticipantEvaluationLink, message: str) -> HttpResponse:
    form = PublicParticipantForm(data=request.POST)
    form.is_valid()
    form.add_error(None, message)
    form.data = {**request.POST.dict(), "started": _started_token()}
    return _form_page(request, link, form, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def form(request: HttpRequest, code: str) -> HttpResponse:
    link = public_link_or_404(code)
    if request.method == "POST" and (problem := post_problem(request, "evaluate")) is not None:
        return problem
    reason = closed_reason(link)
    if reason:
        closed = {"activity": link.activity, "closed_reason": reason}
        return render(
            request, TEMPLATES + "closed.html", closed, status=403 if request.method == "POST" else 200
        )
    token = integrity.browser_token(request)
    if token and already_answered(link, token):
        status = 409 if request.method == "POST" else 200
        return render(request, TEMPLATES + "already.html", {"activity": link.activity}, status=status)
    if request.method != "POST":
        response = _form_page(request, link, PublicParticipantForm(initial={"started": _started_token()}))
        if token is None:
            integrity.set_browser_token(response, integrity.new_browser_token())
        return response
    return _send(request, link, token)


def _send(request: HttpRequest, link: ParticipantEvaluationLink, token: str | None) -> HttpResponse:
    """Every check before anything is stored: a browser token, the honeypot, the form, the
    minimum fill time; then the service (which checks the window and the browser again)."""
    if token is None:
        return _problem(
            request,
            status=400,
            title=gettext("Turn on cookies to answer online"),
            message=gettext(
                "We could not recognise your browser, so we could not accept your answers. Turn cookies "
                "on and open the form again, or ask the team for a paper form."
            ),
            link=link,
        )
    if integrity.honeypot_tripped(request.POST.get(integrity.HONEYPOT_FIELD)):
        return _refused(
            request, link, gettext("We could not send your answers. Check the page and select Send again.")
        )
    form = PublicParticipantForm(data=request.POST)
    if not form.is_valid():
        form.data = {**request.POST.dict(), "started": request.POST.get("started", "")}
        return _form_page(request, link, form, status=400)
    if integrity.filled_too_fast(_started_at(str(form.cleaned_data.get("started") or ""))):
        return _refused(request, link, str(TOO_FAST))
    try:
        participant_evaluation_submit(link=link, answers=form.answers(), browser_token=token)
    except AlreadyAnswered:
        return render(request, TEMPLATES + "already.html", {"activity": link.activity}, status=409)
    except FormClosed as closed:
        context = {"activity": link.activity, "closed_reason": closed.message}
        return render(request, TEMPLATES + "closed.html", context, status=403)
    except ValidationError as error:
        apply_service_error(form, error)
        return _form_page(request, link, form, status=400)
    return render(request, TEMPLATES + "thanks.html", {"activity": link.activity})
