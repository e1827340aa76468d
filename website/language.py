"""The language switcher's view (README "Languages"): keeps the visitor's choice of language in
the language cookie and sends them back to the page they were on.

It answers a plain link (GET), so the switcher works without JavaScript and public pages carry no
CSRF token (they stay the same for every visitor of a language: core/page_cache.py). Choosing a
language changes nothing but that preference, so a link from elsewhere can do no harm beyond
showing the site in another of its languages. `next` must be a path on this site; anything else
returns to the home page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return reverse("public:home")


@require_safe
@never_cache
def choose_language(request: HttpRequest) -> HttpResponse:
    """`?lang=cy&next=/calendar/`: a supported language code and the page to go back to."""
    code = request.GET.get("lang", "")
    if code not in dict(settings.LANGUAGES):
        return render(request, "400.html", status=400)
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",  # as settings.LANGUAGE_COOKIE_SAMESITE
    )
    return response
