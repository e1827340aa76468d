"""Admin changes go into the audit log like any other change."""

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import AuditAction
from .services import audit_record


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            obj=obj,
            changes={"fields": list(form.changed_data), "via": "admin"},
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit_record(actor=request.user, action=AuditAction.DELETE, obj=obj, changes={"via": "admin"})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            audit_record(actor=request.user, action=AuditAction.DELETE, obj=obj, changes={"via": "admin"})
        super().delete_queryset(request, queryset)
