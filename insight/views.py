"""Staff pages for analyses, intelligence triage and priorities: thin adapters over the
selectors (what to show) and the services (what to change)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from core import quarters
from core.lifecycle import TransitionConflict
from core.permissions import require
from governance.export_jobs import export_send
from governance.export_kinds import export_parameters
from organisations.http import StaffRequest

from . import selectors, services, themes, triage
from .charts import trend_chart
from .code_trends import rising_codes
from .forms import AcrossForm, PriorityForm, RankingPriorityForm, ThemePriorityForm
from .granularity import analysis_run_change_level
from .granularity_page import level_choices, level_message
from .hooks_exports import ANALYSIS
from .models import AnalysisRun, FlagState
from .priorities import priority_create, priority_create_from_ranking, priority_create_from_theme
from .scope import AcrossFilters
from .selectors import ranking_questions


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def run_list(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    if request.method == "POST":
        require(request.user, "insight.change_run", questionnaire)
        question = selectors.text_question_get(questionnaire=questionnaire, pk=request.POST.get("question"))
        try:
            run = services.analysis_run_create(user=request.user, question=question)
        except ValidationError as exc:
            messages.error(request, _message(exc))
            return redirect("insight:run_list", pk=questionnaire.pk)
        return redirect("insight:run_detail", pk=run.pk)
    return render(
        request,
        "insight/run_list.html",
        {
            "questionnaire": questionnaire,
            "runs": selectors.run_list(questionnaire=questionnaire),
            "questions": list(questionnaire.questions.filter(kind="text")),
            "can_change": request.user.has_perm("insight.change_run", questionnaire),
            "can_prioritise": request.user.has_perm("insight.add_priority_from_results", questionnaire)
            and bool(ranking_questions(questionnaire=questionnaire)),
        },
    )


@login_required
def run_detail(request: StaffRequest, pk: int) -> HttpResponse:
    services.analysis_runs_fail_stale()
    run = selectors.run_get(user=request.user, pk=pk)
    if request.htmx and run.is_active:
        return render(request, "insight/_progress.html", {"run": run})
    if request.htmx:  # finished: reload the whole page to show the themes
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return _run_page(request, run)


def _run_page(request: StaffRequest, run: AnalysisRun, *, status: int = 200) -> HttpResponse:
    view = selectors.run_view(user=request.user, run=run)
    can_change = request.user.has_perm("insight.change_run", run) and run.state == "done"
    return render(
        request,
        "insight/run_detail.html",
        {
            "run": run,
            "view": view,
            "rows": view.themes,
            "themes": [t.theme for t in view.themes],
            "can_change": can_change,
            "priority_form": ThemePriorityForm(run=run) if can_change else None,
            "levels": level_choices(run) if can_change else [],
            "this_quarter": quarters.quarter_of(timezone.localdate()),
        },
        status=status,
    )


@login_required
@require_POST
def run_level(request: StaffRequest, pk: int) -> HttpResponse:
    """The "Broader or finer themes" control; a level it cannot take answers 400 on the page."""
    run = selectors.run_get(user=request.user, pk=pk)
    require(request.user, "insight.change_run", run)
    raw = request.POST.get("level", "")
    try:
        level = int(raw) if raw.strip().lstrip("-").isdigit() else -1
        change = analysis_run_change_level(user=request.user, run=run, level=level)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _run_page(request, selectors.run_get(user=request.user, pk=pk), status=400)
    messages.success(request, level_message(change))
    return redirect("insight:run_detail", pk=run.pk)


CONFIRMED = "yes"


def _theme_action(request: StaffRequest, theme: themes.Theme, action: str) -> HttpResponse | None:
    """Carry out one action on a theme; a page asking to confirm a merge or split first."""
    user, run, confirmed = request.user, theme.run, request.POST.get("confirm") == CONFIRMED
    if action == "rename":
        themes.theme_rename(user=user, theme=theme, label=request.POST.get("label", ""))
    elif action in ("review", "unreview"):
        themes.theme_set_reviewed(user=user, theme=theme, reviewed=action == "review")
    elif action == "split":
        if not confirmed:
            themes.theme_split_check(user=user, theme=theme)
            return _confirm(request, theme, action)
        themes.theme_split(user=user, theme=theme)
    elif action == "merge":
        into = selectors.theme_get(run=run, pk=request.POST.get("into"))
        if not confirmed:
            themes.theme_merge_check(user=user, theme=theme, into=into)
            return _confirm(request, theme, action, into=into)
        themes.theme_merge(user=user, theme=theme, into=into)
    else:
        raise Http404
    return None


@login_required
@require_POST
def theme_change(request: StaffRequest, pk: int) -> HttpResponse:
    """One of rename, review, unreview, split or merge on a theme of the run. Merging and
    splitting cannot be undone, so they first show a page asking to confirm, and happen only
    when that page's form comes back with `confirm=yes`."""
    run = selectors.run_get(user=request.user, pk=pk)
    require(request.user, "insight.change_run", run)
    theme = selectors.theme_get(run=run, pk=request.POST.get("theme"))
    try:
        page = _theme_action(request, theme, request.POST.get("action", ""))
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        if page is not None:
            return page
        messages.success(request, gettext("Themes updated."))
    return redirect("insight:run_detail", pk=run.pk)


