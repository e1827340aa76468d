"""The annual outcome report's figures (seed 001: "an annual outcome report"), for a year and an
area, as the data a report keeps and is shown again from: activities by purpose (seed 004's
continuum), method and area; people reached and who they were against the Census (reach); the
main themes and priorities; "You said, we did"; evaluation and the National Standards (seed 004);
the partnerships' Results-Based Accountability report cards. The board view reads the same
figures for the year so far.

Each part comes from its app's reading door, through the publication rules of reports_scope.py
(OFFICIAL, dated in the period, suppressed at the outsiders' threshold, words redacted)."""

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Q

from consultations.suppression import threshold
from engagement.models import Activity, ActivityQuerySet, Purpose
from governance.models import Marking
from organisations.models import Partnership, User

from .evaluation_figures import participant_views
from .evaluation_selectors import evaluations_in_period
from .evaluation_trend import standards_trend
from .loop_selectors import decisions_visible
from .measures_selectors import MeasureView, partnerships_for, report_card
from .models import AimResult, ParticipantEvaluation
from .reports_reach import heard, reach_section
from .reports_said import (
    action_rows,
    actions_of,
    feedback_in,
    findings_in,
    priorities,
    rag_counts,
    themes,
    you_said_we_did,
)
from .reports_scope import PUBLISHED, Period, people_counts, period_activities

Progress = Callable[[int], None]


def _quiet(_: int) -> None:
    return None


def _ranked(counted: Counter[str]) -> list[list[Any]]:
    return [[name, n] for name, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]


def activity_counts(activities: ActivityQuerySet, period: Period) -> dict[str, Any]:
    """How many activities, by purpose (all six, in the continuum's order), method and area."""
    purposes = Counter(activities.values_list("purpose", flat=True))
    methods = Counter(activities.values_list("method__name", flat=True))
    held = Activity.areas.through.objects.filter(activity__in=activities.values("pk"))
    if period.area is not None:
        held = held.filter(area__path__startswith=period.area.path)
    areas = Counter(held.values_list("area__name", flat=True))
    return {
        "total": activities.count(),
        "by_purpose": [[str(p.label), purposes.get(p.value, 0)] for p in Purpose],
        "by_method": _ranked(methods),
        "by_area": _ranked(areas),
    }


def loop_figures(user: User, period: Period) -> dict[str, Any]:
    """Findings made and decisions taken in the period, and their actions as they stood."""
    decided = decisions_visible(user=user, area=period.area).filter(
        marking=Marking.OFFICIAL, decided_on__gte=period.start, decided_on__lte=period.last
    )
    rows = action_rows(actions_of(user=user, decisions=decided, period=period), period.as_at)
    return {
        "findings": findings_in(user=user, period=period).count(),
        "decisions": decided.count(),
        "actions": len(rows),
        "actions_by_rag": rag_counts(rows),
        "actions_by_status": _ranked(Counter(row["status"] for row in rows)),
    }


def evaluation_figures(user: User, period: Period, activities: ActivityQuerySet) -> dict[str, Any]:
    """Complete evaluations of the period's activities: aims met, targets met, and what the
    people who took part said (totals, suppressed across the activities as atoms)."""
    below = threshold()
    evaluations = list(
        evaluations_in_period(user=user, start=period.start, end=period.end, area=period.area).filter(
            activity__in=activities.values("pk"), completed_at__lt=period.until
        )
    )
    aims = Counter(r.result for e in evaluations for r in e.aim_ratings.all())
    targeted = [e for e in evaluations if e.target_participants]
    ids = [e.activity_id for e in evaluations]
    forms = ParticipantEvaluation.objects.filter(activity__in=ids, received_on__lte=period.last)
    views = participant_views(forms, atoms=[forms.filter(activity_id=pk) for pk in ids], below=below)
    return {
        "complete": len(evaluations),
        "aims": [[str(result.label), aims.get(result.value, 0)] for result in AimResult],
        "with_target": len(targeted),
        "target_met": sum(1 for e in targeted if (e.people_reached or 0) >= (e.target_participants or 0)),
        "forms": str(views.total) if views.total >= below else f"fewer than {below}",
        "views": [
            {
                "heading": table.heading,
                "question": table.question,
                "cells": [[c.label, c.shown] for c in table.cells],
            }
            for table in views.tables
        ],
    }


