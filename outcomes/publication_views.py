"""Staff pages of the publication scheme: asking for a bundle of a period and area, its progress
while the background task makes it, its files and their checksums, and the download. Thin
adapters over publication_selectors.py and publication_services.py."""

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import require
from organisations.http import StaffRequest

from . import publication_selectors as selectors
from .loop_views import apply_error
from .publication_services import publication_bundle_request, publication_bundles_fail_stale
from .reports_forms import DATE_WIDGET, ReportsForm


class BundleForm(ReportsForm):
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": gettext_lazy("Enter a real date")},
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": gettext_lazy("Enter a real date")},
        help_text=gettext_lazy("Leave the dates for the twelve months up to today."),
    )
    area = forms.ChoiceField(
        label=gettext_lazy("Area"),
        required=False,
        help_text=gettext_lazy("With every area inside it. Leave it for every area."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("end", gettext("The end of the period must be on or after its start"))
        return data


def _ask(request: StaffRequest, form: BundleForm) -> HttpResponse | None:
    require(request.user, "outcomes.add_publication_bundle")
    if not form.is_valid():
        return None
    try:
        period = selectors.bundle_period(
            start=form.cleaned_data.get("start"),
            end=form.cleaned_data.get("end"),
            area=form.cleaned_data.get("area") or "",
        )
        bundle = publication_bundle_request(
            user=request.user, start=period.start, end=period.end, area=period.area
        )
    except ValidationError as error:
        apply_error(form, error)
        return None
    return redirect("publication:bundle_detail", pk=bundle.pk)


@login_required
@require_http_methods(["GET", "POST"])
def bundle_list(request: StaffRequest) -> HttpResponse:
    publication_bundles_fail_stale()
    bundles = selectors.bundle_list(user=request.user)
    form = BundleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        made = _ask(request, form)
        if made is not None:
            return made
    page = Paginator(bundles, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "can_ask": request.user.has_perm("outcomes.add_publication_bundle"),
    }
    return render(
        request, "outcomes/publication/bundle_list.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def bundle_detail(request: StaffRequest, pk: int) -> HttpResponse:
    publication_bundles_fail_stale()
    bundle = selectors.bundle_get(user=request.user, pk=pk)
    if request.htmx and bundle.is_active:
        return render(request, "outcomes/publication/_progress.html", {"bundle": bundle})
    if request.htmx:  # finished: reload the whole page to show the files
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "outcomes/publication/bundle_detail.html", {"bundle": bundle})


@login_required
@require_GET
def bundle_file(request: StaffRequest, pk: int) -> HttpResponse:
    bundle = selectors.bundle_get(user=request.user, pk=pk)
    return selectors.bundle_download(user=request.user, bundle=bundle)
