"""Staff pages of reach, mounted under /staff/."""

from django.urls import path

app_name = "reach"
urlpatterns: list[path] = []  # type: ignore[valid-type]