def standards_figures(user: User, period: Period) -> dict[str, Any]:
    """The average self-assessment score of each National Standard over the period."""
    trend = standards_trend(user=user, area=period.area, by="year", start=period.start, end=period.last)
    rows = []
    for name, cells in trend.rows:
        scored = [c for c in cells if c.average is not None]
        total = sum(c.count for c in scored)
        average = round(sum(c.average * c.count for c in scored if c.average) / total, 1) if total else None
        rows.append({"standard": name, "average": average, "activities": total})
    return {"assessments": trend.assessments, "rows": rows}


def _measure(view: MeasureView, quadrant: str) -> dict[str, Any]:
    measure = view.measure
    return {
        "name": measure.name,
        "quadrant": quadrant,
        "unit": measure.unit,
        "frequency": measure.frequency,
        "baseline": view.baseline,
        "target": view.target,
        "baseline_value": float(measure.baseline) if measure.baseline is not None else None,
        "target_value": float(measure.target) if measure.target is not None else None,
        "values": [
            {
                "start": v.period_start.isoformat(),
                "label": v.period_label,
                "text": v.text,
                "value": float(v.value),
            }
            for v in view.values
        ],
        "trend": view.trend,
        "against_target": view.against_target,
        "story": PUBLISHED(view.story),
        "what_works": PUBLISHED(view.what_works),
        "next_steps": PUBLISHED(view.next_steps),
        "partners": [PUBLISHED(p) for p in view.partners],
    }


def partnerships_in(user: User, period: Period) -> list[Partnership]:
    """The partnerships the user belongs to that work in the area (or in no area in particular)."""
    chosen = partnerships_for(user=user)
    if period.area is not None:
        above = [code for code in period.area.path.split("/") if code]
        placed = Partnership.objects.filter(areas__isnull=False).values("pk")
        there = Partnership.objects.filter(
            Q(areas__path__startswith=period.area.path) | Q(areas__code__in=above)
        ).values("pk")
        chosen = chosen.filter(~Q(pk__in=placed) | Q(pk__in=there))
    return list(chosen.distinct().order_by("name"))


def report_cards(user: User, period: Period) -> list[dict[str, Any]]:
    cards = []
    for partnership in partnerships_in(user, period):
        if not user.has_perm("outcomes.view_report_card", partnership):
            continue
        card = report_card(user=user, partnership=partnership, start=period.start, end=period.last)
        cards.append(
            {
                "partnership": partnership.name,
                "partnership_id": partnership.pk,
                "measures": [_measure(view, group.title) for group in card.groups for view in group.measures],
            }
        )
    return cards


def annual_data(
    *, user: User, period: Period, progress: Progress = _quiet, feedback_items: bool = True
) -> dict[str, Any]:
    """Every figure of the annual outcome report (JSON: the report keeps it). Without
    `feedback_items`, only how much feedback was published (the board)."""
    activities = period_activities(user, period)
    people = people_counts(activities.values("pk"), period)
    data: dict[str, Any] = {
        "kind": "annual",
        "title": f"Annual outcome report {period.start.year}",
        "year": period.start.year,
        "period": period.as_json(),
        "suppressed_below": threshold(),
        "activities": activity_counts(activities, period),
        "people": {"reached": people.total(), "left_out": people.left_out},
    }
    progress(20)
    data["reach"] = reach_section(heard(user, activities, period))
    progress(40)
    data["themes"] = themes(user=user, activities=activities, period=period)
    data["priorities"] = priorities(user=user, period=period)
    data["loop"] = loop_figures(user, period)
    progress(55)
    if feedback_items:
        data["you_said_we_did"] = you_said_we_did(user=user, period=period)
    else:
        data["you_said_we_did"] = {"published": feedback_in(user=user, period=period).count(), "items": []}
    progress(70)
    data["evaluation"] = evaluation_figures(user, period, activities)
    data["standards"] = standards_figures(user, period)
    progress(80)
    data["report_cards"] = report_cards(user, period)
    progress(85)
    return data
