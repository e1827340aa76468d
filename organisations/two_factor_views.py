"""Pages for two-factor sign-in: set up an authenticator app, give a code when signing in, see
and replace recovery codes, remove the second factor. Thin over organisations/two_factor.py.

Wrong codes are slowed by django-otp (each failure doubles the wait) and also count as failed
sign-ins for django-axes, so guessing codes locks the account and the address like guessing
passwords does."""

from base64 import b32encode
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from .http import StaffRequest
from .oidc import oidc_enabled, provider_name
from .two_factor import (
    Step,
    app_device_confirm,
    app_device_for_setup,
    code_verify,
    has_authenticator,
    mark_done,
    pending_step,
    recovery_codes_left,
    recovery_codes_replace,
    required_for,
    second_factor_remove,
    step_for,
)

NEW_CODES_KEY = "heard_new_recovery_codes"
WRONG_CODE = "The code is not right. Check your authenticator app and try again"
TOO_MANY = "You have entered too many wrong codes. Wait a minute, then try again"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        error_messages={"required": gettext_lazy("Enter the code")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "class": "govuk-input--width-10", "spellcheck": "false"}
        ),
    )


class AppCodeForm(CodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows now"
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class RemoveForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        error_messages={"required": gettext_lazy("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("audit:dashboard")


def _qr_image(url: str) -> str:
    """The QR code of the device's otpauth:// address, as an SVG image's data: address."""
    return str(segno.make(url, error="m").svg_data_uri(scale=5, border=4))


@login_required
def overview(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "organisations/signin/two_factor.html",
        {
            "has_app": has_authenticator(request.user),
            "required": required_for(request.user),
            "codes_left": recovery_codes_left(request.user),
            "sso_enabled": oidc_enabled(),
            "sso_provider": provider_name(),
            "sso_identity": request.user.sign_in_identities.order_by("first_seen").first(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: StaffRequest) -> HttpResponse:
    if has_authenticator(request.user):
        return redirect("signin:two_factor")
    device = app_device_for_setup(request.user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = app_device_confirm(user=request.user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            mark_done(request, device)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, gettext("Two-factor sign-in is set up"))
            return HttpResponseRedirect(reverse("signin:recovery_codes") + "?next=" + _next_url(request))
        form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "organisations/signin/two_factor_setup.html",
        {
            "form": form,
            "qr": _qr_image(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": required_for(request.user),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: StaffRequest) -> HttpResponse:
    if not has_authenticator(request.user):
        return redirect("signin:two_factor")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = recovery_codes_replace(user=request.user)
        messages.success(request, gettext("You have new recovery codes. The old ones no longer work"))
        return redirect("signin:recovery_codes")
    return render(
        request,
        "organisations/signin/recovery_codes.html",
        {
            "codes": request.session.pop(NEW_CODES_KEY, None),
            "codes_left": recovery_codes_left(request.user),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: StaffRequest) -> HttpResponse:
    if not has_authenticator(request.user):
        return redirect("signin:two_factor")
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            second_factor_remove(user=request.user, actor=request.user)
            request.session["heard_second_factor"] = str(step_for(request.user))
            messages.success(request, gettext("Two-factor sign-in is turned off"))
            return redirect("signin:two_factor")
        form.add_error("password", gettext("The password is not right"))
    return render(
        request,
        "organisations/signin/two_factor_remove.html",
        {"form": form, "required": required_for(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: StaffRequest) -> HttpResponse:
    if pending_step(request) != Step.VERIFY:
        return HttpResponseRedirect(_next_url(request))
    credentials = {"username": request.user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    form.fields[
        "code"
    ].help_text = "The 6-digit code your authenticator app shows, or one of your recovery codes"
    if request.method == "POST" and form.is_valid():
        device, throttled = code_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            mark_done(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = recovery_codes_left(request.user)
                messages.info(
                    request, gettext("You used a recovery code. You have %(left)s left") % {"left": left}
                )
            return HttpResponseRedirect(_next_url(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return get_lockout_response(request, None, credentials)
        form.add_error("code", TOO_MANY if throttled else WRONG_CODE)
    return render(request, "organisations/signin/verify.html", {"form": form, "next": _next_url(request)})
