"""Signing in with a password, and resetting a forgotten one by e-mail: Django's own views with
Heard's pages. A reset link is sent only to an active account with a password of its own (not
to single sign-on accounts), and the page after asking says the same whether or not an account
has that address, so that nobody can find out who has one."""

from typing import Any

from axes.helpers import get_cool_off
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from .oidc import oidc_enabled, provider_name

TEMPLATES = "organisations/signin"


class SignInView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(oidc_enabled=oidc_enabled(), oidc_provider=provider_name())
        return context


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.label = "Email address"
        field.error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        }


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = f"{TEMPLATES}/password_reset_form.html"
    email_template_name = f"{TEMPLATES}/password_reset_email.txt"
    subject_template_name = f"{TEMPLATES}/password_reset_subject.txt"
    success_url = reverse_lazy("signin:password_reset_done")

    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        return {"site_url": str(getattr(settings, "HEARD_SITE_URL", "")).rstrip("/")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = f"{TEMPLATES}/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = f"{TEMPLATES}/password_reset_confirm.html"
    success_url = reverse_lazy("signin:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever proved they read the account's e-mail may try again at once.
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = f"{TEMPLATES}/password_reset_complete.html"


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): 429 Too Many Requests."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else 0
    return render(request, f"{TEMPLATES}/locked_out.html", {"minutes": minutes}, status=429)
