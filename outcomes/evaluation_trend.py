"""What the National Standards pages and API show (seed 004): one assessment's scores with what
each means, and the trend across activities — the average score of each standard by quarter or
by year, for the activities a user may see, in an area. Notes pass through the reader's door:
an activity's belong to its lead organisation, a partnership's to the partnership's members.

For the annual report: `standards_trend(user=, area=, by="year", start=, end=)`."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from core import quarters
from core.permissions import require
from core.shortcuts import get_or_404
from engagement.models import Activity
from organisations.models import Partnership, User
from organisations.privacy import TextDoor, text_door
from places.models import Area

from .evaluation_standards import SCORE_NAMES
from .models import NationalStandard, StandardsAssessment, StandardScore

PERIODS = {"quarter": "By quarter", "year": "By year"}


@dataclass(frozen=True)
class ScoreRow:
    slug: str
    name: str
    description: str
    descriptors: list[str]
    score: int | None
    score_label: str
    note: str


@dataclass(frozen=True)
class AssessmentDetail:
    rows: list[ScoreRow]
    exists: bool
    average: float | None
    updated_by: str
    updated_at: datetime | None


def _detail(assessment: StandardsAssessment | None, door: TextDoor) -> AssessmentDetail:
    scores = {s.standard_id: s for s in assessment.scores.all()} if assessment else {}
    rows = []
    for standard in NationalStandard.objects.all():
        score = scores.get(standard.pk)
        rows.append(
            ScoreRow(
                slug=standard.slug,
                name=standard.name,
                description=standard.description,
                descriptors=list(standard.descriptors or []),
                score=score.score if score else None,
                score_label=f"{score.score} – {SCORE_NAMES.get(score.score, '')}" if score else "Not scored",
                note=door(score.note) if score else "",
            )
        )
    given = [r.score for r in rows if r.score is not None]
    return AssessmentDetail(
        rows=rows,
        exists=assessment is not None,
        average=round(sum(given) / len(given), 1) if given else None,
        updated_by=assessment.updated_by.display_name() if assessment and assessment.updated_by else "",
        updated_at=assessment.updated_at if assessment else None,
    )


def activity_assessment(*, user: User, activity: Activity) -> AssessmentDetail:
    require(user, "outcomes.view_evaluation", activity)
    assessment = StandardsAssessment.objects.filter(activity=activity).select_related("updated_by").first()
    return _detail(assessment, text_door(user, activity.lead_organisation_id))


def partnerships_for(user: User) -> QuerySet[Partnership]:
    """The partnerships whose assessments `user` may read: their organisation's."""
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(members__id=user.organisation_id or 0).distinct()


def partnership_get(*, user: User, pk: Any) -> Partnership:
    """A partnership of the user's organisation (Http404 for any other)."""
    require(user, "outcomes.view_partnership_standards")
    return get_or_404(partnerships_for(user), pk)


def partnership_door(user: User, partnership: Partnership) -> TextDoor:
    """A partnership's own notes are read as written by its members' staff."""
    member = bool(user.organisation_id and partnership.members.filter(pk=user.organisation_id).exists())
    return TextDoor(raw=member and user.is_active)


def partnership_assessment(*, user: User, partnership: Partnership, year: int) -> AssessmentDetail:
    require(user, "outcomes.view_partnership_standards", partnership)
    assessment = (
        StandardsAssessment.objects.filter(partnership=partnership, year=year)
        .select_related("updated_by")
        .first()
    )
    return _detail(assessment, partnership_door(user, partnership))


@dataclass(frozen=True)
class PartnershipYear:
    partnership_id: int
    partnership: str
    year: int
    average: float | None


def partnership_years(*, user: User) -> list[PartnershipYear]:
    """The partnership assessments `user` may read, newest first."""
    found = []
    for assessment in (
        StandardsAssessment.objects.visible_to(user)
        .filter(partnership__isnull=False)
        .select_related("partnership")
        .prefetch_related("scores")
        .order_by("-year", "partnership__name")
    ):
        scores = [s.score for s in assessment.scores.all()]
        found.append(
            PartnershipYear(
                partnership_id=assessment.partnership_id or 0,
                partnership=str(assessment.partnership),
                year=assessment.year or 0,
                average=round(sum(scores) / len(scores), 1) if scores else None,
            )
        )
    return found


@dataclass(frozen=True)
class TrendCell:
    average: float | None
    count: int  # activities scored


@dataclass(frozen=True)
class StandardsTrend:
    by: str
    periods: list[str]
    labels: list[str]
    short_labels: list[str]
    rows: list[tuple[str, list[TrendCell]]]  # per standard, a cell per period
    assessments: int
    area: Area | None

    def by_period(self) -> list[tuple[str, list[tuple[str, TrendCell]]]]:
        """The table alternative, one group per period: (period in words, [(standard, cell)])."""
        return [
            (label, [(name, cells[i]) for name, cells in self.rows]) for i, label in enumerate(self.labels)
        ]


def period_of(day: date, by: str) -> str:
    return quarters.quarter_of(day) if by == "quarter" else str(day.year)


def _period_labels(periods: list[str], by: str) -> tuple[list[str], list[str]]:
    if by == "quarter":
        return [quarters.label(p) for p in periods], [quarters.short_label(p) for p in periods]
    return list(periods), list(periods)


def standards_trend(
    *,
    user: User,
    area: Area | None = None,
    by: str = "quarter",
    start: date | None = None,
    end: date | None = None,
) -> StandardsTrend:
    """The average score of each standard per period, over the activities' assessments `user`
    may see (dated by the activity's start), in `area` and the areas inside it."""
    require(user, "outcomes.view_evaluation_overview")
    by = by if by in PERIODS else "quarter"
    assessments = StandardsAssessment.objects.visible_to(user).filter(activity__isnull=False)
    if area is not None:
        assessments = assessments.filter(activity__in=Activity.private_objects.in_area(area).values("pk"))
    if start is not None:
        assessments = assessments.filter(period_start__gte=start)
    if end is not None:
        assessments = assessments.filter(period_start__lte=end)
    scores = StandardScore.objects.filter(assessment__in=assessments.values("pk")).values_list(
        "standard_id", "assessment__period_start", "score"
    )
    totals: dict[tuple[int, str], list[int]] = defaultdict(list)
    for standard_id, day, score in scores:
        totals[(standard_id, period_of(day, by))].append(score)
    periods = sorted({period for _, period in totals})
    rows = []
    for standard in NationalStandard.objects.all():
        cells = []
        for period in periods:
            given = totals.get((standard.pk, period), [])
            cells.append(TrendCell(round(sum(given) / len(given), 1) if given else None, len(given)))
        rows.append((standard.name, cells))
    labels, short = _period_labels(periods, by)
    return StandardsTrend(
        by=by,
        periods=periods,
        labels=labels,
        short_labels=short,
        rows=rows,
        assessments=assessments.count(),
        area=area,
    )
