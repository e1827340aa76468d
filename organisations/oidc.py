"""Single sign-on with a force's own OpenID Connect provider.

mozilla-django-oidc does the protocol: the authorisation-code flow with PKCE, state and nonce,
the token and userinfo calls, and the ID token's signature (from the provider's JWKS). Heard adds
what is its own: the ID token's issuer and audience are checked (the library leaves them), a
person is found by the provider's (issuer, subject), and their organisation and roles come
from claims. The e-mail address is used once only, at a person's first single sign-on: an
existing password account with that address is joined to the provider's subject (and audited)
when the provider says it verified the address (`email_verified`), and refused with a page that
says why when it does not, so that nobody gets a second account or someone else's:

- HEARD_OIDC_ORGANISATION_CLAIM (default `heard_organisation`) holds the organisation's slug;
  HEARD_OIDC_ORGANISATION, when set, is used for people whose token has no such claim (a
  provider that serves one organisation). A slug that names no active organisation is refused.
- HEARD_OIDC_ROLES_CLAIM (default `heard_roles`) holds a list (or a space- or comma-separated
  string) of values; HEARD_OIDC_ROLE_MAP turns them into Heard roles (without it, the values
  must be Heard's own role names). Roles are set afresh at every sign-in, so the provider
  stays the one place where they are granted.

The account Heard keeps has no password of its own, is never a superuser, and is refused with a
clear page (403) when its organisation cannot be found."""

import logging
import re
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot

from .models import Organisation, Role, User
from .models_signin import SignInIdentity
from .services import user_set_roles
from .two_factor import provider_used_two_factors

log = logging.getLogger(__name__)

SYNCED_FIELDS = ("username", "email", "first_name", "last_name", "organisation", "is_active")
NOT_VERIFIED = (
    "Heard already has an account with the e-mail address {email}, but {provider} does not say "
    "that address is verified, so Heard cannot tell that the account is yours. Ask your "
    "administrator to verify the address at {provider}, then sign in again."
)
CANNOT_LINK = (
    "Heard already has an account with the e-mail address {email}, but it cannot be joined to "
    "your account at {provider}: {reason} Ask your Heard administrator."
)
NO_ORGANISATION = (
    "Your account at {provider} does not say which organisation you work for, or names one that "
    "does not use Heard. Ask your Heard administrator to check your account."
)


REQUIRED_SETTINGS = (
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
)


@checks.register(checks.Tags.security)
def check_oidc_settings(**kwargs: Any) -> list[checks.CheckMessage]:
    """Single sign-on turned on without its provider's addresses fails at start-up, not at the
    first person's sign-in."""
    if not oidc_enabled():
        return []
    missing = [name for name in REQUIRED_SETTINGS if not getattr(settings, name, "")]
    return [
        checks.Error(f"HEARD_OIDC_ENABLED is on but {name} is not set.", id="heard.E101") for name in missing
    ]


def oidc_enabled() -> bool:
    return bool(getattr(settings, "HEARD_OIDC_ENABLED", False))


def provider_name() -> str:
    return str(getattr(settings, "HEARD_OIDC_PROVIDER_NAME", "") or "your organisation's account")


def claim_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in re.split(r"[\s,]+", value) if v]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def roles_from_claims(claims: dict[str, Any]) -> set[str]:
    mapping: dict[str, str] = getattr(settings, "HEARD_OIDC_ROLE_MAP", {}) or {r: r for r in Role.values}
    values = claim_values(claims.get(settings.HEARD_OIDC_ROLES_CLAIM))
    return {mapping[v] for v in values if mapping.get(v) in Role.values}


def organisation_from_claims(claims: dict[str, Any]) -> Organisation | None:
    slug = claims.get(settings.HEARD_OIDC_ORGANISATION_CLAIM) or getattr(
        settings, "HEARD_OIDC_ORGANISATION", ""
    )
    if not isinstance(slug, str) or not slug:
        return None
    return Organisation.objects.filter(slug__iexact=slug.strip(), is_active=True).first()


