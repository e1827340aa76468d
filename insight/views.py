"""Staff pages for analyses and intelligence triage. Thin: the services do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from consultations.models import Question, QuestionKind, Questionnaire
from governance.exports import XLSX_MIME, to_csv, to_xlsx
from organisations.http import StaffRequest
from places.models import Area

from . import exports, priorities, services, text, triage
from .charts import trend_chart
from .forms import AcrossForm, PriorityForm, RankingPriorityForm
from .models import (
    AnalysisRun,
    CodedAnswer,
    FlagState,
    IntelligenceFlag,
    Priority,
    Theme,
    quarter_of,
)
from .rules import sees_unredacted

MOVE_LIMIT = 50


def _require(request: StaffRequest, perm: str, obj: Model | None = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _visible_questionnaire(request: StaffRequest, pk: int) -> Questionnaire:
    _require(request, "engagement.view_activity")
    questionnaire = get_object_or_404(
        Questionnaire.private_objects.visible_to(request.user).select_related("activity"), pk=pk
    )
    _require(request, "insight.view_run", questionnaire)
    return questionnaire


def _visible_run(request: StaffRequest, pk: int) -> AnalysisRun:
    _require(request, "engagement.view_activity")
    across = Q(questionnaire=None) & (
        Q() if request.user.is_superuser else Q(organisation_id=request.user.organisation_id)
    )
    run = get_object_or_404(
        AnalysisRun.objects.filter(
            Q(questionnaire__in=Questionnaire.private_objects.visible_to(request.user).values("pk")) | across
        ).select_related("questionnaire__activity", "question", "organisation"),
        pk=pk,
    )
    _require(request, "insight.view_run", run)
    return run


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def run_list(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = _visible_questionnaire(request, pk)
    can_change = request.user.has_perm("insight.change_run", questionnaire)
    questions = list(questionnaire.questions.filter(kind=QuestionKind.TEXT))
    if request.method == "POST":
        _require(request, "insight.change_run", questionnaire)
        question = get_object_or_404(
            Question, pk=request.POST.get("question") or 0, questionnaire=questionnaire
        )
        try:
            run = services.analysis_run_create(user=request.user, question=question)
        except ValidationError as exc:
            messages.error(request, _message(exc))
            return redirect("insight:run_list", pk=questionnaire.pk)
        return redirect("insight:run_detail", pk=run.pk)
    runs = questionnaire.analysis_runs.select_related("question", "created_by")
    return render(
        request,
        "insight/run_list.html",
        {
            "questionnaire": questionnaire,
            "runs": runs,
            "questions": questions,
            "can_change": can_change,
            "can_prioritise": request.user.has_perm("insight.add_priority_from_results", questionnaire)
            and questionnaire.questions.filter(kind=QuestionKind.RANKING).exists(),
        },
    )


@login_required
def run_detail(request: StaffRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    if request.htmx and run.is_active:
        return render(request, "insight/_progress.html", {"run": run})
    if request.htmx:  # finished: reload the whole page to show the themes
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    unredacted = sees_unredacted(request.user, run)
    themes = list(
        run.themes.prefetch_related(
            Prefetch("coded", queryset=CodedAnswer.objects.select_related("answer").order_by("id"))
        )
    )
    biggest = max((t.size for t in themes), default=0) or 1
    total = sum(t.size for t in themes) or 1
    rows = []
    for theme in themes:
        quotes = theme.quotes if unredacted else [text.redact(q) for q in theme.quotes]
        coded = list(theme.coded.all())[:MOVE_LIMIT]
        answers = [(c, c.answer.text if unredacted else text.redact(c.answer.text)) for c in coded]
        rows.append(
            {
                "theme": theme,
                "label": theme.label if unredacted else text.redact(theme.label),
                "key_terms": theme.key_terms if unredacted else [text.redact(t) for t in theme.key_terms],
                "quotes": quotes,
                "answers": answers,
                "percent": round(100 * theme.size / total),
                "bar": round(100 * theme.size / biggest),
            }
        )
    return render(
        request,
        "insight/run_detail.html",
        {
            "run": run,
            "rows": rows,
            "themes": themes,
            "empty_count": run.coded_answers.filter(is_empty_bucket=True).count(),
            "can_change": request.user.has_perm("insight.change_run", run) and run.state == "done",
            "redacted": not unredacted,
            "areas": list(run.questionnaire.activity.areas.order_by("name")) if run.questionnaire else [],
            "this_quarter": quarter_of(timezone.localdate()),
        },
    )


CONFIRMED = "yes"


@login_required
@require_POST
def theme_change(request: StaffRequest, pk: int) -> HttpResponse:
    """One of rename, review, unreview, split or merge on a theme of the run. Merging and
    splitting cannot be undone, so they first show a page asking to confirm, and happen only
    when that page's form comes back with `confirm=yes`."""
    run = _visible_run(request, pk)
    _require(request, "insight.change_run", run)
    theme = get_object_or_404(Theme, pk=request.POST.get("theme") or 0, run=run)
    action = request.POST.get("action", "")
    confirmed = request.POST.get("confirm") == CONFIRMED
    try:
        if action == "rename":
            services.theme_rename(user=request.user, theme=theme, label=request.POST.get("label", ""))
        elif action in ("review", "unreview"):
            services.theme_set_reviewed(user=request.user, theme=theme, reviewed=action == "review")
        elif action == "split":
            if not confirmed:
                services.theme_split_check(user=request.user, theme=theme)
                return _confirm(request, run, theme, action)
            services.theme_split(user=request.user, theme=theme)
        elif action == "merge":
            into = get_object_or_404(Theme, pk=request.POST.get("into") or 0, run=run)
            if not confirmed:
                services.theme_merge_check(user=request.user, theme=theme, into=into)
                return _confirm(request, run, theme, action, into=into)
            services.theme_merge(user=request.user, theme=theme, into=into)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "Themes updated.")
    return redirect("insight:run_detail", pk=run.pk)


