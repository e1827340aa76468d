"""Staff pages of reach (audit), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "audit"
urlpatterns: list[URLPattern] = []
