"""Signing out. Someone who signed in through the force's provider is signed out there too
(OpenID Connect RP-Initiated Logout 1.0): mozilla-django-oidc's logout view calls
`provider_logout_url` (its OIDC_OP_LOGOUT_URL_METHOD setting), which sends the browser to the
provider's end-session endpoint (HEARD_OIDC_OP_LOGOUT_ENDPOINT) with the ID token of this
sign-in (`id_token_hint`, kept in the session: OIDC_STORE_ID_TOKEN) and the address to come
back to afterwards (`post_logout_redirect_uri`, Heard's home page; register it at the provider).
A password sign-in, or a provider without an end-session endpoint, signs out of Heard only."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from mozilla_django_oidc.views import OIDCLogoutView

from .oidc import oidc_enabled

ID_TOKEN_KEY = "oidc_id_token"  # noqa: S105  (where mozilla-django-oidc keeps the ID token)


def signed_out_url(request: HttpRequest) -> str:
    """Where the browser lands after signing out, as an absolute address for the provider."""
    path = resolve_url(settings.LOGOUT_REDIRECT_URL or "/")
    site = str(getattr(settings, "HEARD_SITE_URL", "") or "").rstrip("/")
    return f"{site}{path}" if site else request.build_absolute_uri(path)


def provider_logout_url(request: HttpRequest) -> str:
    endpoint = str(getattr(settings, "HEARD_OIDC_OP_LOGOUT_ENDPOINT", "") or "")
    id_token = request.session.get(ID_TOKEN_KEY)
    if not (oidc_enabled() and endpoint and id_token):
        return resolve_url(settings.LOGOUT_REDIRECT_URL or "/")
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": signed_out_url(request),
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class SignOutView(OIDCLogoutView):
    """POST only (a GET answers 405), like Django's own logout view."""
