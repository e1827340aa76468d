"""Staff pages of outcomes, mounted under /staff/."""

from django.urls import path

app_name = "outcomes"
urlpatterns: list[path] = []  # type: ignore[valid-type]
