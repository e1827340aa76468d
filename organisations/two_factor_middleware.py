"""Holds a signed-in session at its two-factor step (organisations/two_factor.py) until it is done:
a person with an authenticator app gives a code before any page; a person who must have one and
has none sets it up first. Written as one middleware rather than a decorator on every view so
that no page, the admin site included, can be forgotten.

API tokens are their own authentication and are unaffected: an API request with a token is let
through, but without the half-signed-in session's user, so that only the token can admit it."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from .two_factor import Step, pending_step

# What a session part-way through signing in may still reach.
OPEN_URL_NAMES = ("signin:verify", "signin:two_factor_setup", "logout")
OPEN_PREFIXES = ("/static/", "/favicon")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        held = self._held(request)
        return held if held is not None else self.get_response(request)

    def _held(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        step = pending_step(request)
        if step == Step.DONE or request.path.startswith(OPEN_PREFIXES):
            return None
        if request.path in {reverse(name) for name in OPEN_URL_NAMES}:
            return None
        if request.path.startswith("/api/"):
            if request.headers.get("Authorization"):
                request.user = AnonymousUser()
                return None
            return JsonResponse({"detail": "Finish signing in with your second factor first."}, status=403)
        target = reverse("signin:verify" if step == Step.VERIFY else "signin:two_factor_setup")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
