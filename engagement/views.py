"""Staff pages for the activity register: adapters over selectors.py (what a page shows) and
services.py (writes), the same ones the API uses."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.lifecycle import TransitionConflict
from core.permissions import require
from organisations.http import StaffRequest

from . import selectors, services
from .checklist import POINTS_BY_NUMBER
from .exports import activities_export
from .forms import ActivityForm, ChecklistAnswerForm, EngagementPlanForm, aim_formset
from .lifecycle import ACTION_LABELS
from .models import Activity, Answer


@login_required
def activity_list(request: StaffRequest) -> HttpResponse:
    activity_filter = selectors.activity_filter(user=request.user, data=request.GET)
    page = Paginator(activity_filter.qs, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": activity_filter,
        "page_obj": page,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("engagement.add_activity"),
    }
    template = "engagement/_activity_results.html" if request.htmx else "engagement/activity_list.html"
    return render(request, template, context)


@login_required
def activity_export(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    try:
        return activities_export(user=request.user, data=request.GET, file_format=file_format)
    except ValidationError as error:
        return HttpResponse(
            "The filters are not valid: " + " ".join(error.messages), status=400, content_type="text/plain"
        )


@login_required
def activity_detail(request: StaffRequest, pk: int) -> HttpResponse:
    detail = selectors.activity_detail(user=request.user, pk=pk)
    return render(request, "engagement/activity_detail.html", {"detail": detail, "activity": detail.activity})


def _save_activity(request: StaffRequest, activity: Activity | None) -> HttpResponse:
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    aims = aim_formset(data=request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid() and aims.is_valid():
        values = {"aims": aims.aim_inputs(), **form.service_kwargs(), **form.relation_kwargs()}
        try:
            if activity is None:
                activity = services.activity_create(user=request.user, **values)
                messages.success(request, f"“{activity.title}” added to the register as a draft.")
            else:
                activity = services.activity_update(user=request.user, activity=activity, **values)
                messages.success(request, "Changes saved.")
            return redirect("engagement:activity_detail", pk=activity.pk)
        except ValidationError as error:
            form.apply_service_error(error)
    return render(
        request,
        "engagement/activity_form.html",
        {
            "form": form,
            "aims": aims,
            "activity": activity,
            "window_warning": form.instance.window_warning() if form.is_bound else "",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "engagement.add_activity")
    return _save_activity(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "engagement.change_activity", activity)
    return _save_activity(request, activity)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "engagement.delete_activity", activity)
    if request.method == "POST":
        try:
            services.activity_delete(user=request.user, activity=activity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("engagement:activity_detail", pk=activity.pk)
        messages.success(request, f"“{activity.title}” deleted.")
        return redirect("engagement:activity_list")
    return render(request, "engagement/activity_delete.html", {"activity": activity})


@login_required
@require_POST
def activity_transition(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    target = request.POST.get("to", "")
    seen = request.POST.get("from", "")
    try:
        services.activity_transition(
            user=request.user,
            activity=activity,
            to=target,
            confirmed=request.POST.get("confirmed") == "yes",
            note=request.POST.get("note", "")[:500],
            seen=seen or None,
        )
    except services.ConfirmationRequired as question:
        context = {
            "activity": activity,
            "to": target,
            "seen": seen,
            "label": ACTION_LABELS[target],
            "message": question.message,
        }
        return render(request, "engagement/transition_confirm.html", context)
    except TransitionConflict as conflict:
        messages.error(request, conflict.message + " Check it, then choose again.")
        return redirect("engagement:activity_detail", pk=activity.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("engagement:activity_detail", pk=activity.pk)
    messages.success(request, f"The activity is now {activity.get_status_display().lower()}.")
    return redirect("engagement:activity_detail", pk=activity.pk)


@login_required
def activity_checklist(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    rows = selectors.checklist_rows(user=request.user, activity=activity)
    context = {
        "activity": activity,
        "progress": selectors.checklist_progress(rows=rows),
        "can_change": request.user.has_perm("engagement.change_activity", activity),
        "answer_choices": Answer.choices,
    }
    return render(request, "engagement/checklist.html", context)


@login_required
@require_POST
def checklist_answer(request: StaffRequest, pk: int, point: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "engagement.change_activity", activity)
    if point not in POINTS_BY_NUMBER:
        return HttpResponse("The checklist has points 1 to 25.", status=404, content_type="text/plain")
    form = ChecklistAnswerForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.checklist_answer_set(
                user=request.user, activity=activity, point=point, **form.cleaned_data
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Choose done, not done or not applicable."
    if request.htmx:
        rows = selectors.checklist_rows(user=request.user, activity=activity)
        context = {
            "activity": activity,
            "row": next(r for r in rows if r.number == point),
            "error": error,
            "can_change": True,
            "answer_choices": Answer.choices,
        }
        return render(request, "engagement/_checklist_point.html", context, status=400 if error else 200)
    if error:
        messages.error(request, f"Point {point}: {error}")
    else:
        messages.success(request, f"Point {point} saved.")
    url = reverse("engagement:activity_checklist", kwargs={"pk": activity.pk})
    return redirect(f"{url}#point-{point}")


@login_required
@require_http_methods(["GET", "POST"])
def activity_plan(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "engagement.change_activity", activity)
    form = EngagementPlanForm(request.POST or None, instance=selectors.plan_get(activity=activity))
    if request.method == "POST" and form.is_valid():
        services.engagement_plan_set(user=request.user, activity=activity, **form.cleaned_data)
        messages.success(request, "Engagement plan saved.")
        return redirect("engagement:activity_detail", pk=activity.pk)
    return render(
        request,
        "engagement/plan_form.html",
        {"activity": activity, "form": form},
        status=400 if form.is_bound else 200,
    )
