"""API authentication: the browser session (with CSRF) or a bearer token."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from organisations.tokens import TokenRefused, api_token_user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """The token's owner. An unknown key falls through to the session (and then the general
        401); a revoked or expired one is refused with its reason."""
        try:
            user = api_token_user(token)
        except TokenRefused as refused:
            if refused.message == TokenRefused.UNKNOWN:
                return None
            raise HttpError(401, refused.message) from refused
        request.user = user
        return user


AUTH = [BearerToken(), django_auth]