def _confirm(
    request: StaffRequest, run: AnalysisRun, theme: Theme, action: str, *, into: Theme | None = None
) -> HttpResponse:
    return render(
        request,
        "insight/theme_confirm.html",
        {"run": run, "theme": theme, "action": action, "into": into, "confirm": CONFIRMED},
    )


@login_required
@require_POST
def answer_move(request: StaffRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    _require(request, "insight.change_run", run)
    coded = get_object_or_404(
        CodedAnswer.objects.select_related("answer", "theme"), pk=request.POST.get("coded") or 0, run=run
    )
    theme = get_object_or_404(Theme, pk=request.POST.get("theme") or 0, run=run)
    try:
        services.coded_answer_move(user=request.user, coded=coded, theme=theme)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, f"Answer moved to “{theme.label}”.")
    return redirect("insight:run_detail", pk=run.pk)


@login_required
def run_export(request: StaffRequest, pk: int, part: str, file_format: str) -> HttpResponse:
    run = _visible_run(request, pk)
    _require(request, "insight.export_run", run)
    if part not in ("themes", "answers") or file_format not in ("csv", "xlsx"):
        raise Http404
    redacted = not sees_unredacted(request.user, run)
    if part == "themes":
        headers, rows = exports.THEME_HEADERS, exports.theme_rows(run, redacted=redacted)
    else:
        headers, rows = exports.CODED_HEADERS, exports.coded_rows(run, redacted=redacted)
    exports.run_export_audit(user=request.user, run=run, part=part, file_format=file_format, rows=len(rows))
    if file_format == "csv":
        body, content_type = to_csv(headers, rows), "text/csv; charset=utf-8"
    else:
        body, content_type = to_xlsx(headers, rows, title=part), XLSX_MIME
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="analysis-{run.pk}-{part}.{file_format}"'
    return response


@login_required
def flag_list(request: StaffRequest) -> HttpResponse:
    """The triage queue: for intelligence officers only."""
    _require(request, "insight.view_flag")
    state = request.GET.get("state", FlagState.NEW)
    if state not in FlagState.values:
        state = FlagState.NEW
    flags = (
        IntelligenceFlag.objects.visible_to(request.user)
        .filter(state=state)
        .select_related("answer__question__questionnaire__activity", "answer__response__area", "decided_by")
    )
    return render(
        request,
        "insight/flag_list.html",
        {"flags": flags, "state": state, "states": FlagState.choices},
    )


@login_required
@require_POST
def flag_decide(request: StaffRequest, pk: int) -> HttpResponse:
    _require(request, "insight.view_flag")
    flag = get_object_or_404(IntelligenceFlag.objects.visible_to(request.user), pk=pk)
    try:
        if request.POST.get("action") == "pass":
            triage.flag_pass(user=request.user, flag=flag, reference=request.POST.get("reference", ""))
            messages.success(request, "Passed to the local intelligence unit.")
        elif request.POST.get("action") == "dismiss":
            triage.flag_dismiss(user=request.user, flag=flag, reason=request.POST.get("reason", ""))
            messages.success(request, "Dismissed.")
        else:
            messages.error(request, "Choose to pass it on or dismiss it.")
    except ValidationError as exc:
        messages.error(request, _message(exc))
    return redirect("insight:flag_list")


