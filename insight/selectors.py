"""Insight's reading door: what the analysis, triage and priority pages and their API
operations show, for one user, with residents' words already through that user's text door
(as written for the organisation that owns the run, redacted for everyone else).

Staff views (views.py) and the API (api/insight.py, api/priorities.py) call these and shape
nothing themselves.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from consultations.models import Question, QuestionKind, Questionnaire
from core.permissions import require
from core.shortcuts import get_or_404, get_visible_or_404
from governance.exports import Sheet
from governance.viewing import record_views
from organisations.models import User
from organisations.privacy import TextDoor, text_door
from places.models import Area

from .models import AnalysisRun, CodedAnswer, FlagState, IntelligenceFlag, Priority, Theme
from .priorities import RankedOption, priority_trend, ranking_order, ranking_respondents

ANSWERS_SHOWN_PER_THEME = 50


def questionnaire_get(*, user: User, pk: Any) -> Questionnaire:
    """A questionnaire whose analyses the user may see, or 404/403."""
    require(user, "engagement.view_activity")
    questionnaire = get_visible_or_404(Questionnaire.private_objects.select_related("activity"), user, pk)
    require(user, "insight.view_run", questionnaire)
    return questionnaire


def text_question_get(*, questionnaire: Questionnaire, pk: Any) -> Question:
    return get_or_404(questionnaire.questions.filter(kind=QuestionKind.TEXT), pk)


def ranking_questions(*, questionnaire: Questionnaire) -> list[tuple[Question, list[RankedOption], int]]:
    """Each ranking question of the questionnaire with its options best first and how many
    ranked them (totals only)."""
    questions = questionnaire.questions.filter(kind=QuestionKind.RANKING).order_by("position", "id")
    return [(q, ranking_order(q), ranking_respondents(q)) for q in questions]


def ranking_question_get(*, user: User, pk: Any) -> Question:
    """A question whose results the user may turn into priorities (the service says if it is not
    a ranking question), or 404/403."""
    require(user, "engagement.view_activity")
    question = get_visible_or_404(Question.objects.select_related("questionnaire__activity"), user, pk)
    require(user, "insight.view_run", question.questionnaire)
    require(user, "insight.add_priority_from_results", question.questionnaire)
    return question


def run_get(*, user: User, pk: Any) -> AnalysisRun:
    require(user, "engagement.view_activity")
    run = get_visible_or_404(
        AnalysisRun.objects.select_related("questionnaire__activity", "question", "organisation"), user, pk
    )
    require(user, "insight.view_run", run)
    return run


def theme_get(*, run: AnalysisRun, pk: Any) -> Theme:
    return get_or_404(run.themes.all(), pk)


def coded_answer_get(*, run: AnalysisRun, pk: Any) -> CodedAnswer:
    return get_or_404(run.coded_answers.select_related("answer", "theme"), pk)


def run_list(*, questionnaire: Questionnaire) -> QuerySet[AnalysisRun]:
    return questionnaire.analysis_runs.select_related("question", "created_by")


def runs_across(*, user: User) -> QuerySet[AnalysisRun]:
    """The user's organisation's analyses across its activities."""
    return AnalysisRun.objects.visible_to(user).filter(
        questionnaire=None, organisation_id=user.organisation_id or 0
    )


def describe_filters(filters: dict[str, str]) -> str:
    """An analysis across activities' filters in words."""
    parts = []
    if filters.get("area"):
        area = Area.objects.filter(code=filters["area"]).first()
        parts.append(f"in {area.name if area else filters['area']}")
    if filters.get("audience"):
        parts.append(f"for the audience “{filters['audience'].replace('-', ' ')}”")
    if filters.get("method"):
        parts.append(f"by {filters['method'].replace('-', ' ')}")
    if filters.get("from"):
        parts.append(f"from {date.fromisoformat(filters['from']):%-d %B %Y}")
    if filters.get("to"):
        parts.append(f"to {date.fromisoformat(filters['to']):%-d %B %Y}")
    return "Answers " + ", ".join(parts) if parts else "All answers"


@dataclass(frozen=True)
class ThemeView:
    theme: Theme
    label: str
    summary: str
    key_terms: list[str]
    quotes: list[str]
    answers: list[tuple[CodedAnswer, str]]
    percent: int
    bar: int


@dataclass(frozen=True)
class RunView:
    run: AnalysisRun
    themes: list[ThemeView]
    empty_count: int
    redacted: bool
    caption: str


def _quotes(run: AnalysisRun, door: TextDoor) -> dict[int, list[str]]:
    quotes: dict[int, list[str]] = defaultdict(list)
    rows = (
        run.coded_answers.exclude(quote_position=None)
        .exclude(theme=None)
        .select_related("answer")
        .order_by("theme_id", "quote_position")
    )
    for coded in rows:
        if coded.theme_id is not None:
            quotes[coded.theme_id].append(door(coded.answer.text))
    return quotes


