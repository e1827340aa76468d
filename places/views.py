"""Reference data's staff pages: past imports, the upload form, and an import's page, which
refreshes itself while the import runs (HTMX every 2 seconds; without JavaScript, a meta refresh
and a link), then shows what came of it. Superusers only (places/rules.py): 403 for anyone else."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import require

from .import_forms import ReferenceImportForm
from .import_jobs import reference_import_start
from .selectors import reference_import_get, reference_imports_list

PERM = "places.import_reference_data"


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    jobs = reference_imports_list(user=request.user)
    return render(request, "places/imports/list.html", {"jobs": jobs})


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, PERM)
    posted = request.method == "POST"
    form = ReferenceImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            job = reference_import_start(
                user=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            return redirect("reference:import_detail", pk=job.pk)
    return render(request, "places/imports/upload.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = reference_import_get(user=request.user, pk=pk)
    htmx = bool(getattr(request, "htmx", False))
    if htmx and job.is_active:
        return render(request, "places/imports/_progress.html", {"job": job})
    if htmx:  # finished: the whole page shows what came of it
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "places/imports/detail.html", {"job": job})
