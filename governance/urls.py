"""Governance's staff pages, mounted under /staff/: each part in a URL module of its own."""

from django.urls import include, path

urlpatterns = [
    path("", include("governance.urls_audit")),
    path("", include("governance.retention_urls")),
    path("", include("governance.export_urls")),
]
