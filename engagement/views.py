"""Staff pages for the activity register: adapters over selectors.py (what a page shows) and
services.py (writes), the same ones the API uses."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.lifecycle import TransitionConflict
from core.permissions import require
from governance.export_jobs import export_send
from governance.export_kinds import export_parameters
from organisations.http import StaffRequest
from organisations.models import User

from . import selectors, services
from .area_picker import area_picker, area_search
from .checklist import POINTS_BY_NUMBER
from .forms import (
    ActivityForm,
    ChecklistForm,
    EngagementPlanForm,
    aim_formset,
    checklist_point_data,
    checklist_stages,
    quieten,
)
from .hooks_exports import ACTIVITIES
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
        parameters = export_parameters(file_format=file_format, query=request.GET.urlencode())
        return export_send(user=request.user, kind=ACTIVITIES, parameters=parameters)
    except ValidationError as error:
        return HttpResponse(
            "The filters are not valid: " + " ".join(error.messages), status=400, content_type="text/plain"
        )


@login_required
def activity_detail(request: StaffRequest, pk: int) -> HttpResponse:
    detail = selectors.activity_detail(user=request.user, pk=pk)
    return render(request, "engagement/activity_detail.html", {"detail": detail, "activity": detail.activity})


AREA_SEARCH = "area_search"  # the area picker's search box
FIND_AREAS = "find_areas"  # its button: show the form again with the areas found


def _area_matches(request: StaffRequest) -> JsonResponse:
    """The area picker's suggestions as someone types (heard.js asks for JSON)."""
    found = area_search(user=request.user, query=request.GET.get(AREA_SEARCH, ""))
    return JsonResponse({"results": [{"id": a.pk, "name": a.name, "hint": a.hint} for a in found]})


