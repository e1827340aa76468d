"""Staff pages of outcomes (measures), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "measures"
urlpatterns: list[URLPattern] = []
