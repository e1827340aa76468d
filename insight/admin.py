"""Admin for fixing analysis data. Analysts work through the staff pages, which check the rules
and keep the themes consistent, so themes and coded answers are read-only here. Intelligence
flags stay with intelligence officers even in the admin: the admin's model permissions alone
never show them."""

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from governance.admin_mixins import AuditedAdmin

from .models import AnalysisRun, CodedAnswer, IntelligenceFlag, Priority, Theme


class ReadOnlyAdmin(AuditedAdmin):
    """Shown, never added, changed or removed here: the staff pages start runs (queueing the
    task) and keep themes and coded answers consistent (sizes, quotes) when they change."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(AnalysisRun)
class AnalysisRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "subject", "organisation", "state", "progress", "answer_count", "created_at"]
    list_filter = ["state", "organisation"]
    list_select_related = ["question", "organisation"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[AnalysisRun]:
        return self.model.objects.visible_to(request.user)


@admin.register(Theme)
class ThemeAdmin(ReadOnlyAdmin):
    list_display = ["label", "run", "size", "reviewed", "position"]
    list_filter = ["reviewed"]
    list_select_related = ["run__question"]
    search_fields = ["label"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Theme]:
        return self.model.objects.visible_to(request.user)


@admin.register(CodedAnswer)
class CodedAnswerAdmin(ReadOnlyAdmin):
    list_display = ["id", "run", "theme", "is_empty_bucket", "confidence"]
    list_filter = ["is_empty_bucket"]
    list_select_related = ["run__question", "theme"]
    raw_id_fields = ["run", "answer", "theme"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CodedAnswer]:
        return self.model.objects.visible_to(request.user)


def _is_intelligence_officer(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.has_perm("insight.view_flag"))


FLAG_FIELDS: list[str] = [
    "answer_text",
    "organisation",
    "run",
    "score",
    "reasons",
    "state",
    "reference",
    "reason",
    "decided_by",
    "decided_at",
    "response_withdrawn_at",
    "created_at",
]


@admin.register(IntelligenceFlag)
class IntelligenceFlagAdmin(AuditedAdmin):
    """Only for intelligence officers of the owning organisation (not even superusers otherwise), whatever
    model permissions an admin user has. Passing on and dismissing happen in the triage queue,
    which records who decided; here only the reference or reason can be corrected."""

    list_display = ["id", "organisation", "state", "score", "created_at", "decided_at"]
    list_filter = ["state"]
    date_hierarchy = "created_at"
    fields = tuple(FLAG_FIELDS)
    readonly_fields = [f for f in FLAG_FIELDS if f not in ("reference", "reason")]

    @admin.display(description="Answer")
    def answer_text(self, flag: IntelligenceFlag) -> str:
        return flag.shown_text

    def get_queryset(self, request: HttpRequest) -> QuerySet[IntelligenceFlag]:
        return IntelligenceFlag.objects.visible_to(request.user).select_related("answer", "organisation")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_intelligence_officer(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _is_intelligence_officer(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _is_intelligence_officer(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _is_intelligence_officer(request) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # flags come from analyses


@admin.register(Priority)
class PriorityAdmin(AuditedAdmin):
    list_display = ["label", "area", "quarter", "rank", "source", "is_public", "organisation"]
    list_filter = ["source", "is_public", "quarter", "organisation"]
    list_select_related = ["area", "organisation"]
    search_fields = ["label", "area__name", "area__code"]
    raw_id_fields = ["area", "theme", "question", "created_by"]
    readonly_fields = ["marking"]  # raised on the staff pages, never lowered below its theme's

    def get_queryset(self, request: HttpRequest) -> QuerySet[Priority]:
        return Priority.private_objects.visible_to(request.user).select_related("area", "organisation")
