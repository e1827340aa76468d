"""Staff pages of reach (reach), mounted under /staff/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "reach"
urlpatterns: list[URLPattern] = []
