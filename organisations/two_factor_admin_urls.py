"""Colleagues' two-factor sign-in (staff pages for admins), mounted under /staff/."""

from django.urls import path

from . import two_factor_admin_views as views

app_name = "colleagues"
urlpatterns = [
    path("colleagues/two-factor/", views.colleague_list, name="list"),
    path("colleagues/<int:pk>/two-factor/reset/", views.colleague_reset, name="reset"),
]
