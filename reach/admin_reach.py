"""The admin for the maintained list of ways to reach people (and a read-only look at target
profiles, which are imported on their own page). Imported by hooks_reach.py: the admin
autodiscovers only `admin.py`, which the app's parts share."""

from django.contrib import admin
from django.http import HttpRequest

from governance.admin_mixins import AuditedAdmin

from .models import TargetProfile, TargetShare, WayToReach


@admin.register(WayToReach)
class WayToReachAdmin(AuditedAdmin):
    list_display = ["audience", "title", "order", "is_active"]
    list_filter = ["is_active", "audience"]
    search_fields = ["title", "how", "audience__name"]
    list_select_related = ["audience"]
    ordering = ["audience__name", "order", "id"]


class TargetShareInline(admin.TabularInline):
    model = TargetShare
    extra = 0
    fields = ["dimension", "category", "amount"]
    readonly_fields = ["dimension", "category", "amount"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(TargetProfile)
class TargetProfileAdmin(AuditedAdmin):
    """Looked at here; imported and deleted on the reach pages, where the file is checked."""

    list_display = ["name", "organisation", "given_as", "is_shared", "created_at"]
    list_filter = ["is_shared", "organisation"]
    search_fields = ["name"]
    readonly_fields = ["given_as", "organisation", "created_by", "created_at"]
    inlines = [TargetShareInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
