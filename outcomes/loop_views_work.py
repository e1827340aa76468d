"""Staff pages of the feedback loop: actions (their progress, status and RAG), feedback ("We
did": writing, publishing and the progress of the personal e-mails) and the police.uk export.
Thin adapters over loop_selectors_work.py and the services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from core.lifecycle import TransitionConflict
from core.permissions import require
from engagement.selectors import activity_get
from organisations.http import StaffRequest

from . import loop_selectors_work as selectors
from .loop_actions import action_create, action_move, action_progress_add, action_rag_set, action_update
from .loop_exports import export_format, police_uk_export
from .loop_feedback import feedback_create, feedback_publish, feedback_update, updates_resend
from .loop_form_choices import feedback_choices
from .loop_forms import (
    ActionFilterForm,
    ActionForm,
    FeedbackFilterForm,
    FeedbackForm,
    LoopFilterForm,
    ProgressForm,
    PublishForm,
    RagForm,
)
from .loop_rules import require_own_words
from .loop_selectors import decision_get
from .loop_views import apply_error, form_page, paged


def site_url(request: StaffRequest) -> str:
    """Where links in e-mails point: HEARD_SITE_URL when set, else this site as asked."""
    return getattr(settings, "HEARD_SITE_URL", "") or request.build_absolute_uri("/")


@login_required
def action_list(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_loop")
    form = ActionFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    rows = selectors.action_list(
        user=request.user, area=form.area_chosen(), status=data.get("status", ""), rag=data.get("rag", "")
    )
    context = {"form": form, "page_obj": paged(request, rows)}
    return render(request, "outcomes/loop/action_list.html", context, status=200 if valid else 400)


@login_required
@require_http_methods(["GET", "POST"])
def action_create_view(request: StaffRequest, pk: int) -> HttpResponse:
    decision = decision_get(user=request.user, pk=pk)
    require(request.user, "outcomes.add_action", decision)
    form = ActionForm(request.POST or None, initial={"owner_organisation": request.user.organisation_id})
    del form.fields["result"]
    if request.method == "POST" and form.is_valid():
        try:
            action = action_create(user=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Action added."))
            return redirect("outcomes:action_detail", pk=action.pk)
    return form_page(request, "outcomes/loop/action_form.html", {"form": form, "decision": decision})


@login_required
def action_detail(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    view = selectors.action_view(user=request.user, action=action)
    rag = RagForm(
        initial={"rag": action.rag_override, "reason": view.row.rag.why if view.row.rag.set_by_hand else ""}
    )
    context = {"view": view, "action": action, "progress_form": ProgressForm(), "rag_form": rag}
    return render(request, "outcomes/loop/action_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_action", action)
    require_own_words(request.user, action.decision.organisation_id)
    form = ActionForm(request.POST or None, initial=ActionForm.initial_for(action))
    if request.method == "POST" and form.is_valid():
        try:
            action_update(user=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("outcomes:action_detail", pk=action.pk)
    context = {"form": form, "decision": action.decision, "action": action}
    return form_page(request, "outcomes/loop/action_form.html", context)


@login_required
@require_POST
def action_move_view(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    require(request.user, "outcomes.report_action", action)
    try:
        action_move(
            user=request.user,
            action=action,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", "")[:1000],
            seen=request.POST.get("from") or None,
        )
    except TransitionConflict as conflict:
        messages.error(request, conflict.message + " Check it, then choose again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("The action is now %(status)s.") % {"status": action.get_status_display().lower()},
        )
    return redirect("outcomes:action_detail", pk=action.pk)


def _action_page(request: StaffRequest, pk: int, *, progress: ProgressForm, rag: RagForm) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    view = selectors.action_view(user=request.user, action=action)
    context = {"view": view, "action": action, "progress_form": progress, "rag_form": rag}
    return render(request, "outcomes/loop/action_detail.html", context, status=400)


@login_required
@require_POST
def action_progress(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    require(request.user, "outcomes.report_action", action)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            action_progress_add(user=request.user, action=action, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Progress recorded."))
            return redirect("outcomes:action_detail", pk=action.pk)
    return _action_page(request, pk, progress=form, rag=RagForm())


@login_required
@require_POST
def action_rag(request: StaffRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    require(request.user, "outcomes.report_action", action)
    form = RagForm(request.POST)
    if form.is_valid():
        try:
            action_rag_set(
                user=request.user,
                action=action,
                rag=form.cleaned_data["rag"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("RAG saved."))
            return redirect("outcomes:action_detail", pk=action.pk)
    return _action_page(request, pk, progress=ProgressForm(), rag=form)


@login_required
def feedback_list(request: StaffRequest) -> HttpResponse:
    require(request.user, "outcomes.view_loop")
    form = FeedbackFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    state = form.cleaned_data.get("state", "") if form.is_bound and valid else ""
    rows = selectors.feedback_list(user=request.user, area=form.area_chosen(), state=state)
    context = {"form": form, "page_obj": paged(request, rows)}
    return render(request, "outcomes/loop/feedback_list.html", context, status=200 if valid else 400)


def _feedback_kwargs(form: FeedbackForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "statement": data["statement"],
        "area": data.get("area"),
        "decisions": form.records("decisions"),
        "actions": form.records("actions"),
        "marking": data["marking"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def feedback_create_view(request: StaffRequest, pk: int) -> HttpResponse:
    activity = activity_get(user=request.user, pk=pk)
    require(request.user, "outcomes.add_feedback", activity)
    choices = feedback_choices(user=request.user, activity=activity)
    initial = {
        "marking": activity.marking,
        "decisions": list(choices["decisions"][0].values_list("pk", flat=True)),
        "actions": list(choices["actions"][0].values_list("pk", flat=True)),
    }
    form = FeedbackForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = feedback_create(user=request.user, activity=activity, **_feedback_kwargs(form))  # type: ignore[arg-type]
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Feedback saved as a draft. Check it, then publish it."))
            return redirect("outcomes:feedback_detail", pk=feedback.pk)
    return form_page(request, "outcomes/loop/feedback_form.html", {"form": form, "activity": activity})


@login_required
def feedback_detail(request: StaffRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_get(user=request.user, pk=pk)
    if request.htmx:
        dispatch = selectors.dispatch_get(feedback=feedback)
        return render(request, "outcomes/loop/_dispatch.html", {"dispatch": dispatch, "feedback": feedback})
    view = selectors.feedback_view(user=request.user, feedback=feedback)
    can_translate = request.user.has_perm("outcomes.translate_feedback", feedback)
    return render(
        request,
        "outcomes/loop/feedback_detail.html",
        {"view": view, "feedback": feedback, "can_translate": can_translate},
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_edit(request: StaffRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_get(user=request.user, pk=pk)
    require(request.user, "outcomes.change_feedback", feedback)
    require_own_words(request.user, feedback.organisation_id)
    choices = feedback_choices(user=request.user, activity=feedback.activity, feedback=feedback)
    initial = {
        "title": feedback.title,
        "statement": feedback.statement,
        "area": feedback.area_id,
        "decisions": list(feedback.decisions.values_list("pk", flat=True)),
        "actions": list(feedback.actions.values_list("pk", flat=True)),
        "marking": feedback.marking,
    }
    form = FeedbackForm(request.POST or None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_update(user=request.user, feedback=feedback, **_feedback_kwargs(form))  # type: ignore[arg-type]
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("outcomes:feedback_detail", pk=feedback.pk)
    context = {"form": form, "activity": feedback.activity, "feedback": feedback}
    return form_page(request, "outcomes/loop/feedback_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def feedback_publish_view(request: StaffRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_get(user=request.user, pk=pk)
    require(request.user, "outcomes.publish_feedback", feedback)
    form = PublishForm(request.POST or None, initial={"seen": feedback.state})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback_publish(
                user=request.user,
                feedback=feedback,
                channels=data["channels"],
                published_on=data.get("published_on"),
                seen=data.get("seen") or None,
                site_url=site_url(request),
            )
        except TransitionConflict as conflict:
            messages.error(request, conflict.message)
            return redirect("outcomes:feedback_detail", pk=feedback.pk)
        except ValidationError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, gettext("Published. The e-mails to those who asked for news are on their way.")
            )
            return redirect("outcomes:feedback_detail", pk=feedback.pk)
    view = selectors.feedback_view(user=request.user, feedback=feedback)
    return form_page(
        request, "outcomes/loop/publish_form.html", {"form": form, "view": view, "feedback": feedback}
    )


@login_required
@require_POST
def feedback_resend(request: StaffRequest, pk: int) -> HttpResponse:
    """Send the updates again to those a stopped or failed run did not reach."""
    feedback = selectors.feedback_get(user=request.user, pk=pk)
    try:
        updates_resend(user=request.user, feedback=feedback, site_url=site_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("The updates not yet sent are on their way."))
    return redirect("outcomes:feedback_detail", pk=feedback.pk)


@login_required
def police_uk(request: StaffRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    require(request.user, "outcomes.export_loop")
    form = LoopFilterForm(request.GET or None)
    area = form.area_chosen()
    if area is None or not export_format(file_format):
        return HttpResponse(
            "Choose an area from the list, and CSV or JSON.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return police_uk_export(user=request.user, area=area, file_format=export_format(file_format))
