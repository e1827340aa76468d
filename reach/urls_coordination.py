"""Staff pages of reach (coordination), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "coordination"
urlpatterns: list[URLPattern] = []