def _confirm(
    request: StaffRequest, theme: themes.Theme, action: str, *, into: themes.Theme | None = None
) -> HttpResponse:
    return render(
        request,
        "insight/theme_confirm.html",
        {"run": theme.run, "theme": theme, "action": action, "into": into, "confirm": CONFIRMED},
    )


@login_required
@require_POST
def answer_move(request: StaffRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    require(request.user, "insight.change_run", run)
    coded = selectors.coded_answer_get(run=run, pk=request.POST.get("coded"))
    theme = selectors.theme_get(run=run, pk=request.POST.get("theme"))
    try:
        themes.coded_answer_move(user=request.user, coded=coded, theme=theme)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, gettext("Answer moved to “%(label)s”.") % {"label": theme.label})
    return redirect("insight:run_detail", pk=run.pk)


@login_required
def run_export(request: StaffRequest, pk: int, part: str, file_format: str) -> HttpResponseBase:
    run = selectors.run_get(user=request.user, pk=pk)
    if part not in selectors.EXPORT_PARTS or file_format not in ("csv", "xlsx"):
        raise Http404
    parameters = export_parameters(file_format=file_format, record=run.pk, part=part)
    return export_send(user=request.user, kind=ANALYSIS, parameters=parameters)


@login_required
def flag_list(request: StaffRequest) -> HttpResponse:
    """The triage queue: for intelligence officers only."""
    state = request.GET.get("state", FlagState.NEW)
    state = state if state in FlagState.values else FlagState.NEW
    return render(
        request,
        "insight/flag_list.html",
        {
            "flags": selectors.flag_list(user=request.user, state=state),
            "state": state,
            "states": FlagState.choices,
        },
    )