def _save_activity(request: StaffRequest, activity: Activity | None) -> HttpResponse:
    if AREA_SEARCH in request.GET and "application/json" in request.headers.get("Accept", ""):
        return _area_matches(request)
    posted = request.method == "POST"
    finding = posted and FIND_AREAS in request.POST
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    aims = aim_formset(data=request.POST or None, activity=activity)
    if posted and not finding and form.is_valid() and aims.is_valid():
        values = {"aims": aims.aim_inputs(), **form.service_kwargs(), **form.relation_kwargs()}
        try:
            if activity is None:
                activity = services.activity_create(user=request.user, **values)
                messages.success(
                    request,
                    gettext("“%(title)s” added to the register as a draft.") % {"title": activity.title},
                )
            else:
                activity = services.activity_update(user=request.user, activity=activity, **values)
                messages.success(request, gettext("Changes saved."))
            return redirect("engagement:activity_detail", pk=activity.pk)
        except ValidationError as error:
            form.apply_service_error(error)
    if finding:
        # Only a search for areas: the form comes back as it was, without errors.
        quieten(form, aims)
    query = (request.POST if finding else request.GET).get(AREA_SEARCH)
    return render(
        request,
        "engagement/activity_form.html",
        {
            "form": form,
            "aims": aims,
            "activity": activity,
            "window_warning": form.instance.window_warning() if form.is_bound and not finding else "",
            "picker": area_picker(user=request.user, chosen=form["areas"].value() or [], query=query),
        },
        status=400 if posted and not finding else 200,
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
        messages.success(request, gettext("“%(title)s” deleted.") % {"title": activity.title})
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
    messages.success(
        request,
        gettext("The activity is now %(status)s.") % {"status": activity.get_status_display().lower()},
    )
    return redirect("engagement:activity_detail", pk=activity.pk)


def _points_save(user: User, activity: Activity, form: ChecklistForm) -> bool:
    """Save every point the form changed, all or none; a point the service refuses gets the
    service's message as its error."""
    stored = dict(activity.checklist_answers.values_list("point", "note"))
    number = 0
    try:
        with transaction.atomic():
            for change in form.changes:
                number = change.number
                note = stored.get(number, "") if change.note is None else change.note
                services.checklist_answer_set(
                    user=user, activity=activity, point=number, answer=change.answer, note=note
                )
    except ValidationError as error:
        form.add_error(form.answer_name(number), " ".join(error.messages))
        return False
    return True


def _checklist_page(request: StaffRequest, activity: Activity, form: ChecklistForm | None) -> HttpResponse:
    rows = selectors.checklist_rows(user=request.user, activity=activity)
    progress = selectors.checklist_progress(rows=rows)
    form = form or ChecklistForm(rows=rows)
    context = {
        "activity": activity,
        "form": form,
        "progress": progress,
        "stages": checklist_stages(form, progress),
        "can_change": request.user.has_perm("engagement.change_activity", activity),
    }
    return render(request, "engagement/checklist.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_checklist(request: StaffRequest, pk: int) -> HttpResponse:
    """The checklist as one form: one Save for every point (the page saves each point in place
    as it is answered when JavaScript runs)."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    if request.method != "POST":
        return _checklist_page(request, activity, None)
    require(request.user, "engagement.change_activity", activity)
    form = ChecklistForm(request.POST, rows=selectors.checklist_rows(user=request.user, activity=activity))
    if not (form.is_valid() and _points_save(request.user, activity, form)):
        return _checklist_page(request, activity, form)
    saved = len(form.changes)
    if saved:
        messages.success(
            request,
            ngettext("%(count)s checklist point saved.", "%(count)s checklist points saved.", saved)
            % {"count": saved},
        )
    else:
        messages.info(request, gettext("Nothing was changed, so nothing was saved."))
    return redirect("engagement:activity_checklist", pk=activity.pk)


def _point_saved_message(form: ChecklistForm, point: int, progress: list[selectors.StageProgress]) -> str:
    errors = form.errors.get(form.answer_name(point))
    if errors:
        return f"Point {point} not saved: {' '.join(str(e) for e in errors)}"
    change = form.changes[0]
    stage = next(s for s in progress if any(r.number == point for r in s.rows))
    return (
        f"Point {point} saved: {Answer(change.answer).label.lower()}. "
        f"{stage.stage.label}: {stage.answered} of {stage.total} answered."
    )


@login_required
@require_POST
def checklist_answer(request: StaffRequest, pk: int, point: int) -> HttpResponse:
    """One point saved in place (HTMX): the point again, the progress and a message for the
    page's status region; without HTMX, back to the page."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "engagement.change_activity", activity)
    if point not in POINTS_BY_NUMBER:
        return HttpResponse("The checklist has points 1 to 25.", status=404, content_type="text/plain")
    rows = selectors.checklist_rows(user=request.user, activity=activity)
    data = checklist_point_data(request.POST, point)
    form = ChecklistForm(data, rows=[r for r in rows if r.number == point], single=True)
    saved = form.is_valid() and _points_save(request.user, activity, form)
    if not request.htmx:
        if saved:
            messages.success(request, gettext("Point %(number)s saved.") % {"number": point})
        else:
            messages.error(request, _point_saved_message(form, point, []))
        url = reverse("engagement:activity_checklist", kwargs={"pk": activity.pk})
        return redirect(f"{url}#point-{point}")
    rows = selectors.checklist_rows(user=request.user, activity=activity)
    progress = selectors.checklist_progress(rows=rows)
    shown = form if not saved else ChecklistForm(rows=[r for r in rows if r.number == point], single=True)
    context = {
        "activity": activity,
        "point": shown.point(point),
        "progress": progress,
        "status_message": _point_saved_message(form, point, progress),
        "can_change": True,
    }
    return render(request, "engagement/_checklist_saved.html", context, status=200 if saved else 400)


@login_required
@require_http_methods(["GET", "POST"])
def activity_plan(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, "engagement.change_activity", activity)
    form = EngagementPlanForm(request.POST or None, instance=selectors.plan_get(activity=activity))
    if request.method == "POST" and form.is_valid():
        services.engagement_plan_set(user=request.user, activity=activity, **form.cleaned_data)
        messages.success(request, gettext("Engagement plan saved."))
        return redirect("engagement:activity_detail", pk=activity.pk)
    return render(
        request,
        "engagement/plan_form.html",
        {"activity": activity, "form": form},
        status=400 if form.is_bound else 200,
    )