@login_required
def priority_list(request: StaffRequest) -> HttpResponse:
    """A neighbourhood's priorities by quarter: the trend as a chart and a table."""
    _require(request, "insight.view_priority")
    visible = Priority.private_objects.visible_to(request.user).select_related("area", "question", "theme")
    areas = Area.objects.filter(pk__in=visible.values("area")).order_by("name")
    area = areas.filter(code=request.GET.get("area", "")).first() or areas.first()
    chosen = list(visible.filter(area=area)) if area else []
    quarters, trend = priorities.priority_trend(chosen)
    return render(
        request,
        "insight/priority_list.html",
        {
            "areas": areas,
            "area": area,
            "priorities": chosen,
            "quarters": quarters,
            "trend": trend,
            "chart": trend_chart(quarters, trend, area_name=area.name) if area else None,
            "can_add": request.user.has_perm("insight.add_priority"),
        },
    )


@login_required
def priority_create(request: StaffRequest) -> HttpResponse:
    _require(request, "insight.add_priority")
    form = PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            priority = priorities.priority_create(
                user=request.user,
                area=data["area"],
                quarter=data["quarter"],
                label=data["label"],
                rank=data["rank"],
                source=data["source"],
                is_public=data["is_public"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{priority.label}” added.")
            return redirect(f"{reverse('insight:priority_list')}?area={priority.area.code}")
    return render(request, "insight/priority_form.html", {"form": form})


@login_required
@require_POST
def theme_priority(request: StaffRequest, pk: int) -> HttpResponse:
    """Make a theme a priority of one of the activity's neighbourhoods for a quarter."""
    run = _visible_run(request, pk)
    _require(request, "insight.change_run", run)
    _require(request, "insight.add_priority")
    theme = get_object_or_404(Theme, pk=request.POST.get("theme") or 0, run=run)
    if run.questionnaire is None:
        raise Http404
    area = get_object_or_404(run.questionnaire.activity.areas.all(), pk=request.POST.get("area") or 0)
    try:
        rank = int(request.POST.get("rank") or 0)
        priorities.priority_create_from_theme(
            user=request.user,
            theme=theme,
            area=area,
            quarter=request.POST.get("quarter", ""),
            rank=rank,
            is_public=request.POST.get("is_public") == "on",
        )
    except ValueError:
        messages.error(request, "Enter the rank as a number from 1 to 99.")
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(
            request, f"“{theme.label}” is now a priority for {area.name} in {request.POST.get('quarter')}."
        )
    return redirect("insight:run_detail", pk=run.pk)


@login_required
def ranking_priorities(request: StaffRequest, pk: int) -> HttpResponse:
    """Turn the results of one of the questionnaire's ranking questions into a neighbourhood's
    priorities for a quarter. Shows each ranking question's current order first."""
    questionnaire = _visible_questionnaire(request, pk)
    _require(request, "insight.add_priority_from_results", questionnaire)
    data = request.POST if request.method == "POST" else None
    form = RankingPriorityForm(
        data, questionnaire=questionnaire, initial={"quarter": quarter_of(timezone.localdate())}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data
        try:
            created = priorities.priority_create_from_ranking(
                user=request.user,
                question=chosen["question"],
                area=chosen["area"],
                quarter=chosen["quarter"],
                top=chosen["top"],
                is_public=chosen["is_public"],
                residents_only=chosen["residents_only"],
                replace=chosen["replace"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            area = chosen["area"]
            messages.success(
                request,
                f"{len(created)} priorit{'y' if len(created) == 1 else 'ies'} made for {area.name} "
                f"in {created[0].quarter}: " + ", ".join(f"{p.rank}. {p.label}" for p in created),
            )
            return redirect(f"{reverse('insight:priority_list')}?area={area.code}")
    questions = [
        (question, priorities.ranking_order(question), priorities.ranking_respondents(question))
        for question in form.fields["question"].queryset  # type: ignore[attr-defined]
    ]
    return render(
        request,
        "insight/ranking_priorities.html",
        {"questionnaire": questionnaire, "form": form, "questions": questions},
    )


@login_required
def analysis_across(request: StaffRequest) -> HttpResponse:
    """Analyses of the written answers across the organisation's activities."""
    _require(request, "insight.view_priority")  # any member of staff may look
    can_add = request.user.has_perm("insight.add_run_across")
    form = AcrossForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        _require(request, "insight.add_run_across")
        if form.is_valid():
            data = form.cleaned_data
            filters = services.AcrossFilters(
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
    runs = AnalysisRun.objects.filter(questionnaire=None, organisation_id=request.user.organisation_id or 0)
    return render(request, "insight/across.html", {"form": form, "runs": runs, "can_add": can_add})
