"""The reading door of the reports: what their pages, their API operations and their commands
show, for one user. Made reports are their organisation's (`visible_to`); the evidence pack is
read afresh for the period and area asked for, as the reader may see it, through the publication
rules (reports_scope.py). Ids and codes that name nothing the reader may see are a 404 or a
ValidationError, never a 500."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from core.permissions import require
from core.shortcuts import get_visible_or_404
from organisations.models import User
from places.models import Area
from reach.models import TargetProfile
from reach.selectors_reach import area_choices, target_choices

from .models import Report, ReportKind, ReportState
from .reports_doc import Doc, for_web
from .reports_evidence import evidence_data
from .reports_reach import victims_target
from .reports_scope import FIRST_YEAR, Period, area_by_code, period_for
from .reports_writing_annual import annual_doc
from .reports_writing_evidence import evidence_doc

YEARS_SHOWN = 6

__all__ = [
    "EvidenceQuery",
    "area_choices",
    "evidence_pack",
    "evidence_query",
    "report_document",
    "report_get",
    "report_list",
    "target_choices",
    "write",
    "year_choices",
]


def write(data: dict[str, Any]) -> Doc:
    """The document of a report's figures, whichever kind."""
    return evidence_doc(data) if data.get("kind") == ReportKind.EVIDENCE else annual_doc(data)


def year_choices(today: date | None = None) -> list[int]:
    """The years an annual report may be asked for, newest first (the current one included)."""
    today = today or timezone.localdate()
    return list(range(today.year, max(FIRST_YEAR, today.year - YEARS_SHOWN) - 1, -1))


def report_list(*, user: User) -> QuerySet[Report]:
    require(user, "outcomes.view_reports")
    return Report.objects.visible_to(user).select_related("area", "requested_by").defer("pdf", "data")


def report_get(*, user: User, pk: Any) -> Report:
    require(user, "outcomes.view_reports")
    report = get_visible_or_404(Report.objects.select_related("area", "requested_by", "target"), user, pk)
    require(user, "outcomes.view_report", report)
    return report


def report_document(*, report: Report) -> Doc | None:
    """A ready report's document, for its page (None until it is ready)."""
    if report.state != ReportState.DONE:
        return None
    return for_web(write(report.data))


def year_before(end: date) -> date:
    """The first day of the twelve months that end on `end`."""
    day = min(end.day, 28) if (end.month, end.day) == (2, 29) else end.day
    return date(end.year - 1, end.month, day) + timedelta(days=1)


@dataclass(frozen=True)
class EvidenceQuery:
    period: Period
    target: TargetProfile | None


def evidence_query(
    *,
    user: User,
    start: date | None = None,
    end: date | None = None,
    area: Any = None,
    target: Any = None,
    today: date | None = None,
) -> EvidenceQuery:
    """The period and area asked for, checked: the twelve months up to today unless given, an
    area by its code (every area without one), a target profile among those the user may use
    (without one, theirs of victims of crime if they have one)."""
    require(user, "outcomes.view_evidence_pack")
    today = today or timezone.localdate()
    end = end or today
    start = start or year_before(end)
    chosen_area: Area | None = area if isinstance(area, Area) else area_by_code(area)
    period = period_for(start=start, end=end, area=chosen_area, today=today)
    return EvidenceQuery(period=period, target=victims_target(user, target))


def evidence_pack(*, user: User, query: EvidenceQuery) -> dict[str, Any]:
    """The evidence pack's figures for the query, as the reader may see them."""
    require(user, "outcomes.view_evidence_pack")
    return evidence_data(user=user, period=query.period, target=query.target)
