"""What people said and what came of it, for the published reports: the main themes of the
analyses, the neighbourhood priorities published, the findings ("You said"), the decisions they
informed and the actions taken, and the feedback published ("We did").

Read through the apps' reading doors (insight's `priorities_visible`, the loop's
`findings_visible`, `decisions_visible`, `actions_visible`, `feedback_visible`, and the
`visible_to` of analyses), then narrowed to what a published report holds (reports_scope.py):
OFFICIAL records dated in the period, every word through the public door. An action's status is
read as it stood on the day the figures stand at, from its dated history of updates."""

import copy
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from consultations.suppression import threshold
from core import quarters
from engagement.models import ActivityQuerySet
from governance.models import Marking
from insight.models import AnalysisRun, RunState, Theme
from insight.selectors import priorities_visible
from organisations.models import User

from .loop_public import progress_words
from .loop_rag import derived_rag
from .loop_selectors import decision_rows, decisions_visible, finding_rows, findings_visible
from .loop_selectors_work import actions_visible, feedback_visible
from .models import Action, ActionStatus, ActionUpdate, Decision, Feedback, FeedbackState, Finding, Rag
from .reports_scope import PUBLISHED, Period

THEMES_SHOWN = 15
FINDINGS_SHOWN = 40
FEEDBACK_SHOWN = 25
OFFICIAL = Marking.OFFICIAL


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def themes(*, user: User, activities: ActivityQuerySet, period: Period) -> list[dict[str, Any]]:
    """The largest themes of the latest finished analysis of each question of the activities,
    as it stood on the day the figures stand at. Themes of fewer answers than the threshold are
    left out, so no count under it is shown (and with no total shown, none can be worked out)."""
    runs = (
        AnalysisRun.objects.visible_to(user)
        .filter(questionnaire__activity__in=activities.values("pk"), state=RunState.DONE)
        .filter(finished_at__lt=period.until)
        .order_by("question_id", "-finished_at", "-id")
        .values_list("pk", "question_id")
    )
    latest: dict[int | None, int] = {}
    for run_id, question_id in runs:
        latest.setdefault(question_id, run_id)
    below = threshold()
    found = (
        Theme.objects.filter(run_id__in=latest.values(), size__gte=below)
        .select_related("run__questionnaire__activity")
        .order_by("-size", "label", "pk")[:THEMES_SHOWN]
    )
    return [
        {
            "label": PUBLISHED(theme.label),
            "answers": theme.size,
            "activity": theme.run.questionnaire.activity.title if theme.run.questionnaire else "",
        }
        for theme in found
    ]


def priorities(*, user: User, period: Period) -> list[dict[str, Any]]:
    """The neighbourhood priorities published on the public website for the period's quarters."""
    found = priorities_visible(user=user).filter(
        is_public=True,
        quarter__gte=quarters.quarter_of(period.start),
        quarter__lte=quarters.quarter_of(period.last),
    )
    if period.area is not None:
        found = found.filter(area__path__startswith=period.area.path)
    return [
        {
            "area": p.area.name,
            "quarter": quarters.label(p.quarter),
            "rank": p.rank,
            "label": PUBLISHED(p.label),
        }
        for p in found.order_by("area__name", "quarter", "rank", "pk")
    ]


def findings_in(*, user: User, period: Period) -> QuerySet[Finding]:
    return findings_visible(user=user, area=period.area).filter(
        marking=OFFICIAL, found_on__gte=period.start, found_on__lte=period.last
    )


def findings(*, user: User, found: QuerySet[Finding]) -> list[dict[str, Any]]:
    rows = finding_rows(user=user, findings=found.order_by("found_on", "pk")[:FINDINGS_SHOWN])
    return [
        {
            "statement": PUBLISHED(row.statement),
            "area": row.area,
            "found_on": _day(row.found_on),
            "activity": row.activity_title,
            "source": row.source_label,
        }
        for row in rows
    ]


def status_as_at(actions: list[Action], as_at: date) -> dict[int, tuple[str, date | None]]:
    """Each action's status, and the day it was done, as they stood at the end of `as_at`: the
    status of its last update by then; not started when its updates all came later; its status
    now when it has no updates at all (nothing dated says otherwise)."""
    history: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for action_id, at, status in (
        ActionUpdate.objects.filter(action__in=[a.pk for a in actions])
        .order_by("at", "id")
        .values_list("action_id", "at", "status")
    ):
        history[action_id].append((timezone.localtime(at).date(), status))
    found: dict[int, tuple[str, date | None]] = {}
    for action in actions:
        steps = history.get(action.pk)
        if not steps:
            found[action.pk] = (action.status, action.done_on)
            continue
        before = [(day, status) for day, status in steps if day <= as_at]
        status = before[-1][1] if before else ActionStatus.NOT_STARTED
        done = None
        if status == ActionStatus.DONE:
            done = action.done_on if action.done_on and action.done_on <= as_at else before[-1][0]
        found[action.pk] = (status, done)
    return found


