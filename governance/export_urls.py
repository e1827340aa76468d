"""Staff pages of exports made in the background (governance/export_views.py), under /staff/."""

from django.urls import include, path

from . import export_views as views

exports = (
    [
        path("", views.export_list, name="list"),
        path("<int:pk>/", views.export_detail, name="detail"),
        path("<int:pk>/file/", views.export_download, name="download"),
    ],
    "exports",
)
urlpatterns = [path("exports/", include(exports))]
