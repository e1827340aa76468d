"""Staff pages of the reports: the board view, the evidence pack, the annual reports (asking for
one, its progress while it is made, the report and its files). Thin adapters over the selectors
(reports_selectors.py, reports_board.py), the services (reports_services.py) and the files
(reports_documents.py)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import require
from organisations.http import StaffRequest

from . import reports_selectors as selectors
from .loop_views import apply_error
from .reports_board import board
from .reports_doc import Doc, for_web, with_svg
from .reports_documents import evidence_pack_download, report_download
from .reports_forms import AnnualReportForm, BoardForm, EvidencePackForm
from .reports_services import annual_report_request, evidence_pack_keep, reports_fail_stale

TILE_CHART = 420  # a board tile's chart, drawn at about the width of half the page


@login_required
@require_GET
def board_view(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_board")
    form = BoardForm(request.GET or None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    year, area = form.chosen()
    shown = board(user=request.user, year=year, area=area)
    charts = {t.key: with_svg(t.chart, f"board-{t.key}", width=TILE_CHART) for t in shown.tiles if t.chart}
    rows = [shown.tiles[i : i + 2] for i in range(0, len(shown.tiles), 2)]
    context = {
        "form": form,
        "board": shown,
        "rows": rows,
        "charts": charts,
        "can_ask": request.user.has_perm("outcomes.add_report"),
    }
    return render(request, "outcomes/reports/board.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: StaffRequest) -> HttpResponse:
    reports_fail_stale()
    reports = selectors.report_list(user=request.user)
    can_ask = request.user.has_perm("outcomes.add_report")
    form = AnnualReportForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "outcomes.add_report")
        if form.is_valid():
            try:
                report = annual_report_request(
                    user=request.user, year=form.cleaned_data["year"], area=form.chosen_area()
                )
            except ValidationError as error:
                apply_error(form, error)
            else:
                return redirect("reports:report_detail", pk=report.pk)
    page = Paginator(reports, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "can_ask": can_ask}
    return render(request, "outcomes/reports/report_list.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def report_detail(request: StaffRequest, pk: int) -> HttpResponse:
    reports_fail_stale()
    report = selectors.report_get(user=request.user, pk=pk)
    if request.htmx and report.is_active:
        return render(request, "outcomes/reports/_progress.html", {"report": report})
    if request.htmx:  # finished: reload the whole page to show the report
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    context = {"report": report, "doc": selectors.report_document(report=report)}
    return render(request, "outcomes/reports/report_detail.html", context)


@login_required
@require_GET
def report_file(request: StaffRequest, pk: int, file_format: str) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    return report_download(user=request.user, report=report, file_format=file_format)


def _keep(request: StaffRequest, form: EvidencePackForm) -> HttpResponse | None:
    """A kept copy of the pack asked for: queued, then its page (None: the form has problems)."""
    require(request.user, "outcomes.add_report")
    if not form.is_valid():
        return None
    try:
        query = selectors.evidence_query(user=request.user, **form.query_kwargs())
        report = evidence_pack_keep(
            user=request.user,
            start=query.period.start,
            end=query.period.end,
            area=query.period.area,
            target=query.target,
        )
    except ValidationError as error:
        apply_error(form, error)
        return None
    return redirect("reports:report_detail", pk=report.pk)


def _pack(request: StaffRequest, form: EvidencePackForm) -> HttpResponse | Doc | None:
    """The pack asked for: a file when a format is asked for, else its document for the page
    (None: the form has problems)."""
    try:
        query = selectors.evidence_query(user=request.user, **form.query_kwargs())
        data = selectors.evidence_pack(user=request.user, query=query)
        file_format = request.GET.get("format", "")
        if file_format:
            return evidence_pack_download(user=request.user, data=data, file_format=file_format)
    except ValidationError as error:
        apply_error(form, error)
        return None
    return for_web(selectors.write(data))


@login_required
@require_http_methods(["GET", "POST"])
def evidence_pack(request: StaffRequest) -> HttpResponse:
    """The statutory evidence pack of a period and area: on the page, as a PDF or HTML file
    (`?format=pdf`), or kept as a report (a POST)."""
    require(request.user, "outcomes.view_evidence_pack")
    posted = request.method == "POST"
    form = EvidencePackForm(request.POST if posted else request.GET, user=request.user)
    if posted:
        kept = _keep(request, form)
        if kept is not None:
            return kept
    shown = _pack(request, form) if not posted and form.is_valid() else None
    if isinstance(shown, HttpResponse):
        return shown
    context = {
        "form": form,
        "doc": shown,
        "query_string": request.GET.urlencode(),
        "can_keep": request.user.has_perm("outcomes.add_report"),
    }
    return render(request, "outcomes/reports/evidence_pack.html", context, status=400 if form.errors else 200)