def as_it_stood(action: Action, state: tuple[str, date | None]) -> Action:
    """A copy of the action with its status as it stood (never saved), for the loop's wording
    and RAG rules; a RAG set by hand is not dated, so the derived one is used."""
    shown = copy.copy(action)
    shown.status, shown.done_on = state
    shown.rag_override, shown.rag_reason = "", ""
    return shown


def actions_of(*, user: User, decisions: QuerySet[Decision], period: Period) -> list[Action]:
    return list(
        actions_visible(user=user)
        .filter(decision__in=decisions.values("pk"), marking=OFFICIAL, created_at__lt=period.until)
        .select_related("decision", "owner_organisation")
        .order_by("due_on", "pk")
    )


def action_rows(actions: list[Action], as_at: date) -> list[dict[str, Any]]:
    states = status_as_at(actions, as_at)
    rows = []
    for action in actions:
        shown = as_it_stood(action, states[action.pk])
        colour, _ = derived_rag(shown, as_at)
        rows.append(
            {
                "decision": action.decision_id,
                "title": PUBLISHED(action.title),
                "organisation": action.owner_organisation.name,
                "progress": progress_words(shown),
                "status": str(ActionStatus(shown.status).label),
                "rag": colour,
            }
        )
    return rows


def rag_counts(rows: list[dict[str, Any]]) -> list[list[Any]]:
    counted = Counter(row["rag"] for row in rows)
    return [[str(rag.label), counted.get(rag.value, 0)] for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]


def decisions_informed(*, user: User, found: QuerySet[Finding], period: Period) -> QuerySet[Decision]:
    """The OFFICIAL decisions, made by the day the figures stand at, that considered the findings."""
    considered = Decision.objects.filter(findings__in=found.values("pk")).values("pk")
    return decisions_visible(user=user).filter(
        pk__in=considered, marking=OFFICIAL, decided_on__lte=period.last
    )


def decisions(*, user: User, chosen: QuerySet[Decision], period: Period) -> list[dict[str, Any]]:
    """Each decision, the body that made it, how many findings it weighed, and its actions."""
    steps = action_rows(actions_of(user=user, decisions=chosen, period=period), period.as_at)
    by_decision: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for step in steps:
        by_decision[step["decision"]].append(step)
    bodies = dict(chosen.values_list("pk", "decided_by_body"))
    return [
        {
            "summary": PUBLISHED(row.summary),
            "body": PUBLISHED(bodies.get(row.pk, "")),
            "decided_on": _day(row.decided_on),
            "findings": row.findings,
            "actions": by_decision.get(row.pk, []),
        }
        for row in decision_rows(user=user, decisions=chosen.order_by("decided_on", "pk"))
    ]


def feedback_in(*, user: User, period: Period) -> QuerySet[Feedback]:
    return (
        feedback_visible(user=user, area=period.area, state=FeedbackState.PUBLISHED)
        .filter(marking=OFFICIAL, activity__marking=OFFICIAL)
        .filter(published_on__gte=period.start, published_on__lte=period.last)
    )


def you_said_we_did(*, user: User, period: Period) -> dict[str, Any]:
    """The feedback published in the period: what people said, what was decided, what was done."""
    published = feedback_in(user=user, period=period).order_by("-published_on", "-pk")
    items = []
    for feedback in published[:FEEDBACK_SHOWN]:
        reported = {*feedback.decisions.values_list("pk", flat=True)}
        reported |= {*feedback.actions.values_list("decision_id", flat=True)}
        chosen = decisions_visible(user=user).filter(
            pk__in=reported, marking=OFFICIAL, decided_on__lte=period.last
        )
        considered = Finding.objects.filter(considered_by__in=chosen.values("pk")).values("pk")
        said = findings_visible(user=user).filter(marking=OFFICIAL, pk__in=considered)
        items.append(
            {
                "title": PUBLISHED(feedback.title),
                "statement": PUBLISHED(feedback.statement),
                "activity": feedback.activity.title,
                "area": feedback.area.name if feedback.area else "",
                "published_on": _day(feedback.published_on) if feedback.published_on else "",
                "channels": feedback.channel_labels(),
                "said": [PUBLISHED(row.statement) for row in finding_rows(user=user, findings=said)],
                "decisions": decisions(user=user, chosen=chosen, period=period),
            }
        )
    return {"published": published.count(), "items": items}
