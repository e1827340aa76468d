from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Activity]:
        """The activities the signed-in person may see (a superuser: all of them), like every
        other reading of activities; Activity has no unscoped `objects`."""
        activities = Activity.private_objects.visible_to(request.user).select_related("lead_organisation")
        ordering = self.get_ordering(request)
        return activities.order_by(*ordering) if ordering else activities
