"""Reference data's staff pages, mounted under /staff/: importing Census tables, boundaries
and postcodes in the background."""

from django.urls import path

from . import views

app_name = "reference"

urlpatterns = [
    path("reference-data/", views.import_list, name="import_list"),
    path("reference-data/new/", views.import_upload, name="import_upload"),
    path("reference-data/<int:pk>/", views.import_detail, name="import_detail"),
]
