"""A read-only look at the snapshot audit's imports in the admin: they are made and undone on
the audit's pages, where the file is checked and the rules apply. Imported by hooks_audit.py."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from governance.admin_mixins import AuditedAdmin

from .models import AuditImport


@admin.register(AuditImport)
class AuditImportAdmin(AuditedAdmin):
    list_display = [
        "file_name",
        "partnership",
        "organisation",
        "imported_by_name",
        "created_at",
        "created",
        "state",
    ]
    list_filter = ["state", "partnership"]
    search_fields = ["file_name", "imported_by_name"]
    list_select_related = ["partnership", "organisation"]
    exclude = ["activities"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return AuditImport.objects.visible_to(request.user).select_related("partnership", "organisation")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
