"""Staff pages of the feedback loop: the overview, findings ("You said") and decisions. Thin
adapters over the selectors (loop_selectors.py, loop_form_choices.py) and the services
(loop_services.py); actions and feedback are in loop_views_work.py."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.permissions import require
from engagement.selectors import activity_get
from insight.selectors import run_get, theme_get
from organisations.http import StaffRequest

from . import loop_selectors as selectors
from .loop_form_choices import FindingStart, decision_choices, finding_edit_start, finding_start
from .loop_forms import DecisionForm, FindingForm, LoopFilterForm
from .loop_rules import require_own_words
from .loop_selectors_work import overview
from .loop_services import (
    Evidence,
    decision_create,
    decision_update,
    finding_create,
    finding_update,
)
from .models import Factor


def apply_error(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal, shown on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, error.messages)


def form_page(request: StaffRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A form page: 400 when it comes back with problems."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def paged(request: StaffRequest, rows: list[Any]) -> Any:
    return Paginator(rows, settings.HEARD_PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def home(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_loop")
    context = {"areas": overview(user=request.user), "export_form": LoopFilterForm()}
    return render(request, "outcomes/loop/home.html", context)


def _filtered(request: StaffRequest, form_class: type[LoopFilterForm]) -> tuple[LoopFilterForm, int]:
    form = form_class(request.GET or None)
    return form, 400 if form.is_bound and not form.is_valid() else 200


@login_required
def finding_list(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_loop")
    form, status = _filtered(request, LoopFilterForm)
    rows = selectors.finding_list(user=request.user, area=form.area_chosen())
    context = {"form": form, "page_obj": paged(request, rows)}
    return render(request, "outcomes/loop/finding_list.html", context, status=status)


def _finding_kwargs(form: FindingForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "statement": data["statement"],
        "area": data["area"],
        "source": data["source"],
        "source_note": data.get("source_note") or "",
        "marking": data["marking"],
        "evidence": Evidence(
            themes=form.records("themes"),
            priorities=form.records("priorities"),
            answers=form.records("answers"),
        ),
    }


def _create_finding(request: StaffRequest, start: FindingStart, back: str) -> HttpResponse:
    require(request.user, "outcomes.add_finding", start.activity)
    form = FindingForm(request.POST or None, choices=start.choices, initial=start.initial)
    if request.method == "POST" and form.is_valid():
        try:
            finding = finding_create(
                user=request.user,
                activity=start.activity,
                found_on=form.cleaned_data.get("found_on"),
                **_finding_kwargs(form),
            )
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, gettext("Finding recorded. Record the decision that considered it when it is made.")
            )
            return redirect("outcomes:finding_detail", pk=finding.pk)
    context = {"form": form, "activity": start.activity, "back": back, "editing": False}
    return form_page(request, "outcomes/loop/finding_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def finding_create_view(request: StaffRequest) -> HttpResponse:
    return _create_finding(request, finding_start(user=request.user), "outcomes:finding_list")


@login_required
@require_http_methods(["GET", "POST"])
def finding_create_for_activity(request: StaffRequest, pk: int) -> HttpResponse:
    activity = activity_get(user=request.user, pk=pk)
    return _create_finding(request, finding_start(user=request.user, activity=activity), "")


@login_required
@require_http_methods(["GET", "POST"])
def finding_create_from_theme(request: StaffRequest, pk: int, theme: int) -> HttpResponse:
    run = run_get(user=request.user, pk=pk)
    chosen = theme_get(run=run, pk=theme)
    return _create_finding(request, finding_start(user=request.user, run=run, theme=chosen), "")


@login_required
def finding_detail(request: StaffRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get(user=request.user, pk=pk)
    view = selectors.finding_view(user=request.user, finding=finding)
    return render(request, "outcomes/loop/finding_detail.html", {"view": view, "finding": finding})


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request: StaffRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_finding", finding)
    require_own_words(request.user, finding.organisation_id)
    start = finding_edit_start(user=request.user, finding=finding)
    form = FindingForm(request.POST or None, choices=start.choices, initial=start.initial)
    if request.method == "POST" and form.is_valid():
        try:
            finding_update(
                user=request.user,
                finding=finding,
                found_on=form.cleaned_data.get("found_on") or finding.found_on,
                **_finding_kwargs(form),
            )
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("outcomes:finding_detail", pk=finding.pk)
    context = {"form": form, "activity": finding.activity, "finding": finding, "editing": True}
    return form_page(request, "outcomes/loop/finding_form.html", context)


@login_required
def decision_list(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_loop")
    form, status = _filtered(request, LoopFilterForm)
    rows = selectors.decision_list(user=request.user, area=form.area_chosen())
    context = {"form": form, "page_obj": paged(request, rows)}
    return render(request, "outcomes/loop/decision_list.html", context, status=status)


def _decision_kwargs(form: DecisionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "summary": data["summary"],
        "detail": data.get("detail") or "",
        "decided_by_name": data["decided_by_name"],
        "decided_by_body": data["decided_by_body"],
        "decided_on": data["decided_on"],
        "findings": form.records("findings"),
        "factors": form.factor_notes(),
        "marking": data["marking"],
    }


def _create_decision(request: StaffRequest, around: Any) -> HttpResponse:
    require(request.user, "outcomes.add_decision")
    choices = decision_choices(user=request.user, around=around)
    initial = {"findings": [around.pk]} if around is not None else {}
    form = DecisionForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = decision_create(user=request.user, **_decision_kwargs(form))
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Decision recorded. Add the actions it says will be done."))
            return redirect("outcomes:decision_detail", pk=decision.pk)
    context = {"form": form, "factors": Factor.choices, "around": around, "editing": False}
    return form_page(request, "outcomes/loop/decision_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create_view(request: StaffRequest) -> HttpResponse:
    return _create_decision(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create_from_finding(request: StaffRequest, pk: int) -> HttpResponse:
    return _create_decision(request, selectors.finding_get(user=request.user, pk=pk))


@login_required
def decision_detail(request: StaffRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    view = selectors.decision_view(user=request.user, decision=decision)
    return render(request, "outcomes/loop/decision_detail.html", {"view": view, "decision": decision})


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: StaffRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_decision", decision)
    require_own_words(request.user, decision.organisation_id)
    kept = list(decision.findings.values_list("pk", flat=True))
    initial = {
        "summary": decision.summary,
        "detail": decision.detail,
        "decided_by_name": decision.decided_by_name,
        "decided_by_body": decision.decided_by_body,
        "decided_on": decision.decided_on,
        "findings": kept,
        "marking": decision.marking,
        **DecisionForm.factor_initial(decision),
    }
    choices = decision_choices(user=request.user, keep=kept)
    form = DecisionForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision_update(user=request.user, decision=decision, **_decision_kwargs(form))
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("outcomes:decision_detail", pk=decision.pk)
    context = {"form": form, "factors": Factor.choices, "decision": decision, "editing": True}
    return form_page(request, "outcomes/loop/decision_form.html", context)
