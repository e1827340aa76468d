"""The feedback loop's reading door for actions and feedback, the "You said, we did" panel of an
activity's page and the overview by area and status. Scoped with `visible_to`; text through the
reader's TextDoor (an action's words are the deciding organisation's, a progress update's the
organisation of whoever gave it). Findings and decisions are in loop_selectors.py."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from governance.models import Marking
from insight.models import AnalysisRun, RunState
from organisations.models import User
from organisations.privacy import text_door
from places.models import Area

from .loop_lifecycles import ACTION, ACTION_LABELS
from .loop_public import PublicFeedback, is_for_the_website, sends_updates, trail
from .loop_rows import ActionRow, action_rows
from .loop_selectors import (
    LIST_LIMIT,
    DecisionRow,
    FindingRow,
    decision_rows,
    decisions_visible,
    finding_rows,
    findings_visible,
)
from .models import Action, ActionStatus, DeliveryState, Feedback, FeedbackState, Rag, UpdateDispatch


@dataclass(frozen=True)
class UpdateLine:
    at: datetime
    who: str
    organisation: str
    status_label: str
    text: str


@dataclass(frozen=True)
class ActionView:
    action: Action
    row: ActionRow
    result: str
    updates: list[UpdateLine]
    moves: list[tuple[str, str]]  # (status, button label)
    can_change: bool
    can_report: bool


def _known(value: str, choices: list[str], field: str) -> str:
    """A filter's value if it is one of `choices` (or empty), else ValidationError."""
    if value and value not in choices:
        raise ValidationError({field: gettext("Choose one of: %(values)s.") % {"values": ", ".join(choices)}})
    return value


def actions_visible(*, user: User, area: Area | None = None, status: str = "") -> QuerySet[Action]:
    require(user, "outcomes.view_loop")
    status = _known(status, ActionStatus.values, "status")
    found = Action.objects.visible_to(user).select_related("decision", "owner_organisation")
    if area is not None:
        found = found.in_area(area)
    if status:
        found = found.filter(status=status)
    return found


def action_list(*, user: User, area: Area | None = None, status: str = "", rag: str = "") -> list[ActionRow]:
    rag = _known(rag, Rag.values, "rag")
    rows = action_rows(user=user, actions=actions_visible(user=user, area=area, status=status)[:LIST_LIMIT])
    return [row for row in rows if not rag or row.rag.colour == rag]


def action_get(*, user: User, pk: Any) -> Action:
    require(user, "outcomes.view_loop")
    return get_visible_or_404(Action.objects.select_related("decision", "owner_organisation"), user, pk)


def action_view(*, user: User, action: Action) -> ActionView:
    updates = [
        UpdateLine(
            at=update.at,
            who=update.by.display_name() if update.by else "",
            organisation=update.organisation.name if update.organisation else "",
            status_label=update.get_status_display(),
            text=text_door(user, update.organisation_id)(update.text),
        )
        for update in action.updates.select_related("by", "organisation")
    ]
    can_report = user.has_perm("outcomes.report_action", action)
    return ActionView(
        action=action,
        row=action_rows(user=user, actions=[action])[0],
        result=text_door(user, action.decision.organisation_id)(action.result),
        updates=updates,
        moves=[(s, ACTION_LABELS[s]) for s in ACTION.available(user, action)] if can_report else [],
        can_change=user.has_perm("outcomes.change_action", action),
        can_report=can_report,
    )


@dataclass(frozen=True)
class FeedbackRow:
    pk: int
    title: str
    activity_pk: int
    activity_title: str
    area: str
    state: str
    state_label: str
    published_on: date | None
    channels: list[str]
    sensitive: bool


@dataclass(frozen=True)
class FeedbackView:
    feedback: Feedback
    row: FeedbackRow
    statement: str
    decisions: list[DecisionRow]
    actions: list[ActionRow]
    preview: PublicFeedback  # what residents read: the public wording
    on_website: bool
    sends_updates: bool
    dispatch: UpdateDispatch | None
    deliveries: dict[str, int]
    can_change: bool
    can_publish: bool


def feedback_rows(*, user: User, feedback: Any) -> list[FeedbackRow]:
    rows = []
    for item in feedback:
        door = text_door(user, item.organisation_id)
        rows.append(
            FeedbackRow(
                pk=item.pk,
                title=door(item.title),
                activity_pk=item.activity_id,
                activity_title=item.activity.title,
                area=item.area.name if item.area else "",
                state=item.state,
                state_label=item.get_state_display(),
                published_on=item.published_on,
                channels=item.channel_labels(),
                sensitive=item.marking == Marking.OFFICIAL_SENSITIVE,
            )
        )
    return rows


def feedback_visible(*, user: User, area: Area | None = None, state: str = "") -> QuerySet[Feedback]:
    require(user, "outcomes.view_loop")
    state = _known(state, FeedbackState.values, "state")
    found = Feedback.objects.visible_to(user).select_related("activity", "area")
    if area is not None:
        found = found.in_area(area)
    if state:
        found = found.filter(state=state)
    return found


