"""The two single sign-on addresses: going to the provider, and coming back from it. The
library's views (mozilla-django-oidc) do the work; these add a 404 while single sign-on is
off, Heard's pages when it is refused or fails, and the second-factor step (organisations/
two_factor.py) when the provider already asked for a second factor."""

import logging
from typing import Any

import requests
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .oidc import oidc_enabled, provider_name
from .two_factor import mark_done

log = logging.getLogger(__name__)


class SignInStart(OIDCAuthenticationRequestView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if oidc_enabled():
            super().__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        response: HttpResponse = super().get(request)
        return response


class SignInCallback(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        try:
            response: HttpResponse = super().get(request)
        except requests.RequestException as error:
            log.warning("Single sign-on: the provider could not be reached: %s", error)
            return self._page("organisations/signin/oidc_failed.html", 502, unreachable=True)
        return response

    def _page(self, template: str, status: int, **context: Any) -> HttpResponse:
        return render(self.request, template, {"provider": provider_name(), **context}, status=status)

    def login_failure(self) -> HttpResponse:
        refusal = getattr(self.request, "heard_oidc_refusal", "")
        if refusal:
            return self._page("organisations/signin/oidc_refused.html", 403, refusal=refusal)
        return self._page("organisations/signin/oidc_failed.html", 400)

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        if getattr(self.request, "heard_oidc_mfa", False):
            mark_done(self.request)
        return response
