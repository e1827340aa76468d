from django.contrib import admin
from django.http import HttpRequest

from governance.admin_mixins import AuditedAdmin

from .models import Area, Audience, PopulationCount, Postcode


@admin.register(Audience)
class AudienceAdmin(AuditedAdmin):
    list_display = ["name", "kind", "dimension", "is_active"]
    list_filter = ["kind", "dimension", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Area)
class AreaAdmin(AuditedAdmin):
    """Areas come from the import commands; the admin is for looking and small corrections.
    The tree (parent, path) is only changed by the imports, which keep paths consistent."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    readonly_fields = ["parent", "msoa", "path"]


@admin.register(PopulationCount)
class PopulationCountAdmin(admin.ModelAdmin):
    list_display = ["area", "dimension", "category", "count"]
    list_filter = ["dimension"]
    search_fields = ["area__code", "area__name", "category"]
    list_select_related = ["area"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["postcode", "lsoa"]
    search_fields = ["postcode"]
    list_select_related = ["lsoa"]
    raw_id_fields = ["lsoa"]
