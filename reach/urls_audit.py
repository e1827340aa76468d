"""Staff pages of reach (audit): the dashboard (the staff home, /staff/) and the partnership
snapshot audit, mounted under /staff/."""

from django.urls import URLPattern, path, re_path

from . import audit_views as views
from . import audit_views_import as imports

app_name = "audit"
urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="dashboard"),
    path("audit/", views.report, name="report"),
    re_path(r"^audit/report\.(?P<file_format>pdf|xlsx)$", views.report_download, name="report_export"),
    path("audit/template/", views.template_page, name="template"),
    re_path(
        r"^audit/template\.(?P<file_format>csv|xlsx)$", views.template_download, name="template_download"
    ),
    path("audit/imports/", imports.import_list_page, name="import_list"),
    path("audit/imports/new/", imports.import_upload, name="import_upload"),
    path("audit/imports/new/check/", imports.import_map, name="import_map"),
    path("audit/imports/<int:pk>/", imports.import_detail_page, name="import_detail"),
    path("audit/imports/<int:pk>/undo/", imports.import_undo_page, name="import_undo"),
]
