"""Analyses of written answers, their themes and intelligence triage over HTTP: the same services
and permission rules as the staff pages. Quotes and exports are redacted when they leave the
owning organisation; intelligence flags are for intelligence officers only. Neighbourhood
priorities are in api/priorities.py."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from consultations.models import Question, Questionnaire
from governance.exports import XLSX_MIME, to_csv, to_xlsx
from insight import exports, services, triage
from insight import text as insight_text
from insight.models import (
    AnalysisRun,
    CodedAnswer,
    FlagState,
    IntelligenceFlag,
    Theme,
)
from insight.rules import sees_unredacted

router = Router(tags=["insight"])
THEME_ACTIONS = ("rename", "review", "unreview", "split", "merge")


class ThemeOut(Schema):
    id: int
    label: str
    size: int
    key_terms: list[str]
    quotes: list[str]
    reviewed: bool
    position: int


class RunOut(Schema):
    id: int
    questionnaire: int | None
    question: int | None
    filters: dict[str, str]
    state: str
    progress: int
    answer_count: int
    error: str
    created_at: datetime
    finished_at: datetime | None
    themes: list[ThemeOut] = []


# Request bodies: every field has a default so that a record out of reach is refused (404)
# before the body is judged; the views then check what is required.


class RunIn(Schema):
    question: int = 0


class ThemeChangeIn(Schema):
    action: str = Field("", description="rename, review, unreview, split or merge")
    theme: int = 0
    label: str = Field("", max_length=200)
    into: int | None = None


class MoveIn(Schema):
    coded_answer: int = 0
    theme: int = 0


class FlagOut(Schema):
    id: int
    answer: int
    text: str
    run: int | None
    score: float
    reasons: list[str]
    state: str
    reference: str
    reason: str
    created_at: datetime


class FlagDecisionIn(Schema):
    action: str = Field("", description="pass or dismiss")
    reference: str = Field("", max_length=100)
    reason: str = Field("", max_length=2000)


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _visible_questionnaire(request: HttpRequest, pk: int) -> Questionnaire:
    require(request, "engagement.view_activity")
    questionnaire = get_object_or_404(
        Questionnaire.private_objects.visible_to(request.user).select_related("activity"), pk=pk
    )
    require(request, "insight.view_run", questionnaire)
    return questionnaire


def visible_run(request: HttpRequest, pk: int) -> AnalysisRun:
    require(request, "engagement.view_activity")
    run = get_object_or_404(
        AnalysisRun.objects.filter(
            Q(questionnaire__in=Questionnaire.private_objects.visible_to(request.user).values("pk"))
            | (
                Q(questionnaire=None)
                & (
                    Q()
                    if request.user.is_superuser
                    else Q(organisation_id=getattr(request.user, "organisation_id", None) or 0)
                )
            )
        ).select_related("questionnaire__activity", "question"),
        pk=pk,
    )
    require(request, "insight.view_run", run)
    return run


def _run_out(request: HttpRequest, run: AnalysisRun, *, with_themes: bool = True) -> dict[str, Any]:
    unredacted = sees_unredacted(request.user, run)
    themes = []
    if with_themes:
        for theme in run.themes.all():
            quotes = theme.quotes if unredacted else [insight_text.redact(q) for q in theme.quotes]
            themes.append(
                {
                    "id": theme.pk,
                    "label": theme.label if unredacted else insight_text.redact(theme.label),
                    "size": theme.size,
                    "key_terms": theme.key_terms
                    if unredacted
                    else [insight_text.redact(t) for t in theme.key_terms],
                    "quotes": quotes,
                    "reviewed": theme.reviewed,
                    "position": theme.position,
                }
            )
    return {
        "id": run.pk,
        "questionnaire": run.questionnaire_id,
        "question": run.question_id,
        "filters": run.filters,
        "state": run.state,
        "progress": run.progress,
        "answer_count": run.answer_count,
        "error": run.error,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "themes": themes,
    }


@router.get("/questionnaires/{int:questionnaire_id}/analyses", response=list[RunOut])
def list_analysis_runs(request: HttpRequest, questionnaire_id: int) -> Any:
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    return [_run_out(request, run, with_themes=False) for run in questionnaire.analysis_runs.all()]


@router.post("/questionnaires/{int:questionnaire_id}/analyses", response={201: RunOut})
def create_analysis_run(request: HttpRequest, questionnaire_id: int, payload: RunIn) -> Any:
    questionnaire = _visible_questionnaire(request, questionnaire_id)
    require(request, "insight.change_run", questionnaire)
    if not payload.question:
        raise ValidationError({"question": "Give the question to analyse."})
    question = get_object_or_404(Question, pk=payload.question, questionnaire=questionnaire)
    run = services.analysis_run_create(user=request.user, question=question)
    return Reply(201, _run_out(request, run, with_themes=False))


class AcrossIn(Schema):
    area: str = Field("", max_length=12, description="An area code: the area and everything inside it")
    audience: str = Field("", max_length=120)
    method: str = Field("", max_length=100)
    start: date | None = Field(None, description="Responses from this day")
    end: date | None = Field(None, description="Responses up to this day")


@router.get("/analyses", response=list[RunOut], summary="Analyses across your organisation's activities")
def list_analysis_runs_across(request: HttpRequest) -> Any:
    require(request, "engagement.view_activity")
    runs = AnalysisRun.objects.filter(
        questionnaire=None, organisation_id=getattr(request.user, "organisation_id", None) or 0
    )
    return [_run_out(request, run, with_themes=False) for run in runs]


@router.post(
    "/analyses",
    response={201: RunOut},
    summary="Analyse written answers across your organisation's activities",
)
def create_analysis_run_across(request: HttpRequest, payload: AcrossIn) -> Any:
    filters = services.AcrossFilters(**payload.dict())
    run = services.analysis_run_create_across(user=request.user, filters=filters)
    return Reply(201, _run_out(request, run, with_themes=False))


@router.get("/analyses/{int:run_id}", response=RunOut)
def get_analysis_run(request: HttpRequest, run_id: int) -> Any:
    return _run_out(request, visible_run(request, run_id))


@router.post(
    "/analyses/{int:run_id}/themes", response=RunOut, summary="Rename, review, split or merge a theme"
)
def change_theme(request: HttpRequest, run_id: int, payload: ThemeChangeIn) -> Any:
    run = visible_run(request, run_id)
    require(request, "insight.change_run", run)
    if payload.action not in THEME_ACTIONS:
        raise ValidationError({"action": f"Choose one of {', '.join(THEME_ACTIONS)}."})
    theme = get_object_or_404(Theme, pk=payload.theme, run=run)
    if payload.action == "rename":
        services.theme_rename(user=request.user, theme=theme, label=payload.label)
    elif payload.action in ("review", "unreview"):
        services.theme_set_reviewed(user=request.user, theme=theme, reviewed=payload.action == "review")
    elif payload.action == "split":
        services.theme_split(user=request.user, theme=theme)
    else:
        into = get_object_or_404(Theme, pk=payload.into or 0, run=run)
        services.theme_merge(user=request.user, theme=theme, into=into)
    return _run_out(request, run)


@router.post("/analyses/{int:run_id}/moves", response=RunOut, summary="Move a coded answer to another theme")
def move_coded_answer(request: HttpRequest, run_id: int, payload: MoveIn) -> Any:
    run = visible_run(request, run_id)
    require(request, "insight.change_run", run)
    coded = get_object_or_404(
        CodedAnswer.objects.select_related("answer", "theme"), pk=payload.coded_answer, run=run
    )
    theme = get_object_or_404(Theme, pk=payload.theme, run=run)
    services.coded_answer_move(user=request.user, coded=coded, theme=theme)
    return _run_out(request, run)


@router.get(
    "/analyses/{int:run_id}/export",
    response={200: None},
    summary="Export themes or coded answers as CSV or XLSX (redacted outside the owning organisation)",
)
def export_analysis_run(
    request: HttpRequest,
    run_id: int,
    part: Literal["themes", "answers"] = "themes",
    format: Literal["csv", "xlsx"] = "csv",
) -> HttpResponse:
    run = visible_run(request, run_id)
    require(request, "insight.export_run", run)
    redacted = not sees_unredacted(request.user, run)
    if part == "themes":
        headers, rows = exports.THEME_HEADERS, exports.theme_rows(run, redacted=redacted)
    else:
        headers, rows = exports.CODED_HEADERS, exports.coded_rows(run, redacted=redacted)
    exports.run_export_audit(user=request.user, run=run, part=part, file_format=format, rows=len(rows))
    if format == "csv":
        response = HttpResponse(to_csv(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(headers, rows, title=part), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="analysis-{run.pk}-{part}.{format}"'
    return response


def _flag_out(flag: IntelligenceFlag) -> dict[str, Any]:
    return {
        "id": flag.pk,
        "answer": flag.answer_id,
        "text": flag.answer.text,
        "run": flag.run_id,
        "score": flag.score,
        "reasons": flag.reasons,
        "state": flag.state,
        "reference": flag.reference,
        "reason": flag.reason,
        "created_at": flag.created_at,
    }


@router.get(
    "/intelligence-flags",
    response=list[FlagOut],
    summary="Possible community intelligence (intelligence officers only)",
)
def list_intelligence_flags(request: HttpRequest, state: FlagState = FlagState.NEW) -> Any:
    require(request, "insight.view_flag")
    flags = IntelligenceFlag.objects.visible_to(request.user).filter(state=state).select_related("answer")
    return [_flag_out(flag) for flag in flags]


@router.post("/intelligence-flags/{int:flag_id}/decision", response=FlagOut)
def decide_intelligence_flag(request: HttpRequest, flag_id: int, payload: FlagDecisionIn) -> Any:
    require(request, "insight.view_flag")
    flag = get_object_or_404(
        IntelligenceFlag.objects.visible_to(request.user).select_related("answer"), pk=flag_id
    )
    if payload.action not in ("pass", "dismiss"):
        raise ValidationError({"action": "Choose pass or dismiss."})
    if payload.action == "pass":
        triage.flag_pass(user=request.user, flag=flag, reference=payload.reference)
    else:
        triage.flag_dismiss(user=request.user, flag=flag, reason=payload.reason)
    return _flag_out(flag)