def feedback_list(*, user: User, area: Area | None = None, state: str = "") -> list[FeedbackRow]:
    return feedback_rows(user=user, feedback=feedback_visible(user=user, area=area, state=state)[:LIST_LIMIT])


def feedback_get(*, user: User, pk: Any) -> Feedback:
    require(user, "outcomes.view_loop")
    return get_visible_or_404(Feedback.objects.select_related("activity", "area"), user, pk)


def feedback_view(*, user: User, feedback: Feedback) -> FeedbackView:
    decisions = decisions_visible(user=user).filter(reported_in=feedback)
    actions = (
        Action.objects.visible_to(user)
        .filter(reported_in=feedback)
        .select_related("decision", "owner_organisation")
    )
    deliveries = Counter(feedback.personal_updates.values_list("state", flat=True))
    return FeedbackView(
        feedback=feedback,
        row=feedback_rows(user=user, feedback=[feedback])[0],
        statement=text_door(user, feedback.organisation_id)(feedback.statement),
        decisions=decision_rows(user=user, decisions=decisions),
        actions=action_rows(user=user, actions=actions),
        preview=trail(feedback, public=False),
        on_website=is_for_the_website(feedback),
        sends_updates=sends_updates(feedback),
        dispatch=UpdateDispatch.objects.filter(feedback=feedback).first(),
        deliveries={state: deliveries.get(state, 0) for state in DeliveryState.values},
        can_change=user.has_perm("outcomes.change_feedback", feedback),
        can_publish=user.has_perm("outcomes.publish_feedback", feedback),
    )


def dispatch_get(*, feedback: Feedback) -> UpdateDispatch | None:
    return UpdateDispatch.objects.filter(feedback=feedback).first()


@dataclass(frozen=True)
class ActivityLoop:
    """The "You said, we did" section of an activity's page."""

    activity: Activity
    findings: list[FindingRow]
    decisions: list[DecisionRow]
    actions: list[ActionRow]
    feedback: list[FeedbackRow]
    analysed: bool
    can_add_finding: bool
    can_add_feedback: bool


def activity_loop(*, user: User, activity: Activity) -> ActivityLoop:
    findings = findings_visible(user=user, activity=activity)
    decisions = decisions_visible(user=user).filter(findings__in=findings.values("pk")).distinct()
    actions = actions_visible(user=user).filter(decision__in=decisions.values("pk"))
    analysed = AnalysisRun.objects.filter(questionnaire__activity=activity, state=RunState.DONE).exists()
    return ActivityLoop(
        activity=activity,
        findings=finding_rows(user=user, findings=findings),
        decisions=decision_rows(user=user, decisions=decisions),
        actions=action_rows(user=user, actions=actions),
        feedback=feedback_rows(user=user, feedback=feedback_visible(user=user).filter(activity=activity)),
        analysed=analysed,
        can_add_finding=user.has_perm("outcomes.add_finding", activity),
        can_add_feedback=user.has_perm("outcomes.add_feedback", activity),
    )


@dataclass
class AreaCounts:
    name: str
    code: str
    findings: int = 0
    decisions: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    published: int = 0
    drafts: int = 0


def _area_of(counts: dict[str, AreaCounts], area: Area) -> AreaCounts:
    return counts.setdefault(area.code, AreaCounts(name=area.name, code=area.code))


def overview(*, user: User, today: date | None = None) -> list[AreaCounts]:
    """Per area: how many findings and decisions, actions by status (and how many overdue), and
    feedback published and in draft. An action counts in the area of each finding behind it."""
    today = today or timezone.localdate()
    counts: dict[str, AreaCounts] = {}
    for finding in findings_visible(user=user):
        _area_of(counts, finding.area).findings += 1
    areas_of_decision: dict[int, set[Area]] = defaultdict(set)
    for decision in decisions_visible(user=user).prefetch_related("findings__area"):
        for finding in decision.findings.all():
            areas_of_decision[decision.pk].add(finding.area)
        for area in areas_of_decision[decision.pk]:
            _area_of(counts, area).decisions += 1
    for row in action_rows(user=user, actions=actions_visible(user=user), today=today):
        for area in areas_of_decision.get(row.decision_pk, set()):
            entry = _area_of(counts, area)
            entry.actions[row.status] += 1
            finished = row.status in (ActionStatus.DONE, ActionStatus.DROPPED)
            entry.overdue += not finished and row.due_on < today
    for item in feedback_visible(user=user).prefetch_related("activity__areas"):
        for area in [item.area] if item.area else item.activity.areas.all():
            entry = _area_of(counts, area)
            if item.state == FeedbackState.PUBLISHED:
                entry.published += 1
            else:
                entry.drafts += 1
    return sorted(counts.values(), key=lambda c: c.name)
