"""Neighbourhood priorities over HTTP: listing, recording one agreed at a PACT meeting, making
them from a ranking question's results or from an analysis theme, and an area's trend. The same
services and permission rules as the staff pages; each organisation sees only its own."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from core.permissions import require
from insight import selectors
from insight.models import Priority, PrioritySource
from insight.priorities import (
    checked_quarter,
    priority_create,
    priority_create_from_ranking,
    priority_create_from_theme,
    priority_trend,
)
from organisations.http import StaffRequest
from places.models import Area, AreaLevel

router = Router(tags=["priorities"])


class PriorityOut(Schema):
    id: int
    area: str = Field(description="The area code")
    area_name: str
    quarter: str
    label: str
    rank: int
    source: str
    is_public: bool
    theme: int | None
    question: int | None
    created_at: datetime
    marking: str = Field("official", description="Protective marking: official or official_sensitive")


class PriorityIn(Schema):
    area: str = Field("", max_length=12, description="The neighbourhood's (or district's) area code")
    quarter: str = Field("", max_length=7, description="Like 2026-Q3")
    label: str = Field("", max_length=200)
    rank: int = Field(0, description="1 is the most important, up to 99")
    source: PrioritySource = PrioritySource.PACT
    is_public: bool = Field(False, description="Show it on the public neighbourhood page")


class RankingPrioritiesIn(Schema):
    area: str = Field("", max_length=12, description="The code of one of the activity's areas")
    quarter: str = Field("", max_length=7, description="Like 2026-Q3")
    top: int = Field(3, description="How many of the best-placed options become priorities")
    is_public: bool = False
    residents_only: bool = Field(
        False, description="Count only the answers of people whose postcode is in the area"
    )
    replace: bool = Field(
        False, description="Replace the area's priorities from a ranking question for that quarter"
    )


class ThemePriorityIn(Schema):
    theme: int = 0
    area: str = Field("", max_length=12, description="The code of one of the activity's areas")
    quarter: str = Field("", max_length=7, description="Like 2026-Q3")
    rank: int = Field(0, description="1 is the most important, up to 99")
    is_public: bool = False


class TrendRowOut(Schema):
    label: str
    ranks: list[int | None] = Field(description="Its rank in each quarter; null when not a priority then")


class TrendOut(Schema):
    area: str
    area_name: str
    quarters: list[str] = Field(description="Oldest first")
    rows: list[TrendRowOut]


def _priority_out(priority: Priority) -> dict[str, Any]:
    return {
        "id": priority.pk,
        "area": priority.area.code,
        "area_name": priority.area.name,
        "quarter": priority.quarter,
        "label": priority.label,
        "rank": priority.rank,
        "source": priority.source,
        "is_public": priority.is_public,
        "theme": priority.theme_id,
        "question": priority.question_id,
        "created_at": priority.created_at,
        "marking": priority.marking,
    }


def _area(code: str, *, levels: list[str] | None = None) -> Area:
    code = code.strip()
    if not code:
        raise ValidationError({"area": "Give the area code, like E05000820."})
    areas = Area.objects.filter(code=code)
    if levels is not None:
        areas = areas.filter(level__in=levels)
    found = areas.first()
    if found is None:
        if levels:
            message = gettext("No neighbourhood or district has the code “%(code)s”.")
        else:
            message = gettext("No area has the code “%(code)s”.")
        raise ValidationError({"area": message % {"code": code}})
    return found


def _rank(rank: int) -> int:
    if not 1 <= rank <= 99:
        raise ValidationError({"rank": "Give the rank as a number from 1 to 99 (1 is the most important)."})
    return rank


@router.get("/priorities", response=list[PriorityOut], summary="Your organisation's neighbourhood priorities")
def list_priorities(request: StaffRequest, area: str = "", quarter: str = "") -> Any:
    found = selectors.priorities_visible(user=request.user)
    if area:
        found = found.filter(area=_area(area))
    if quarter:
        found = found.filter(quarter=checked_quarter(quarter))
    return [_priority_out(p) for p in found]


@router.post(
    "/priorities", response={201: PriorityOut}, summary="Record a priority (as agreed at a PACT meeting)"
)
def create_priority(request: StaffRequest, payload: PriorityIn) -> Any:
    require(request.user, "insight.add_priority")
    if not payload.label.strip():
        raise ValidationError({"label": "Enter the priority."})
    priority = priority_create(
        user=request.user,
        area=_area(payload.area, levels=[AreaLevel.NEIGHBOURHOOD, AreaLevel.DISTRICT]),
        quarter=payload.quarter,
        label=payload.label,
        rank=_rank(payload.rank),
        source=payload.source,
        is_public=payload.is_public,
    )
    return Reply(201, _priority_out(priority))


@router.post(
    "/questions/{int:question_id}/priorities",
    response={201: list[PriorityOut]},
    summary="Make an area's priorities for a quarter from a ranking question's results",
)
def create_priorities_from_ranking(
    request: StaffRequest, question_id: int, payload: RankingPrioritiesIn
) -> Any:
    question = selectors.ranking_question_get(user=request.user, pk=question_id)
    created = priority_create_from_ranking(
        user=request.user,
        question=question,
        area=_area(payload.area),
        quarter=payload.quarter,
        top=payload.top,
        is_public=payload.is_public,
        residents_only=payload.residents_only,
        replace=payload.replace,
    )
    return Reply(201, [_priority_out(p) for p in created])


@router.post(
    "/analyses/{int:run_id}/priorities",
    response={201: PriorityOut},
    summary="Make a theme a priority of one of the activity's areas",
)
def create_priority_from_theme(request: StaffRequest, run_id: int, payload: ThemePriorityIn) -> Any:
    run = selectors.run_get(user=request.user, pk=run_id)
    require(request.user, "insight.change_run", run)
    require(request.user, "insight.add_priority")
    theme = selectors.theme_get(run=run, pk=payload.theme)
    priority = priority_create_from_theme(
        user=request.user,
        theme=theme,
        area=_area(payload.area),
        quarter=payload.quarter,
        rank=_rank(payload.rank),
        is_public=payload.is_public,
    )
    return Reply(201, _priority_out(priority))


@router.get(
    "/priorities/trend",
    response=TrendOut,
    summary="How an area's priorities have ranked, quarter by quarter",
)
def get_priority_trend(request: StaffRequest, area: str = "") -> Any:
    found = _area(area)
    chosen = list(selectors.priorities_visible(user=request.user).filter(area=found))
    quarters, rows = priority_trend(chosen)
    return {
        "area": found.code,
        "area_name": found.name,
        "quarters": quarters,
        "rows": [{"label": label, "ranks": ranks} for label, ranks in rows],
    }
