from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api.api import api

admin.site.site_header = "Heard administration"
admin.site.site_title = "Heard"

urlpatterns = [
    path("", include("website.urls")),
    path("consultations/", include("consultations.public_urls")),
    path("staff/", include("engagement.urls")),
    path("staff/", include("consultations.urls")),
    path("staff/", include("insight.urls")),
    path("staff/", include("reach.urls")),
    path("staff/", include("outcomes.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
