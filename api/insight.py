"""Analyses of written answers, their themes and intelligence triage over HTTP: thin adapters
over insight's selectors and services, so the API shows and changes exactly what the staff
pages do, under the same rules. Text (theme names, key terms, quotes) comes through the
reader's text door: redacted outside the organisation that owns the run. Neighbourhood
priorities are in api/priorities.py."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http.response import HttpResponseBase
from django.utils.translation import gettext
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from core.permissions import require
from insight import granularity, selectors, services, themes, triage
from insight.exports import run_download
from insight.models import AnalysisRun, FlagState
from insight.scope import AcrossFilters
from organisations.http import StaffRequest

router = Router(tags=["insight"])
THEME_ACTIONS = ("rename", "review", "unreview", "split", "merge")


class ThemeOut(Schema):
    id: int
    label: str = Field(description="The theme's name: Heard's, made from redacted answers, or the analyst's")
    summary: str = Field("", description="Two sentences on what the answers say (from their redacted text)")
    size: int
    key_terms: list[str]
    quotes: list[str]
    reviewed: bool
    position: int
    marking: str = Field("official", description="Protective marking: official or official_sensitive")


class RunOut(Schema):
    id: int
    questionnaire: int | None
    question: int | None
    filters: dict[str, str]
    state: str
    progress: int
    seconds_left: int | None = Field(None, description="Estimated seconds left while the analysis runs")
    embedder: str = Field("", description="The embedding model the themes came from")
    level: int | None = Field(
        None,
        description="How broad the themes are: 0 much broader, 1 broader, 2 as found, 3 finer, 4 much "
        "finer; empty for an analysis made before themes could be made broader or finer",
    )
    answer_count: int
    error: str
    created_at: datetime
    finished_at: datetime | None
    marking: str = Field("official", description="Protective marking: official or official_sensitive")
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


class LevelIn(Schema):
    level: int | None = Field(
        None, description="0 much broader, 1 broader, 2 as found, 3 finer, 4 much finer"
    )


class MoveIn(Schema):
    coded_answer: int = 0
    theme: int = 0


class FlagOut(Schema):
    id: int
    answer: int | None = Field(description="Empty once the response was withdrawn (after it was passed on)")
    text: str
    run: int | None
    score: float
    reasons: list[str]
    state: str
    reference: str
    reason: str
    response_withdrawn_at: datetime | None
    created_at: datetime
    marking: str = Field("official", description="Protective marking: official or official_sensitive")


class FlagDecisionIn(Schema):
    action: str = Field("", description="pass or dismiss")
    reference: str = Field("", max_length=100)
    reason: str = Field("", max_length=2000)


class AcrossIn(Schema):
    area: str = Field("", max_length=12, description="An area code: the area and everything inside it")
    audience: str = Field("", max_length=120)
    method: str = Field("", max_length=100)
    start: date | None = Field(None, description="Responses from this day")
    end: date | None = Field(None, description="Responses up to this day")


def _run_out(request: StaffRequest, run: AnalysisRun, *, with_themes: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": run.pk,
        "questionnaire": run.questionnaire_id,
        "question": run.question_id,
        "filters": run.filters,
        "state": run.state,
        "progress": run.progress,
        "seconds_left": run.seconds_left,
        "embedder": run.embedder,
        "level": run.level,
        "answer_count": run.answer_count,
        "error": run.error,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "marking": run.marking,
        "themes": [],
    }
    if with_themes:
        view = selectors.run_view(user=request.user, run=run, answers_per_theme=0)
        out["themes"] = [
            {
                "id": t.theme.pk,
                "label": t.label,
                "summary": t.summary,
                "size": t.theme.size,
                "key_terms": t.key_terms,
                "quotes": t.quotes,
                "reviewed": t.theme.reviewed,
                "position": t.theme.position,
                "marking": t.theme.marking,
            }
            for t in view.themes
        ]
    return out


@router.get("/questionnaires/{int:questionnaire_id}/analyses", response=list[RunOut])
def list_analysis_runs(request: StaffRequest, questionnaire_id: int) -> Any:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    return [
        _run_out(request, run, with_themes=False) for run in selectors.run_list(questionnaire=questionnaire)
    ]


@router.post("/questionnaires/{int:questionnaire_id}/analyses", response={201: RunOut})
def create_analysis_run(request: StaffRequest, questionnaire_id: int, payload: RunIn) -> Any:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, "insight.change_run", questionnaire)
    if not payload.question:
        raise ValidationError({"question": "Give the question to analyse."})
    question = selectors.text_question_get(questionnaire=questionnaire, pk=payload.question)
    run = services.analysis_run_create(user=request.user, question=question)
    return Reply(201, _run_out(request, run, with_themes=False))


@router.get("/analyses", response=list[RunOut], summary="Analyses across your organisation's activities")
def list_analysis_runs_across(request: StaffRequest) -> Any:
    require(request.user, "engagement.view_activity")
    return [_run_out(request, run, with_themes=False) for run in selectors.runs_across(user=request.user)]


@router.post(
    "/analyses",
    response={201: RunOut},
    summary="Analyse written answers across your organisation's activities",
)
def create_analysis_run_across(request: StaffRequest, payload: AcrossIn) -> Any:
    filters = AcrossFilters(**payload.dict())
    run = services.analysis_run_create_across(user=request.user, filters=filters)
    return Reply(201, _run_out(request, run, with_themes=False))


@router.get("/analyses/{int:run_id}", response=RunOut)
def get_analysis_run(request: StaffRequest, run_id: int) -> Any:
    services.analysis_runs_fail_stale()
    return _run_out(request, selectors.run_get(user=request.user, pk=run_id))


@router.post(
    "/analyses/{int:run_id}/themes", response=RunOut, summary="Rename, review, split or merge a theme"
)
def change_theme(request: StaffRequest, run_id: int, payload: ThemeChangeIn) -> Any:
    user = request.user
    run = selectors.run_get(user=user, pk=run_id)
    require(user, "insight.change_run", run)
    if payload.action not in THEME_ACTIONS:
        raise ValidationError(
            {"action": gettext("Choose one of %(choices)s.") % {"choices": ", ".join(THEME_ACTIONS)}}
        )
    theme = selectors.theme_get(run=run, pk=payload.theme)
    if payload.action == "rename":
        themes.theme_rename(user=user, theme=theme, label=payload.label)
    elif payload.action in ("review", "unreview"):
        themes.theme_set_reviewed(user=user, theme=theme, reviewed=payload.action == "review")
    elif payload.action == "split":
        themes.theme_split(user=user, theme=theme)
    else:
        into = selectors.theme_get(run=run, pk=payload.into)
        themes.theme_merge(user=user, theme=theme, into=into)
    return _run_out(request, run)


@router.post(
    "/analyses/{int:run_id}/level",
    response=RunOut,
    summary="Make the themes broader or finer, at once (nothing is analysed again)",
)
def set_analysis_level(request: StaffRequest, run_id: int, payload: LevelIn) -> Any:
    run = selectors.run_get(user=request.user, pk=run_id)
    require(request.user, "insight.change_run", run)
    if payload.level is None:
        raise ValidationError({"level": gettext("Give the level, from 0 (much broader) to 4 (much finer).")})
    run = granularity.analysis_run_set_level(user=request.user, run=run, level=payload.level)
    return _run_out(request, run)


@router.post("/analyses/{int:run_id}/moves", response=RunOut, summary="Move a coded answer to another theme")
def move_coded_answer(request: StaffRequest, run_id: int, payload: MoveIn) -> Any:
    run = selectors.run_get(user=request.user, pk=run_id)
    require(request.user, "insight.change_run", run)
    coded = selectors.coded_answer_get(run=run, pk=payload.coded_answer)
    theme = selectors.theme_get(run=run, pk=payload.theme)
    themes.coded_answer_move(user=request.user, coded=coded, theme=theme)
    return _run_out(request, run)


@router.get(
    "/analyses/{int:run_id}/export",
    response={200: None},
    summary="Export themes or coded answers as CSV or XLSX (redacted outside the owning organisation)",
)
def export_analysis_run(
    request: StaffRequest,
    run_id: int,
    part: Literal["themes", "answers"] = "themes",
    format: Literal["csv", "xlsx"] = "csv",
) -> HttpResponseBase:
    run = selectors.run_get(user=request.user, pk=run_id)
    return run_download(user=request.user, run=run, part=part, file_format=format)


def _flag_out(view: selectors.FlagView) -> dict[str, Any]:
    flag = view.flag
    return {
        "id": flag.pk,
        "answer": flag.answer_id,
        "text": view.text,
        "run": flag.run_id,
        "score": flag.score,
        "reasons": flag.reasons,
        "state": flag.state,
        "reference": flag.reference,
        "reason": flag.reason,
        "response_withdrawn_at": flag.response_withdrawn_at,
        "created_at": flag.created_at,
        "marking": flag.marking,
    }


@router.get(
    "/intelligence-flags",
    response=list[FlagOut],
    summary="Possible community intelligence (intelligence officers only)",
)
def list_intelligence_flags(request: StaffRequest, state: FlagState = FlagState.NEW) -> Any:
    return [_flag_out(v) for v in selectors.flag_list(user=request.user, state=state, where="API")]


@router.post(
    "/intelligence-flags/{int:flag_id}/decision",
    response=FlagOut,
    summary="Pass a flag to the local intelligence unit or dismiss it (409 if already decided)",
)
def decide_intelligence_flag(request: StaffRequest, flag_id: int, payload: FlagDecisionIn) -> Any:
    user = request.user
    flag = selectors.flag_get(user=user, pk=flag_id)
    if payload.action not in ("pass", "dismiss"):
        raise ValidationError({"action": "Choose pass or dismiss."})
    if payload.action == "pass":
        flag = triage.flag_pass(user=user, flag=flag, reference=payload.reference)
    else:
        flag = triage.flag_dismiss(user=user, flag=flag, reason=payload.reason)
    return _flag_out(selectors.FlagView(flag=flag, text=flag.shown_text, activity="", area=""))
