"""The audit log's staff pages (governance/views_audit.py), mounted under /staff/."""

from django.urls import path, re_path

from . import views_audit as views

app_name = "auditlog"
urlpatterns = [
    path("audit-log/", views.audit_list, name="list"),
    re_path(r"^audit-log/export\.(?P<file_format>csv|xlsx)$", views.audit_export, name="export"),
    re_path(
        r"^audit-log/records/(?P<object_type>[a-z0-9_]+\.[a-z0-9_]+)/(?P<object_id>[A-Za-z0-9_.:-]{1,64})/$",
        views.audit_record,
        name="record",
    ),
]
