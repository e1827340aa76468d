"""Public pages of outcomes (the participant evaluation form), mounted under /evaluate/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "evaluate"
urlpatterns: list[URLPattern] = []
