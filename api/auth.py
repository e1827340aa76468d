"""API authentication: the browser session (with CSRF) or a bearer token."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from organisations.models import ApiToken, hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.usable().select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None:
            return None
        request.user = found.user
        return found.user


AUTH = [BearerToken(), django_auth]
