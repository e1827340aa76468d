from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from governance.admin_mixins import AuditedAdmin

from .models import ApiToken, DataSharingAgreement, Organisation, Partnership, User, UserRole


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "sector", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["areas"]


@admin.register(Partnership)
class PartnershipAdmin(AuditedAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    filter_horizontal = ["members", "areas"]


@admin.register(DataSharingAgreement)
class DataSharingAgreementAdmin(AuditedAdmin):
    """Kept for repairs; organisations' admins manage agreements on the staff pages
    (organisations/agreements_views.py)."""

    list_display = ["title", "owner", "recipient", "starts", "ends"]
    list_filter = ["scopes__scope"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[DataSharingAgreement]:
        return DataSharingAgreement.objects.visible_to(request.user)


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin, AuditedAdmin):
    inlines = [UserRoleInline]
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["organisation", "role_grants__role", "is_active", "is_superuser"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("Heard", {"fields": ("organisation", "job_title", "phone")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return User.objects.visible_to(request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["name", "user", "created_at", "revoked_at"]
    readonly_fields = ["key_hash", "created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        return ApiToken.objects.visible_to(request.user)
