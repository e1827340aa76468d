"""API tokens: made, rotated and revoked by their owner, and checked on every API request.

A token's key is `heard_` and 43 random URL-safe characters; only its SHA-256 is stored, so a
key is shown once, when it is made. Every token ends (`expires_at`): at most
HEARD_API_TOKEN_DAYS after it is made, sooner if its owner chooses. Rotating makes a new key
with the same name and lifetime and revokes the old one at once: an integration that leaked
its key is cut off the moment its owner rotates, at the cost of swapping the key promptly.
Written here rather than with a token library: Heard's tokens are a few columns, and the
rules (expiry, rotation, the audit log) are Heard's own.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record

from . import tokens_rules
from .models import ApiToken, User, hash_token

# The last-used time is written at most once in this many seconds per token: one small UPDATE,
# not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenRefused(Exception):
    """A key that is not (or no longer) good, with the reason to give its sender."""

    UNKNOWN = "This API token is not valid."

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _new_key() -> str:
    return "heard_" + secrets.token_urlsafe(32)


def _lifetime(days: int | None) -> timedelta:
    longest = settings.HEARD_API_TOKEN_DAYS
    if days is None:
        return timedelta(days=longest)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= longest:
        raise ValidationError(
            {"days": gettext("Enter a whole number of days from 1 to %(longest)s.") % {"longest": longest}}
        )
    return timedelta(days=days)


def _snapshot(token: ApiToken) -> dict[str, Any]:
    return {
        "name": token.name,
        "owner": token.user.get_username(),
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


def _make(*, owner: User, name: str, lifetime: timedelta) -> tuple[ApiToken, str]:
    raw = _new_key()
    now = timezone.now()
    token = ApiToken(
        user=owner, name=name.strip(), key_hash=hash_token(raw), created_at=now, expires_at=now + lifetime
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; the key is returned once and never stored."""
    require(user, "organisations.add_apitoken")
    token, raw = _make(owner=user, name=name, lifetime=_lifetime(days))
    audit_record(actor=user, action=AuditAction.CREATE, obj=token, changes=_snapshot(token))
    return token, raw


def _locked(token: ApiToken) -> ApiToken:
    locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError(gettext("This token has already been revoked."))
    return locked


@transaction.atomic
def api_token_rotate(*, user: User, token: ApiToken) -> tuple[ApiToken, str]:
    """A new key for the same purpose and lifetime; the old key stops working at once."""
    require(user, "organisations.rotate_apitoken", token)
    if not tokens_rules.owns_token(user, token):  # not even a superuser: the new key would be theirs
        raise PermissionDenied
    old = _locked(token)
    lifetime = min(old.expires_at - old.created_at, timedelta(days=settings.HEARD_API_TOKEN_DAYS))
    new, raw = _make(owner=old.user, name=old.name, lifetime=max(lifetime, timedelta(days=1)))
    old.revoked_at = new.created_at
    old.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=old,
        changes={"revoked_at": old.revoked_at.isoformat(), "replaced_by": new.pk},
    )
    audit_record(
        actor=user, action=AuditAction.CREATE, obj=new, changes={**_snapshot(new), "replaces": old.pk}
    )
    return new, raw


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    """The key stops working at once; the token stays listed, as revoked."""
    require(user, "organisations.revoke_apitoken", token)
    locked = _locked(token)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"revoked_at": locked.revoked_at.isoformat()},
    )
    return locked


def api_token_user(raw: str) -> User:
    """The active user a key belongs to, or TokenRefused saying why not. Records when the
    token was last used (at most once per LAST_USED_RESOLUTION)."""
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        raise TokenRefused(TokenRefused.UNKNOWN)
    if token.revoked_at is not None:
        raise TokenRefused("This API token has been revoked. Create a new one on your API tokens page.")
    now = timezone.now()
    if token.expires_at <= now:
        when = timezone.localtime(token.expires_at).strftime("%-d %B %Y")
        raise TokenRefused(f"This API token expired on {when}. Rotate it or create a new one.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: Any) -> list[ApiToken]:
    """The user's own tokens, newest first (the page and `GET /api/tokens` show these)."""
    if not user.is_authenticated:
        raise PermissionDenied
    return list(ApiToken.objects.visible_to(user).filter(user_id=user.pk).order_by("-created_at", "-pk"))
