"""Staff pages of reach (contacts), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "contacts"
urlpatterns: list[URLPattern] = []
