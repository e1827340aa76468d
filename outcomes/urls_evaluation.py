"""Staff pages of outcomes (evaluation), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "evaluation"
urlpatterns: list[URLPattern] = []
