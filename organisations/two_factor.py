"""Two-factor sign-in: who must use it, what a session still owes, and the devices behind it.

django-otp keeps the devices (one TOTP device per person for an authenticator app, one static
device holding the recovery codes), checks codes and throttles wrong ones (each failure doubles
the wait before the next try). Heard adds only its own rules: who must have a second factor
(`predicates.handles_sensitive_records`, when HEARD_REQUIRE_TWO_FACTOR is on), and the step a
signed-in session is at (`SESSION_KEY`), which `two_factor_middleware` enforces on every page.

A single sign-on counts as two-factor when the provider says it used more than a password (its
`amr` claim holds "mfa" or "otp", RFC 8176); otherwise Heard asks for its own second factor."""

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditAction
from governance.services import audit_record

from .models import User
from .predicates import handles_sensitive_records

SESSION_KEY = "heard_second_factor"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# Authentication methods (RFC 8176) that mean the provider asked for more than a password.
STRONG_METHODS = frozenset({"mfa", "otp", "hwk", "swk", "sms", "face", "fpt", "iris", "retina"})


class Step(StrEnum):
    DONE = "done"  # signed in with whatever this person needs
    VERIFY = "verify"  # has an authenticator app: must give a code
    ENROL = "enrol"  # must set one up before anything else


def required_for(user: Any) -> bool:
    return bool(getattr(settings, "HEARD_REQUIRE_TWO_FACTOR", False) and handles_sensitive_records(user))


def has_authenticator(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def provider_used_two_factors(methods: Any) -> bool:
    """Whether an `amr` claim (a list, or a space-separated string) names a second factor."""
    if isinstance(methods, str):
        methods = methods.split()
    if not isinstance(methods, list | tuple):
        return False
    return bool(STRONG_METHODS.intersection(str(m).lower() for m in methods))


def must_set_up(user: Any) -> bool:
    """An admin reset their second factor (two_factor_admin.py): they set it up again first."""
    return bool(getattr(user, "must_set_up_two_factor", False))


def step_for(user: Any) -> Step:
    if has_authenticator(user):
        return Step.VERIFY
    return Step.ENROL if required_for(user) or must_set_up(user) else Step.DONE


def pending_step(request: HttpRequest) -> Step:
    """The step of a signed-in session; worked out once (at sign-in, or on the first request of
    a session older than this feature) and kept in the session. A reset by an admin holds even
    a session already signed in (the flag is on the user, read with them on every request)."""
    if must_set_up(request.user):
        return Step.ENROL
    state = str(request.session.get(SESSION_KEY, ""))
    if state in Step.__members__.values():
        return Step(state)
    step = step_for(request.user)
    request.session[SESSION_KEY] = str(step)
    return step


def mark_done(request: HttpRequest, device: Device | None = None) -> None:
    if device is not None:
        django_otp.login(request, device)
    request.session[SESSION_KEY] = str(Step.DONE)


@receiver(user_logged_in, dispatch_uid="heard_second_factor_step")
def _on_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = str(step_for(user))


def app_device_for_setup(user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the set-up page shows (the same one until confirmed,
    so that reloading the page does not change the QR code under the person's phone)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def normalise_code(code: str) -> str:
    return "".join(code.split()).lower()


def _check(devices: Iterable[Device], code: str) -> tuple[Device | None, bool]:
    """(the device the code belongs to, whether any device refused for now: throttled)."""
    throttled = False
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            return device, False
    return None, throttled


def app_device_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code from the app; its recovery codes on success, else None."""
    matched, _ = _check([device], normalise_code(code))
    if matched is None:
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.full_clean()
        device.save()
        if user.must_set_up_two_factor:
            User.objects.filter(pk=user.pk).update(must_set_up_two_factor=False)
            user.must_set_up_two_factor = False
        codes = recovery_codes_replace(user=user)
        audit_record(actor=user, action=AuditAction.UPDATE, obj=user, changes={"two_factor": [False, True]})
    return codes


def code_verify(*, user: User, code: str) -> tuple[Device | None, bool]:
    """A code from the app or a recovery code (used up by this): (its device, throttled). The
    code's shape says which, so that a wrong guess slows down only the kind it guessed."""
    code = normalise_code(code)
    if code.isdigit() and len(code) <= 8:
        return _check(TOTPDevice.objects.filter(user=user, confirmed=True), code)
    return _check(StaticDevice.objects.filter(user=user, confirmed=True), code)


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new one-time recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def second_factor_remove(*, user: User, actor: User | None) -> None:
    """Turns two-factor sign-in off: by the person themselves (`actor` is `user`), or for them
    from the command line (`two_factor_reset`: `actor` None, the system)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    changes = {"two_factor": [True, False]}
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, changes=changes)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
