"""Addresses for signing in beyond Django's login and logout (heard/urls.py mounts them under
accounts/ in the `signin` namespace): single sign-on, two-factor sign-in, password reset."""

from django.urls import path

from . import oidc_views, signin_views, two_factor_views

app_name = "signin"

urlpatterns = [
    path("single-sign-on/", oidc_views.SignInStart.as_view(), name="oidc_start"),
    path("single-sign-on/callback/", oidc_views.SignInCallback.as_view(), name="oidc_callback"),
    path("two-factor/", two_factor_views.overview, name="two_factor"),
    path("two-factor/set-up/", two_factor_views.setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes, name="recovery_codes"),
    path("two-factor/remove/", two_factor_views.remove, name="two_factor_remove"),
    path("two-factor/code/", two_factor_views.verify, name="verify"),
    path("password-reset/", signin_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", signin_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        signin_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        signin_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