@login_required
@require_POST
def flag_decide(request: StaffRequest, pk: int) -> HttpResponse:
    flag = selectors.flag_get(user=request.user, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "pass":
            triage.flag_pass(user=request.user, flag=flag, reference=request.POST.get("reference", ""))
            messages.success(request, gettext("Passed to the local intelligence unit."))
        elif action == "dismiss":
            triage.flag_dismiss(user=request.user, flag=flag, reason=request.POST.get("reason", ""))
            messages.success(request, gettext("Dismissed."))
        else:
            messages.error(request, gettext("Choose to pass it on or dismiss it."))
    except ValidationError as exc:
        messages.error(request, _message(exc))
    except TransitionConflict as conflict:
        messages.error(request, conflict.message)
    return redirect("insight:flag_list")


@login_required
def priority_list(request: StaffRequest) -> HttpResponse:
    """A neighbourhood's priorities by quarter: the trend as a chart and a table."""
    page = selectors.area_priorities(user=request.user, code=request.GET.get("area", ""))
    area = page.area
    return render(
        request,
        "insight/priority_list.html",
        {
            "page": page,
            "areas": page.areas,
            "area": area,
            "priorities": page.priorities,
            "quarters": page.quarters,
            "trend": page.trend,
            "chart": trend_chart(page.quarters, page.trend, area_name=area.name) if area else None,
            "can_add": request.user.has_perm("insight.add_priority"),
            "can_translate": bool(area)
            and any(p.is_public for p in page.priorities)
            and request.user.has_perm("insight.publish_priority", area),
            "rising": rising_codes(organisation_id=request.user.organisation_id, area=area)
            if area and request.user.organisation_id
            else [],
        },
    )


def _form_page(
    request: StaffRequest,
    form: PriorityForm | RankingPriorityForm,
    save: Callable[[], str],
    template: str,
    context: dict[str, object],
) -> HttpResponse:
    """Show the form; on a valid POST call `save` (which returns where to go next), showing
    the service's ValidationError on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(save())
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, template, {"form": form, **context}, status=400 if form.is_bound else 200)


def _priorities_url(code: str) -> str:
    return f"{reverse('insight:priority_list')}?area={code}"


@login_required
def priority_create_view(request: StaffRequest) -> HttpResponse:
    require(request.user, "insight.add_priority")
    form = PriorityForm(request.POST or None)

    def save() -> str:
        data = form.cleaned_data
        priority = priority_create(user=request.user, **data)
        messages.success(request, gettext("“%(label)s” added.") % {"label": priority.label})
        return _priorities_url(priority.area.code)

    return _form_page(request, form, save, "insight/priority_form.html", {})


@login_required
@require_POST
def theme_priority(request: StaffRequest, pk: int) -> HttpResponse:
    """Make a theme a priority of one of the activity's neighbourhoods for a quarter."""
    run = selectors.run_get(user=request.user, pk=pk)
    require(request.user, "insight.change_run", run)
    require(request.user, "insight.add_priority")
    theme = selectors.theme_get(run=run, pk=request.POST.get("theme"))
    form = ThemePriorityForm(request.POST, run=run)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("insight:run_detail", pk=run.pk)
    data = form.cleaned_data
    try:
        priority = priority_create_from_theme(user=request.user, theme=theme, **data)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(
            request,
            gettext("“%(label)s” is now a priority for %(area)s in %(quarter)s.")
            % {
                "label": priority.label,
                "area": priority.area.name,
                "quarter": quarters.label(priority.quarter),
            },
        )
    return redirect("insight:run_detail", pk=run.pk)


@login_required
def ranking_priorities(request: StaffRequest, pk: int) -> HttpResponse:
    """Turn the results of one of the questionnaire's ranking questions into a neighbourhood's
    priorities for a quarter. Shows each ranking question's current order first."""
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "insight.add_priority_from_results", questionnaire)
    form = RankingPriorityForm(
        request.POST if request.method == "POST" else None,
        questionnaire=questionnaire,
        initial={"quarter": quarters.quarter_of(timezone.localdate())},
    )

    def save() -> str:
        chosen = form.cleaned_data
        created = priority_create_from_ranking(user=request.user, **chosen)
        area = chosen["area"]
        messages.success(
            request,
            ngettext(
                "%(count)s priority made for %(area)s for %(quarter)s: %(list)s",
                "%(count)s priorities made for %(area)s for %(quarter)s: %(list)s",
                len(created),
            )
            % {
                "count": len(created),
                "area": area.name,
                "quarter": quarters.label(created[0].quarter),
                "list": ", ".join(f"{p.rank}. {p.label}" for p in created),
            },
        )
        return _priorities_url(area.code)

    return _form_page(
        request,
        form,
        save,
        "insight/ranking_priorities.html",
        {"questionnaire": questionnaire, "questions": ranking_questions(questionnaire=questionnaire)},
    )


@login_required
def analysis_across(request: StaffRequest) -> HttpResponse:
    """Analyses of the written answers across the organisation's activities."""
    require(request.user, "insight.view_priority")  # any member of staff may look
    form = AcrossForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(request.user, "insight.add_run_across")
        if form.is_valid():
            data = form.cleaned_data
            filters = AcrossFilters(
                area=data["area"].code if data["area"] else "",
                audience=data["audience"].slug if data["audience"] else "",
                method=data["method"].slug if data["method"] else "",
                start=data["start"],
                end=data["end"],
            )
            try:
                run = services.analysis_run_create_across(user=request.user, filters=filters)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("insight:run_detail", pk=run.pk)
    runs = [
        (run, selectors.describe_filters(run.filters)) for run in selectors.runs_across(user=request.user)
    ]
    return render(
        request,
        "insight/across.html",
        {"form": form, "runs": runs, "can_add": request.user.has_perm("insight.add_run_across")},
        status=400 if form.errors else 200,
    )
