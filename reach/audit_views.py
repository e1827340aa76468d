"""Staff pages of the snapshot audit's report and template, and the dashboard: thin adapters over
audit_report / audit_dashboard (what a page shows, shared with api/audit.py)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from core.permissions import require
from engagement.models import Level, Purpose
from organisations.http import StaffRequest
from organisations.models import Organisation

from .audit_dashboard import dashboard as dashboard_of
from .audit_exports import report_export, template_response
from .audit_forms import EVERY, AuditReportForm, DashboardAreaForm
from .audit_report import AuditReport, audit_report
from .audit_scope import audit_scope, report_partnerships
from .audit_taxonomy import Taxonomy
from .audit_template import COLUMNS
from .forms_reach import apply_error
from .selectors_reach import area_get


@login_required
def dashboard(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_dashboard")
    code = request.GET.get("area") or ""
    shown = dashboard_of(user=request.user, area=area_get(code) if code else None)
    form = DashboardAreaForm(initial={"area": shown.area.code if shown.area else ""}, areas=shown.areas)
    return render(request, "reach/audit/dashboard.html", {"dashboard": shown, "form": form})


def _report(request: StaffRequest) -> tuple[AuditReportForm, AuditReport | None]:
    form = AuditReportForm(request.GET or None, partnerships=report_partnerships(user=request.user))
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    partnership = None if data.get("partnership") == EVERY else form.chosen_partnership()
    try:
        scope = audit_scope(
            user=request.user,
            partnership=partnership,
            area=area_get(data["area"]) if data.get("area") else None,
            since=data.get("since"),
            until=data.get("until"),
        )
    except ValidationError as error:
        if not form.is_bound:
            return form, None
        apply_error(form, error)
        return form, None
    return form, audit_report(user=request.user, scope=scope)


@login_required
def report(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_partnership_audit")
    form, shown = _report(request)
    context = {
        "form": form,
        "report": shown,
        "query": request.GET.urlencode(),
        "can_import": request.user.has_perm("reach.import_partner_activities"),
    }
    return render(request, "reach/audit/report.html", context, status=400 if form.errors else 200)


@login_required
def report_download(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    require(request.user, "reach.export_partnership_audit")
    form, shown = _report(request)
    if shown is None:
        problems = "; ".join(str(m) for errors in form.errors.values() for m in errors) or "Choose an area."
        return HttpResponse("The choice is not valid: " + problems, status=400, content_type="text/plain")
    return report_export(user=request.user, report=shown, file_format=file_format)


@login_required
def template_page(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_partnership_audit")
    taxonomy = Taxonomy.load()
    context = {
        "columns": COLUMNS,
        "methods": list(taxonomy.methods.values()),
        "audiences": list(taxonomy.audiences.values()),
        "purposes": [label for _, label in Purpose.choices],
        "levels": [str(label).split(" (")[0] for _, label in Level.choices],
        "organisations": Organisation.objects.filter(is_active=True).order_by("name"),
        "can_import": request.user.has_perm("reach.import_partner_activities"),
    }
    return render(request, "reach/audit/template.html", context)


@login_required
def template_download(request: StaffRequest, file_format: str) -> HttpResponse:
    return template_response(user=request.user, file_format=file_format)
