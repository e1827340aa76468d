"""Public pages of outcomes (the participant evaluation form), mounted under /evaluate/."""

from django.urls import URLPattern, path

from . import evaluation_public as views

app_name = "evaluate"
urlpatterns: list[URLPattern] = [
    path("", views.find, name="find"),
    path("<str:code>/", views.form, name="form"),
]