def run_view(*, user: User, run: AnalysisRun, answers_per_theme: int = ANSWERS_SHOWN_PER_THEME) -> RunView:
    """A run with its themes as the user may read them."""
    door = text_door(user, run.organisation_id)
    themes = list(
        Theme.objects.visible_to(user)
        .filter(run=run)
        .prefetch_related(
            Prefetch("coded", queryset=CodedAnswer.objects.select_related("answer").order_by("id"))
        )
    )
    quotes = _quotes(run, door)
    biggest = max((t.size for t in themes), default=0) or 1
    total = sum(t.size for t in themes) or 1
    views = [
        ThemeView(
            theme=theme,
            label=door(theme.label),
            summary=door(theme.summary),
            key_terms=door.many(theme.key_terms),
            quotes=quotes.get(theme.pk, []),
            answers=[(c, door(c.answer.text)) for c in list(theme.coded.all())[:answers_per_theme]],
            percent=round(100 * theme.size / total),
            bar=round(100 * theme.size / biggest),
        )
        for theme in themes
    ]
    caption = run.questionnaire.title if run.questionnaire else describe_filters(run.filters)
    return RunView(
        run=run,
        themes=views,
        empty_count=run.coded_answers.filter(is_empty_bucket=True).count(),
        redacted=door.redacts,
        caption=caption,
    )


# Column headings of the exports, in the reader's language (written out by governance/exports.py).
THEME_HEADERS = [
    _("theme"),
    _("summary"),
    _("answers"),
    _("key terms"),
    _("reviewed"),
    _("quote 1"),
    _("quote 2"),
    _("quote 3"),
]
CODED_HEADERS = [
    _("answer id"),
    _("received"),
    _("channel"),
    _("area"),
    _("theme"),
    _("confidence"),
    _("answer"),
]
EXPORT_PARTS = ("themes", "answers")


def _theme_rows(run: AnalysisRun, door: TextDoor, themes: Any) -> list[list[Any]]:
    quotes = _quotes(run, door)
    return [
        [
            door(theme.label),
            door(theme.summary),
            theme.size,
            "; ".join(door.many(theme.key_terms)),
            "yes" if theme.reviewed else "no",
            *quotes.get(theme.pk, [])[:3],
        ]
        for theme in themes
    ]


def _coded_rows(run: AnalysisRun, door: TextDoor, themes: Any) -> list[list[Any]]:
    labels: dict[int | None, str] = {t.pk: door(t.label) for t in themes}
    labels[None] = "No answer / nothing to add"
    rows = (
        run.coded_answers.filter(Q(theme=None) | Q(theme__in=[t.pk for t in themes]))
        .select_related("answer__response__area")
        .order_by("theme__position", "id")
    )
    return [
        [
            coded.answer_id,
            coded.answer.response.submitted_at,
            coded.answer.response.get_channel_display(),
            coded.answer.response.area.name if coded.answer.response.area else "",
            labels.get(coded.theme_id, ""),
            round(coded.confidence, 3),
            door(coded.answer.text),
        ]
        for coded in rows
    ]


def run_export(*, user: User, run: AnalysisRun, part: str) -> Sheet:
    """The themes or the coded answers of a run as one sheet, through the user's text door."""
    require(user, "insight.export_run", run)
    door = text_door(user, run.organisation_id)
    themes = list(Theme.objects.visible_to(user).filter(run=run))  # an OFFICIAL-SENSITIVE theme stays home
    if part == "themes":
        return Sheet("themes", THEME_HEADERS, _theme_rows(run, door, themes))
    return Sheet("answers", CODED_HEADERS, _coded_rows(run, door, themes))


@dataclass(frozen=True)
class FlagView:
    flag: IntelligenceFlag
    text: str
    activity: str
    area: str


def flag_list(*, user: User, state: str, where: str = "intelligence triage page") -> list[FlagView]:
    """The triage queue of one state, for intelligence officers of the owning organisation.
    They read the text as written (it is their organisation's); each flag shown is recorded in
    the audit log as read (`where`: the page or the API)."""
    require(user, "insight.view_flag")
    flags = (
        IntelligenceFlag.objects.visible_to(user)
        .filter(state=state if state in FlagState.values else FlagState.NEW)
        .select_related(
            "answer__question__questionnaire__activity",
            "answer__response__area",
            "activity",
            "area",
            "decided_by",
        )
    )
    views = []
    for flag in flags:
        answer = flag.answer
        activity = answer.question.questionnaire.activity if answer else flag.activity
        area = answer.response.area if answer else flag.area
        views.append(
            FlagView(
                flag=flag,
                text=flag.shown_text,
                activity=activity.title if activity else "",
                area=area.name if area else "",
            )
        )
    record_views(user=user, objects=[view.flag for view in views], where=where)
    return views


def flag_get(*, user: User, pk: Any) -> IntelligenceFlag:
    require(user, "insight.view_flag")
    return get_visible_or_404(IntelligenceFlag.objects.select_related("answer"), user, pk)


@dataclass(frozen=True)
class AreaPriorities:
    areas: list[Area]
    area: Area | None
    priorities: list[Priority]
    quarters: list[str]
    trend: list[tuple[str, list[int | None]]]


def priorities_visible(*, user: User) -> QuerySet[Priority]:
    require(user, "insight.view_priority")
    return Priority.private_objects.visible_to(user).select_related("area", "question", "theme")


def area_priorities(*, user: User, code: str = "") -> AreaPriorities:
    """One area's priorities (the user's organisation's), quarter by quarter, and the areas
    that have any. Without a code, the first such area."""
    visible = priorities_visible(user=user)
    areas = list(Area.objects.filter(pk__in=visible.values("area")).order_by("name"))
    area = next((a for a in areas if a.code == code), None) if code else None
    area = area or (areas[0] if areas else None)
    chosen = list(visible.filter(area=area)) if area else []
    found_quarters, trend = priority_trend(chosen)
    return AreaPriorities(areas=areas, area=area, priorities=chosen, quarters=found_quarters, trend=trend)
