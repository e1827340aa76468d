"""Consultation fatigue: how many times each area's residents were asked for their views
lately, across every partner the reader may see (issue 9 §3; seed 004 on "duplication and
inefficiency"). An ask is an activity that is a consultation, or that has a questionnaire that
has been live, whose response window (or, without one, its dates) meets the last
HEARD_CONSULTATION_FATIGUE_WEEKS weeks; it asks an area's residents when it covers the area
(coverage.py's rule). Above HEARD_CONSULTATION_FATIGUE_LIMIT asks, a warning says so."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from consultations.models import Questionnaire, QuestionnaireState
from core.permissions import require
from engagement.models import Activity
from organisations.models import User
from places.models import Area

from .coverage import coverage_filters, filtered_rows
from .coverage_areas import AreaCover, common_path, counted_activities, covered_rows, touching
from .engine import day_start
from .gather import IDS_AS_LIST


def fatigue_weeks() -> int:
    return int(getattr(settings, "HEARD_CONSULTATION_FATIGUE_WEEKS", 8))


def fatigue_limit() -> int:
    return int(getattr(settings, "HEARD_CONSULTATION_FATIGUE_LIMIT", 3))


@dataclass(frozen=True)
class FatigueLine:
    code: str
    name: str
    asks: int
    activity_ids: tuple[int, ...]
    weeks: int
    limit: int

    @property
    def is_over(self) -> bool:
        return self.asks > self.limit

    @property
    def warning(self) -> str:
        if not self.is_over:
            return ""
        return (
            f"Residents of {self.name} have been asked for their views {self.asks} times in the last "
            f"{self.weeks} weeks. More than {self.limit} risks tiring people out: think about joining "
            "one of these rather than asking again."
        )


def _ask_span(row: Mapping[str, Any]) -> tuple[date, date]:
    if row["response_opens"] and row["response_closes"]:
        return row["response_opens"], row["response_closes"]
    starts = timezone.localtime(row["starts_at"]).date()
    return starts, timezone.localtime(row["ends_at"]).date() if row["ends_at"] else starts


def consultation_fatigue(*, user: User, rows: list[Area], today: date | None = None) -> list[FatigueLine]:
    """For each area of `rows`, the asks of the last weeks, most asked first."""
    require(user, "reach.view_coverage")
    today = today or timezone.localdate()
    weeks, limit = fatigue_weeks(), fatigue_limit()
    since = today - timedelta(weeks=weeks)
    asked_online = Questionnaire.private_objects.filter(
        state__in=[QuestionnaireState.LIVE, QuestionnaireState.SUPERSEDED]
    ).values("activity_id")
    # What may meet the weeks (`_ask_span` says exactly) and can cover the rows, chosen first
    # and named, so that the reader's visibility is then worked out for those few only.
    after, first = day_start(today + timedelta(days=1)), day_start(since)
    near = touching(Activity.private_objects.all(), common_path(rows)).filter(
        Q(starts_at__lt=after) | Q(response_opens__lte=today),
        Q(response_closes__gte=since) | Q(ends_at__gte=first) | Q(starts_at__gte=first),
    )
    ids = list(near.values_list("pk", flat=True).order_by())
    candidates = counted_activities(user).filter(
        Q(pk__in=ids) if len(ids) <= IDS_AS_LIST else Q(pk__in=near.values("pk")),
        ~Q(consultation_kind="") | Q(pk__in=asked_online),
    )
    asks = [
        row["pk"]
        for row in candidates.values(
            "pk", "starts_at", "ends_at", "response_opens", "response_closes"
        ).order_by()
        if _ask_span(row)[0] <= today and _ask_span(row)[1] >= since
    ]
    per_row: dict[int, set[int]] = defaultdict(set)
    for activity_id, indexes in covered_rows(asks, AreaCover(rows)).items():
        for index in indexes:
            per_row[index].add(activity_id)
    lines = [
        FatigueLine(
            code=area.code,
            name=area.name,
            asks=len(per_row[i]),
            activity_ids=tuple(sorted(per_row[i])),
            weeks=weeks,
            limit=limit,
        )
        for i, area in enumerate(rows)
    ]
    return sorted(lines, key=lambda line: (-line.asks, line.name))


def fatigue_list(*, user: User, data: Mapping[str, Any] | None) -> list[FatigueLine]:
    """Consultation fatigue for the areas the coverage filters ask for (ValidationError for bad
    filters); the filters of organisation, method, purpose and period do not narrow it, since
    residents are tired by every partner's asking."""
    return consultation_fatigue(user=user, rows=filtered_rows(coverage_filters(data=data)))
