from django.contrib import admin
from django.urls import include, path

from api.api import api
from organisations.oidc_logout import SignOutView
from organisations.signin_views import SignInView

admin.site.site_header = "Heard administration"
admin.site.site_title = "Heard"

urlpatterns = [
    path("", include("website.urls")),
    path("consultations/", include("consultations.public_urls")),
    path("staff/", include("engagement.urls")),
    path("staff/", include("consultations.urls")),
    path("staff/", include("insight.urls")),
    path("staff/", include("reach.urls_reach")),
    path("staff/", include("reach.urls_contacts")),
    path("staff/", include("reach.urls_coordination")),
    path("staff/", include("reach.urls_audit")),
    path("staff/", include("outcomes.urls_outcomes")),
    path("staff/", include("outcomes.urls_evaluation")),
    path("staff/", include("outcomes.urls_measures")),
    path("staff/", include("outcomes.urls_reports")),
    path("staff/", include("outcomes.urls_publication")),
    path("staff/", include("governance.urls")),
    path("staff/", include("governance.urls_marking")),
    path("staff/", include("organisations.agreements_urls")),
    path("staff/", include("organisations.tokens_urls")),
    path("staff/", include("places.urls")),
    path("staff/", include("organisations.two_factor_admin_urls")),
    path("evaluate/", include("outcomes.public_urls")),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/", include("organisations.signin_urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
