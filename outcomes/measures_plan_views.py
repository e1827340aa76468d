"""Staff pages for the strategy action plan and the annual engagement plan: thin adapters over
measures_plan_selectors.py (what a page shows) and measures_plan_services.py (what it changes),
the same ones the API uses."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from consultations.forms import apply_service_error
from core.lifecycle import TransitionConflict
from core.permissions import require
from organisations.http import StaffRequest

from . import measures_plan_selectors as selectors
from . import measures_plan_services as services
from .measures_documents import annual_plan_download, strategy_download
from .measures_forms import (
    AnnualPlanForm,
    PlanActivityForm,
    PlanAgreeForm,
    StrategyActionForm,
    StrategyEditForm,
    StrategyUpdateForm,
)
from .measures_periods import plan_year_of
from .measures_selectors import as_written_for, partnership_get, partnerships_for
from .measures_views import MEASURE_TEMPLATES, form_page
from .models import AnnualPlan, StrategyAction, StrategyRag


@login_required
def strategy_index(request: StaffRequest) -> HttpResponse:
    """The partnerships whose action plans the user may open."""
    partnerships = partnerships_for(user=request.user)
    plans = [(p, selectors.strategy_actions(user=request.user, partnership=p)) for p in partnerships]
    return render(request, MEASURE_TEMPLATES + "strategy_index.html", {"plans": plans})


@login_required
def strategy_plan(request: StaffRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(user=request.user, pk=pk)
    rag = request.GET.get("rag", "")
    plan = selectors.strategy_actions(user=request.user, partnership=partnership, rag=rag)
    context = {"plan": plan, "partnership": partnership, "rag": rag if rag in StrategyRag.values else ""}
    return render(request, MEASURE_TEMPLATES + "strategy_plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create(request: StaffRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(user=request.user, pk=pk)
    require(request.user, "outcomes.add_strategy_action", partnership)
    form = StrategyActionForm(request.POST or None, initial={"rag": StrategyRag.AMBER})

    def save() -> str:
        row = services.strategy_action_create(user=request.user, partnership=partnership, **form.cleaned_data)
        messages.success(request, gettext("Action added to the plan."))
        return reverse("measures:strategy_action", kwargs={"pk": row.pk})

    return form_page(request, form, save, "strategy_form.html", {"partnership": partnership, "action": None})


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.strategy_action_for_edit(user=request.user, pk=pk)
    initial = {
        "action": action.action,
        "lead_agencies": list(action.lead_agencies.all()),
        "other_leads": action.other_leads,
        "due": action.due,
    }
    form = StrategyEditForm(request.POST or None, initial=initial)

    def save() -> str:
        data = form.cleaned_data
        services.strategy_action_edit(
            user=request.user,
            action=action,
            action_text=data["action"],
            lead_agencies=data["lead_agencies"],
            other_leads=data["other_leads"],
            due=data["due"],
        )
        messages.success(request, gettext("Changes saved."))
        return reverse("measures:strategy_action", kwargs={"pk": action.pk})

    context = {"partnership": action.partnership, "action": action}
    return form_page(request, form, save, "strategy_form.html", context)


TEXTS = ("progress", "risks", "next_steps", "timescale")


def _update_initial(action: StrategyAction, view: selectors.ActionView) -> dict[str, Any]:
    """The form starts with the action's words for those who read them as written; for the
    others (partners, who read them redacted) it starts empty, and an empty box keeps the words."""
    texts = {n: getattr(action, n) for n in TEXTS} if view.reads_as_written else {}
    return {**texts, "rag": action.rag, "seen_rag": action.rag}


def _update_values(data: dict[str, Any], view: selectors.ActionView) -> dict[str, Any]:
    if view.reads_as_written:
        return data
    return {k: v for k, v in data.items() if not (k in TEXTS and not v.strip())}


@login_required
@require_http_methods(["GET", "POST"])
def strategy_action(request: StaffRequest, pk: int) -> HttpResponse:
    """An action of the plan with its history, and the form recording an update."""
    action = selectors.strategy_action_get(user=request.user, pk=pk)
    if request.method == "POST":
        require(request.user, "outcomes.change_strategy_action", action)
    view = selectors.strategy_action_view(user=request.user, action=action)
    form = StrategyUpdateForm(request.POST or None, initial=_update_initial(action, view))
    if request.method == "POST" and form.is_valid():
        try:
            values = _update_values(form.cleaned_data, view)
            services.strategy_action_update(user=request.user, action=action, **values)
        except TransitionConflict as conflict:
            messages.error(request, conflict.message + " Check it, then record your update again.")
            return redirect("measures:strategy_action", pk=action.pk)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, gettext("Update recorded."))
            return redirect("measures:strategy_action", pk=action.pk)
    context = {
        "action": action,
        "view": view,
        "history": selectors.strategy_action_history(user=request.user, action=action),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, MEASURE_TEMPLATES + "strategy_action.html", context, status=status)


@login_required
def strategy_export(request: StaffRequest, pk: int, file_format: str) -> HttpResponse | StreamingHttpResponse:
    partnership = partnership_get(user=request.user, pk=pk)
    try:
        return strategy_download(user=request.user, partnership=partnership, file_format=file_format)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=404, content_type="text/plain")


# The annual engagement plan


@login_required
def plan_list(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        MEASURE_TEMPLATES + "plan_list.html",
        {
            "plans": selectors.annual_plan_list(user=request.user),
            "can_add": any(
                request.user.has_perm("outcomes.add_annual_plan", p)
                for p in partnerships_for(user=request.user)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_annual_plan")
    partnerships = partnerships_for(user=request.user)
    form = AnnualPlanForm(
        request.POST or None,
        partnerships=partnerships,
        initial={"year": plan_year_of(timezone.localdate()) + 1},
    )

    def save() -> str:
        data = form.cleaned_data
        plan = services.annual_plan_create(
            user=request.user,
            partnership=data["partnership"],
            year=data["year"],
            introduction=data["introduction"],
        )
        messages.success(request, gettext("Draft plan for %(year)s started.") % {"year": plan.year_label})
        return reverse("measures:plan_detail", kwargs={"pk": plan.pk})

    return form_page(request, form, save, "plan_form.html", {})


def _plan_page(request: StaffRequest, plan: AnnualPlan, *, failed: Form | None = None) -> HttpResponse:
    view = selectors.annual_plan_view(user=request.user, plan=plan)
    activities = selectors.addable_activities(user=request.user, plan=plan)
    add_form = failed if isinstance(failed, PlanActivityForm) else PlanActivityForm(activities=activities)
    agree_form = failed if isinstance(failed, PlanAgreeForm) else PlanAgreeForm(initial={"seen": plan.state})
    context = {
        "plan": plan,
        "view": view,
        "add_form": add_form,
        "agree_form": agree_form,
        "form": failed,  # for the error summary
        "can_add": view.can_change and activities.exists(),
    }
    return render(request, MEASURE_TEMPLATES + "plan_detail.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The plan; a POST adds an activity to it (`remove` takes one out, `introduction` rewrites
    the introduction: for its own organisation's staff, who read it as written)."""
    plan = selectors.annual_plan_get(user=request.user, pk=pk)
    if request.method == "GET":
        return _plan_page(request, plan)
    require(request.user, "outcomes.change_annual_plan", plan)
    reason = request.POST.get("reason", "")
    try:
        if "remove" in request.POST:
            item = selectors.annual_plan_item_get(user=request.user, plan=plan, pk=request.POST["remove"])
            services.annual_plan_remove_activity(user=request.user, plan=plan, item=item, reason=reason)
            messages.success(
                request, gettext("“%(title)s” taken out of the plan.") % {"title": item.activity.title}
            )
            return redirect("measures:plan_detail", pk=plan.pk)
        if "introduction" in request.POST:
            as_written_for(request.user, plan.organisation_id)
            text = request.POST["introduction"][:5000]
            services.annual_plan_set_introduction(
                user=request.user, plan=plan, introduction=text, reason=reason
            )
            messages.success(request, gettext("Introduction saved."))
            return redirect("measures:plan_detail", pk=plan.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("measures:plan_detail", pk=plan.pk)
    form = PlanActivityForm(
        request.POST, activities=selectors.addable_activities(user=request.user, plan=plan)
    )
    if form.is_valid():
        try:
            services.annual_plan_add_activity(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request,
                gettext("“%(title)s” added to the plan.") % {"title": form.cleaned_data["activity"].title},
            )
            return redirect("measures:plan_detail", pk=plan.pk)
    return _plan_page(request, plan, failed=form)


@login_required
@require_POST
def plan_agree(request: StaffRequest, pk: int) -> HttpResponse:
    plan = selectors.annual_plan_get(user=request.user, pk=pk)
    require(request.user, "outcomes.agree_annual_plan", plan)
    form = PlanAgreeForm(request.POST)
    if form.is_valid():
        try:
            services.annual_plan_agree(
                user=request.user,
                plan=plan,
                agreed_where=form.cleaned_data["agreed_where"],
                seen=form.cleaned_data["seen"] or None,
            )
        except TransitionConflict as conflict:
            messages.error(request, conflict.message)
            return redirect("measures:plan_detail", pk=plan.pk)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request, gettext("The plan for %(year)s is recorded as agreed.") % {"year": plan.year_label}
            )
            return redirect("measures:plan_detail", pk=plan.pk)
    return _plan_page(request, plan, failed=form)


@login_required
def plan_export(request: StaffRequest, pk: int, file_format: str) -> HttpResponse | StreamingHttpResponse:
    plan = selectors.annual_plan_get(user=request.user, pk=pk)
    view = selectors.annual_plan_view(user=request.user, plan=plan)
    try:
        return annual_plan_download(user=request.user, plan=plan, view=view, file_format=file_format)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=404, content_type="text/plain")