def _free_username(wanted: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "user"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


class SignInRefused(Exception):
    """Single sign-on refused with a message for the person (shown on a 403 page)."""


def _verified(claims: dict[str, Any]) -> bool:
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _link_refusal(user: User, issuer: str, organisation: Organisation) -> str:
    if user.is_superuser or user.is_staff:
        return "it is an administrator's account, which signs in with its password only."
    if user.organisation_id != organisation.pk:
        return "it belongs to another organisation."
    if user.sign_in_identities.filter(issuer=issuer).exists():
        return "it is already joined to another account there."
    return ""


def account_to_link(*, issuer: str, claims: dict[str, Any], organisation: Organisation) -> User | None:
    """An existing password account to join to a first single sign-on: the one active account
    with the e-mail address the provider gives, if the provider says it verified that address.
    None when there is no such account; SignInRefused when there is one but it cannot be
    joined (address not verified, an administrator's account, another organisation's)."""
    email = str(claims.get("email") or "").strip()
    if not email:
        return None
    found = list(User.objects.select_for_update().filter(email__iexact=email, is_active=True)[:2])
    if not found:
        return None
    provider = provider_name()
    if not _verified(claims):
        raise SignInRefused(NOT_VERIFIED.format(email=email, provider=provider))
    reason = "more than one Heard account has that address." if len(found) > 1 else ""
    reason = reason or _link_refusal(found[0], issuer, organisation)
    if reason:
        raise SignInRefused(CANNOT_LINK.format(email=email, provider=provider, reason=reason))
    return found[0]


def _audit_link(user: User, issuer: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=user,
        object_repr=f"{user.get_username()} joined to single sign-on",
        changes={"single_sign_on": [None, issuer]},
    )


@transaction.atomic
def oidc_user_sync(
    *, issuer: str, subject: str, claims: dict[str, Any], organisation: Organisation, roles: set[str]
) -> User:
    """The Heard user of the provider's (issuer, subject), created on their first sign-in and
    brought up to date with the claims on every one."""
    identity = SignInIdentity.objects.select_for_update().filter(issuer=issuer, subject=subject).first()
    linking = (
        None
        if identity is not None
        else account_to_link(issuer=issuer, claims=claims, organisation=organisation)
    )
    before: dict[str, Any] = {}
    if identity is None and linking is None:
        wanted = claims.get("preferred_username") or claims.get("email") or subject
        user = User(username=_free_username(str(wanted)))
        user.set_unusable_password()
    else:
        user = linking if linking is not None else identity.user  # type: ignore[union-attr]
        before = snapshot(user, SYNCED_FIELDS)
    user.email = str(claims.get("email") or user.email)[:254]
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.organisation = organisation
    user.full_clean()
    user.save()
    if identity is None:
        SignInIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        if linking is not None:
            _audit_link(user, issuer)
    else:
        SignInIdentity.objects.filter(pk=identity.pk).update(last_seen=timezone.now())
    roles_before = sorted(user.roles)
    user_set_roles(user=user, roles=roles)
    changes = diff(before, snapshot(user, SYNCED_FIELDS))
    if roles_before != sorted(roles):
        changes["roles"] = [roles_before, sorted(roles)]
    if changes:
        action = AuditAction.CREATE if identity is None and linking is None else AuditAction.UPDATE
        audit_record(actor=user, action=action, obj=user, changes=changes)
    return user


def _audiences(payload: dict[str, Any]) -> list[str]:
    aud = payload.get("aud")
    return [aud] if isinstance(aud, str) else [str(a) for a in aud or []]


class HeardOIDCBackend(OIDCAuthenticationBackend):
    """Listed in AUTHENTICATION_BACKENDS always; does nothing unless HEARD_OIDC_ENABLED."""

    request: HttpRequest

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = oidc_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not self.enabled or request is None or "nonce" not in kwargs:
            return None  # a password sign-in, or single sign-on turned off
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        issuer = str(getattr(settings, "OIDC_OP_ISSUER", "") or "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        if self.OIDC_RP_CLIENT_ID not in _audiences(payload):
            raise SuspiciousOperation("The ID token is for another client.")
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo is about somebody else.")
        claims = {**payload, **claims}
        organisation = organisation_from_claims(claims)
        if organisation is None:
            self.request.heard_oidc_refusal = NO_ORGANISATION.format(provider=provider_name())  # type: ignore[attr-defined]
            return None
        try:
            user = oidc_user_sync(
                issuer=str(payload.get("iss", "")),
                subject=str(payload["sub"]),
                claims=claims,
                organisation=organisation,
                roles=roles_from_claims(claims),
            )
        except SignInRefused as refusal:
            self.request.heard_oidc_refusal = str(refusal)  # type: ignore[attr-defined]
            return None
        except ValidationError as error:
            log.warning("Single sign-on refused for %s: %s", payload.get("sub"), error.messages)
            self.request.heard_oidc_refusal = (  # type: ignore[attr-defined]
                f"Your account at {provider_name()} has details Heard cannot use: " + " ".join(error.messages)
            )
            return None
        self.request.heard_oidc_mfa = provider_used_two_factors(payload.get("amr"))  # type: ignore[attr-defined]
        return user
