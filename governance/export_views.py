"""The pages of exports made in the background: "Your exports", one export's progress (polled
by HTMX, or refreshed by hand without JavaScript) and its file. Thin adapters over
governance/export_jobs.py, which the API (api/exports.py) uses too."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .export_jobs import export_job_download, export_job_get, export_jobs_of, keep_days

SHOWN = 50


@login_required
@require_safe
def export_list(request: HttpRequest) -> HttpResponse:
    jobs = list(export_jobs_of(user=request.user)[:SHOWN])
    return render(request, "governance/exports/list.html", {"jobs": jobs, "keep_days": keep_days()})


@login_required
@require_safe
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = export_job_get(user=request.user, pk=pk)
    if getattr(request, "htmx", False) and job.is_active:
        return render(request, "governance/exports/_progress.html", {"job": job})
    if getattr(request, "htmx", False):  # finished: the whole page shows the link or the reason
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "governance/exports/detail.html", {"job": job, "keep_days": keep_days()})


@login_required
@require_safe
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    return export_job_download(user=request.user, pk=pk)
