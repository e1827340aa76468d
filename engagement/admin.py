from django.contrib import admin

from governance.admin_mixins import AuditedAdmin

from .models import Activity, Aim, ChecklistAnswer, Method


@admin.register(Method)
class MethodAdmin(AuditedAdmin):
    list_display = ["name", "purpose", "collects_information_only", "is_active"]
    list_filter = ["purpose", "collects_information_only", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


class AimInline(admin.TabularInline):
    model = Aim
    extra = 0


class ChecklistAnswerInline(admin.TabularInline):
    model = ChecklistAnswer
    extra = 0
    readonly_fields = ["answered_by", "answered_at"]


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    """For superusers fixing data; staff use the register's own pages."""

    list_display = ["title", "status", "lead_organisation", "starts_at", "marking"]
    list_filter = ["status", "marking", "purpose", "level", "lead_organisation"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["areas", "audiences", "partners"]
    inlines = [AimInline, ChecklistAnswerInline]
    raw_id_fields = ["created_by", "short_window_acknowledged_by"]
