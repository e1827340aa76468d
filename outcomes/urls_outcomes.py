"""Staff pages of outcomes (outcomes), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "outcomes"
urlpatterns: list[URLPattern] = []
