"""Staff pages of reach: thin adapters over selectors_reach*.py (what a page shows, shared with
api/reach.py) and services_reach.py (writes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.permissions import require
from organisations.http import StaffRequest

from . import selectors_reach as selectors
from . import selectors_reach_more as more
from . import services_reach as services
from .charts_reach import bar_chart
from .forms_reach import (
    MapForm,
    NeighbourhoodForm,
    ParticipantsForm,
    ReachForm,
    TargetForm,
    TargetImportForm,
    apply_error,
)
from .report import ReachReport


def _charts(report: ReachReport) -> list[dict[str, object]]:
    whom = "the target population" if report.population.target else "the people who live there"
    return [
        {"dimension": d, "chart": bar_chart(d, whom=whom, chart_id=f"chart-{d.dimension}")}
        for d in report.dimensions
    ]


def _query(request: StaffRequest) -> str:
    return request.GET.urlencode()


@login_required
def reach(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_reach")
    form = ReachForm(request.GET or None, user=request.user)
    report = None
    if form.is_bound and form.is_valid():
        try:
            query = selectors.reach_query(user=request.user, **form.query_kwargs())
            report = selectors.reach_report(user=request.user, query=query)
        except ValidationError as error:
            apply_error(form, error)
    context = {
        "form": form,
        "report": report,
        "charts": _charts(report) if report else [],
        "query": _query(request),
    }
    return render(request, "reach/reach/reach.html", context, status=400 if form.errors else 200)


@login_required
def reach_export(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    form = ReachForm(request.GET or None, user=request.user)
    if not form.is_valid():
        problems = "; ".join(str(m) for errors in form.errors.values() for m in errors)
        return HttpResponse("The choice is not valid: " + problems, status=400, content_type="text/plain")
    try:
        query = selectors.reach_query(user=request.user, **form.query_kwargs())
        return selectors.reach_export(
            user=request.user, query=query, file_format=file_format, query_string=_query(request)
        )
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")


@login_required
def activity_reach(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    form = TargetForm(request.GET or None, user=request.user)
    target = form.cleaned_data.get("target") if form.is_bound and form.is_valid() else None
    report = selectors.activity_reach(user=request.user, activity=activity, target=target)
    context = {"activity": activity, "form": form, "report": report, "charts": _charts(report)}
    return render(request, "reach/reach/activity.html", context, status=400 if form.errors else 200)


@login_required
def weighted_results(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = more.questionnaire_get(user=request.user, pk=pk)
    form = TargetForm(request.GET or None, user=request.user)
    target = form.cleaned_data.get("target") if form.is_bound and form.is_valid() else None
    shown = more.weighted_results(user=request.user, questionnaire=questionnaire, target=target)
    context = {
        "questionnaire": questionnaire,
        "activity": questionnaire.activity,
        "form": form,
        "shown": shown,
        "charts": _charts(shown.report),
    }
    return render(request, "reach/reach/weighted.html", context, status=400 if form.errors else 200)


@login_required
def reach_map(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_reach")
    form = MapForm(request.GET or None)
    shown = None
    if form.is_bound and form.is_valid():
        area = selectors.area_get(form.cleaned_data["area"])
        shown = more.reach_map(user=request.user, area=area, show=form.cleaned_data.get("show") or "coverage")
    return render(
        request, "reach/reach/map.html", {"form": form, "map": shown}, status=400 if form.errors else 200
    )


@login_required
def unheard(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_reach")
    neighbourhoods = more.neighbourhoods()
    form = NeighbourhoodForm(request.GET or None, neighbourhoods=neighbourhoods)
    shown = None
    if form.is_bound and form.is_valid():
        shown = more.unheard(user=request.user, area=selectors.area_get(form.cleaned_data["area"]))
    context = {"form": form, "shown": shown, "neighbourhoods": neighbourhoods}
    return render(request, "reach/reach/unheard.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def participants(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.upload_participants")
    form = ParticipantsForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = selectors.file_reach(
                user=request.user,
                data=form.file_bytes(),
                area=form.cleaned_data.get("area") or None,
                target=form.cleaned_data.get("target") or None,
            )
        except ValidationError as error:
            apply_error(form, error)
    context = {"form": form, "report": report, "charts": _charts(report) if report else []}
    return render(request, "reach/reach/participants.html", context, status=400 if form.errors else 200)


@login_required
def target_list(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.view_target_profile")
    context = {
        "targets": selectors.target_choices(user=request.user),
        "can_add": request.user.has_perm("reach.add_target_profile"),
    }
    return render(request, "reach/reach/target_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_import(request: StaffRequest) -> HttpResponse:
    require(request.user, "reach.add_target_profile")
    form = TargetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.target_profile_import(
                user=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                source=form.cleaned_data["source"],
                is_shared=form.cleaned_data["is_shared"],
                data=form.file_bytes(),
            )
            messages.success(request, gettext("“%(name)s” imported.") % {"name": profile.name})
            return redirect("reach:target_detail", pk=profile.pk)
        except ValidationError as error:
            apply_error(form, error)
    return render(
        request, "reach/reach/target_import.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def target_detail(request: StaffRequest, pk: int) -> HttpResponse:
    profile = selectors.target_get(user=request.user, pk=pk)
    context = {
        "profile": profile,
        "dimensions": profile.dimensions(),
        "can_delete": request.user.has_perm("reach.delete_target_profile", profile),
    }
    return render(request, "reach/reach/target_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request: StaffRequest, pk: int) -> HttpResponse:
    profile = selectors.target_get(user=request.user, pk=pk)
    require(request.user, "reach.delete_target_profile", profile)
    if request.method == "POST":
        services.target_profile_delete(user=request.user, profile=profile)
        messages.success(request, gettext("“%(name)s” deleted.") % {"name": profile.name})
        return redirect("reach:target_list")
    return render(request, "reach/reach/target_delete.html", {"profile": profile})
