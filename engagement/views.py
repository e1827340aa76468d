"""Staff pages for the activity register. Views stay thin: they read through querysets
that only return what the user may see and write through the services."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from governance.exports import XLSX_MIME, to_csv, to_xlsx
from governance.models import AuditEvent
from organisations.http import StaffRequest

from . import services
from .checklist import POINTS_BY_NUMBER
from .exports import HEADERS, activity_rows
from .filters import ActivityFilter
from .forms import ActivityForm, ChecklistAnswerForm, EngagementPlanForm, aim_formset
from .lifecycle import ACTION_LABELS, allowed_targets
from .models import Activity, Answer, EngagementPlan, Status, checklist_progress
from .rules import TRANSITION_RULES


def _require(request: StaffRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _visible_activity(request: StaffRequest, pk: int) -> Activity:
    """404 for an activity the user may not see, so its existence is not revealed."""
    _require(request, "engagement.view_activity")
    return get_object_or_404(Activity.private_objects.visible_to(request.user).with_related(), pk=pk)


def _filtered(request: StaffRequest) -> ActivityFilter:
    base = Activity.private_objects.visible_to(request.user).with_related()
    return ActivityFilter(request.GET or None, queryset=base)


@login_required
def activity_list(request: StaffRequest) -> HttpResponse:
    _require(request, "engagement.view_activity")
    activity_filter = _filtered(request)
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
def activity_export(request: StaffRequest, file_format: str) -> HttpResponse:
    _require(request, "engagement.export_activity")
    activity_filter = _filtered(request)
    if activity_filter.errors:
        return HttpResponse(
            "The filter is not valid: " + activity_filter.errors.as_text(),
            status=400,
            content_type="text/plain",
        )
    queryset = activity_filter.qs
    rows = list(activity_rows(queryset))
    services.activities_exported(
        user=request.user, count=len(rows), file_format=file_format, query=request.GET.urlencode()
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if file_format == "xlsx":
        body, content_type = to_xlsx(HEADERS, rows, title="Activities"), XLSX_MIME
    else:
        body, content_type = to_csv(HEADERS, rows), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="heard-activities-{stamp}.{file_format}"'
    return response


@login_required
def activity_detail(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    user = request.user
    can_change = user.has_perm("engagement.change_activity", activity)
    transitions = [
        (target, ACTION_LABELS[target])
        for target in sorted(allowed_targets(activity.status), key=lambda s: list(Status).index(s))
        if TRANSITION_RULES[target].test(user, activity)
    ]
    plan = EngagementPlan.objects.filter(activity=activity).first()
    context = {
        "activity": activity,
        "aims": activity.aims.all(),
        "progress": checklist_progress(activity),
        "plan": plan,
        "can_change": can_change,
        "can_delete": user.has_perm("engagement.delete_activity", activity),
        "transitions": transitions,
        "history": AuditEvent.objects.for_object(activity)[:20] if can_change else [],
    }
    return render(request, "engagement/activity_detail.html", context)


def _save_activity(request: StaffRequest, activity: Activity | None) -> HttpResponse:
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    aims = aim_formset(data=request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid() and aims.is_valid():
        try:
            if activity is None:
                activity = services.activity_create(
                    user=request.user,
                    aims=aims.aim_inputs(),
                    **form.service_kwargs(),
                    **form.relation_kwargs(),
                )
                messages.success(request, f"“{activity.title}” added to the register as a draft.")
            else:
                activity = services.activity_update(
                    user=request.user,
                    activity=activity,
                    aims=aims.aim_inputs(),
                    **form.service_kwargs(),
                    **form.relation_kwargs(),
                )
                messages.success(request, "Changes saved.")
            return redirect("engagement:activity_detail", pk=activity.pk)
        except ValidationError as error:
            form.apply_service_error(error)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "engagement/activity_form.html",
        {
            "form": form,
            "aims": aims,
            "activity": activity,
            "window_warning": form.instance.window_warning() if form.is_bound else "",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: StaffRequest) -> HttpResponse:
    _require(request, "engagement.add_activity")
    return _save_activity(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    _require(request, "engagement.change_activity", activity)
    return _save_activity(request, activity)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    _require(request, "engagement.delete_activity", activity)
    if request.method == "POST":
        services.activity_delete(user=request.user, activity=activity)
        messages.success(request, f"“{activity.title}” deleted.")
        return redirect("engagement:activity_list")
    return render(request, "engagement/activity_delete.html", {"activity": activity})


@login_required
@require_POST
def activity_transition(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    target = request.POST.get("to", "")
    try:
        services.activity_transition(
            user=request.user,
            activity=activity,
            to=target,
            confirmed=request.POST.get("confirmed") == "yes",
            note=request.POST.get("note", "")[:500],
        )
    except services.ConfirmationRequired as question:
        return render(
            request,
            "engagement/transition_confirm.html",
            {
                "activity": activity,
                "to": target,
                "label": ACTION_LABELS[Status(target)],
                "message": question.message,
            },
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("engagement:activity_detail", pk=activity.pk)
    activity.refresh_from_db()
    messages.success(request, f"The activity is now {activity.get_status_display().lower()}.")
    return redirect("engagement:activity_detail", pk=activity.pk)


@login_required
def activity_checklist(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    return render(
        request,
        "engagement/checklist.html",
        {
            "activity": activity,
            "progress": checklist_progress(activity),
            "can_change": request.user.has_perm("engagement.change_activity", activity),
            "answer_choices": Answer.choices,
        },
    )


@login_required
@require_POST
def checklist_answer(request: StaffRequest, pk: int, point: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    _require(request, "engagement.change_activity", activity)
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
        answer = activity.checklist_answers.filter(point=point).first()
        return render(
            request,
            "engagement/_checklist_point.html",
            {
                "activity": activity,
                "point": POINTS_BY_NUMBER[point],
                "answer": answer,
                "error": error,
                "can_change": True,
                "answer_choices": Answer.choices,
            },
            status=400 if error else 200,
        )
    if error:
        messages.error(request, f"Point {point}: {error}")
    else:
        messages.success(request, f"Point {point} saved.")
    url = reverse("engagement:activity_checklist", kwargs={"pk": activity.pk})
    return redirect(f"{url}#point-{point}")


@login_required
@require_http_methods(["GET", "POST"])
def activity_plan(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    _require(request, "engagement.change_activity", activity)
    plan = EngagementPlan.objects.filter(activity=activity).first()
    form = EngagementPlanForm(request.POST or None, instance=plan)
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
