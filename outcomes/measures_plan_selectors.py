"""The reading door of the strategy action plan and the annual engagement plan: what their pages,
API operations, exports and PDFs show, for one user. Rows are the user's partnerships' (and
their organisation's own); staff-written words go through the reader's TextDoor; a plan's
activities are shown only where the user may see the activity itself (the others are counted,
never named). Built to be read by partnership and year for the reports."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core import quarters
from core.permissions import require
from core.shortcuts import get_or_404, get_visible_or_404
from engagement.models import Activity
from governance.exports import Sheet
from organisations.models import Partnership, User
from organisations.privacy import TextDoor, reads_raw_text, text_door

from .measures_lifecycles import ANNUAL_PLAN
from .measures_periods import plan_year_bounds, plan_year_label, plan_year_words
from .measures_scope import SharedQuerySet
from .models import (
    AnnualPlan,
    AnnualPlanChange,
    AnnualPlanItem,
    PlanChangeKind,
    PlanState,
    StrategyAction,
    StrategyActionUpdate,
    StrategyRag,
)

# The strategy action plan


@dataclass(frozen=True)
class ActionView:
    action: StrategyAction
    text: str
    lead_agencies: list[str]
    progress: str
    risks: str
    next_steps: str
    timescale: str
    due: date | None
    rag: str
    rag_label: str
    rag_reason: str
    rag_set_by: str
    rag_set_at: datetime
    updated_at: datetime
    can_change: bool
    can_edit: bool
    reads_as_written: bool  # False: its words reach this reader redacted


@dataclass(frozen=True)
class UpdateView:
    at: datetime
    by: str
    rag_before: str
    rag: str
    reason: str
    changed: list[str]
    progress: str
    risks: str
    next_steps: str
    timescale: str


@dataclass(frozen=True)
class ActionPlan:
    partnership: Partnership
    rows: list[ActionView]
    counts: list[tuple[str, str, int]]  # (rag, label, how many)
    can_add: bool


def _actions() -> SharedQuerySet:
    return StrategyAction.objects.select_related("partnership", "rag_set_by").prefetch_related(
        "lead_agencies"
    )


def strategy_action_get(*, user: User, pk: Any) -> StrategyAction:
    require(user, "outcomes.view_strategy_action")
    action = get_visible_or_404(_actions(), user, pk)
    require(user, "outcomes.view_strategy_action", action)
    return action


def strategy_action_for_edit(*, user: User, pk: Any) -> StrategyAction:
    """An action whose wording the user may change in a form (its own organisation's staff)."""
    action = strategy_action_get(user=user, pk=pk)
    require(user, "outcomes.edit_strategy_action", action)
    if not reads_raw_text(user, action.organisation_id):
        raise PermissionDenied("Only the organisation that added the action changes its wording.")
    return action


def _leads(action: StrategyAction, door: TextDoor) -> list[str]:
    names = [o.name for o in action.lead_agencies.all()]
    return names + ([door(action.other_leads)] if action.other_leads else [])


def strategy_action_view(*, user: User, action: StrategyAction) -> ActionView:
    door = text_door(user, action.organisation_id)
    return ActionView(
        action=action,
        text=door(action.action),
        lead_agencies=_leads(action, door),
        progress=door(action.progress),
        risks=door(action.risks),
        next_steps=door(action.next_steps),
        timescale=door(action.timescale),
        due=action.due,
        rag=action.rag,
        rag_label=action.get_rag_display(),
        rag_reason=door(action.rag_reason),
        rag_set_by=action.rag_set_by.display_name() if action.rag_set_by else "",
        rag_set_at=action.rag_set_at,
        updated_at=action.updated_at,
        can_change=user.has_perm("outcomes.change_strategy_action", action),
        can_edit=user.has_perm("outcomes.edit_strategy_action", action) and not door.redacts,
        reads_as_written=not door.redacts,
    )


def strategy_action_history(*, user: User, action: StrategyAction) -> list[UpdateView]:
    """Every update of the row, newest first."""
    door = text_door(user, action.organisation_id)
    labels = dict(StrategyRag.choices)
    return [
        UpdateView(
            at=u.at,
            by=u.by_name,
            rag_before=str(labels.get(u.rag_before, "")),
            rag=str(labels.get(u.rag, "")),
            reason=door(u.reason),
            changed=list(u.changed),
            progress=door(u.progress),
            risks=door(u.risks),
            next_steps=door(u.next_steps),
            timescale=door(u.timescale),
        )
        for u in StrategyActionUpdate.objects.filter(action=action)
    ]


def strategy_actions(*, user: User, partnership: Partnership, rag: str = "") -> ActionPlan:
    """The partnership's action plan as the user may read it, optionally only one RAG status."""
    require(user, "outcomes.view_strategy_action", partnership)
    found = _actions().visible_to(user).filter(partnership=partnership)
    counts = Counter(found.values_list("rag", flat=True))
    if rag in StrategyRag.values:
        found = found.filter(rag=rag)
    return ActionPlan(
        partnership=partnership,
        rows=[strategy_action_view(user=user, action=a) for a in found],
        counts=[(r.value, str(r.label), counts.get(r.value, 0)) for r in StrategyRag],
        can_add=user.has_perm("outcomes.add_strategy_action", partnership),
    )


ACTION_HEADERS = [
    gettext_lazy("Action"),
    gettext_lazy("Lead agencies"),
    gettext_lazy("Progress"),
    gettext_lazy("Risks"),
    gettext_lazy("Next steps"),
    gettext_lazy("Timescale"),
    gettext_lazy("Due"),
    gettext_lazy("RAG status"),
    gettext_lazy("Why it has this status"),
    gettext_lazy("Status set by"),
    gettext_lazy("Status set on"),
    gettext_lazy("Last updated"),
]
UPDATE_HEADERS = [
    gettext_lazy("Action"),
    gettext_lazy("When"),
    gettext_lazy("Who"),
    gettext_lazy("Status before"),
    gettext_lazy("Status after"),
    gettext_lazy("Why"),
    gettext_lazy("What changed"),
    gettext_lazy("Progress"),
    gettext_lazy("Risks"),
    gettext_lazy("Next steps"),
    gettext_lazy("Timescale"),
]


def _texts(update: UpdateView) -> list[str]:
    return [update.progress, update.risks, update.next_steps, update.timescale]


def strategy_export_sheets(*, user: User, partnership: Partnership) -> list[Sheet]:
    """The action plan and every update of it, as the user may read them."""
    require(user, "outcomes.export_strategy_action", partnership)
    plan = strategy_actions(user=user, partnership=partnership)
    rows = [
        [
            v.text,
            "; ".join(v.lead_agencies),
            v.progress,
            v.risks,
            v.next_steps,
            v.timescale,
            v.due,
            v.rag_label,
            v.rag_reason,
            v.rag_set_by,
            v.rag_set_at,
            v.updated_at,
        ]
        for v in plan.rows
    ]
    updates = [
        [v.text, u.at, u.by, u.rag_before, u.rag, u.reason, "; ".join(u.changed), *_texts(u)]
        for v in plan.rows
        for u in strategy_action_history(user=user, action=v.action)
    ]
    return [
        Sheet(gettext("Action plan"), ACTION_HEADERS, rows),
        Sheet(gettext("Updates"), UPDATE_HEADERS, updates),
    ]


# The annual engagement plan


@dataclass(frozen=True)
class PlanItemView:
    item: AnnualPlanItem
    activity: Activity
    quarter: str
    starts: datetime
    areas: str
    lead: str
    note: str


@dataclass(frozen=True)
class PlanChangeView:
    at: datetime
    by: str
    kind: str
    activity: str
    reason: str


@dataclass(frozen=True)
class AnnualPlanView:
    plan: AnnualPlan
    year_label: str
    year_words: str
    introduction: str
    items: list[PlanItemView]
    hidden: int  # activities in the plan the user may not see
    changes: list[PlanChangeView]
    can_change: bool
    can_agree: bool
    can_write_introduction: bool  # its own organisation's staff, who read it as written


def annual_plan_list(
    *, user: User, partnership: Partnership | None = None, year: int | None = None
) -> QuerySet[AnnualPlan]:
    require(user, "outcomes.view_annual_plan")
    found = AnnualPlan.objects.visible_to(user).select_related("partnership", "organisation")
    if partnership is not None:
        found = found.filter(partnership=partnership)
    if year is not None:
        found = found.filter(year=year)
    return found


def annual_plan_get(*, user: User, pk: Any) -> AnnualPlan:
    require(user, "outcomes.view_annual_plan")
    plan = get_visible_or_404(AnnualPlan.objects.select_related("partnership", "organisation"), user, pk)
    require(user, "outcomes.view_annual_plan", plan)
    return plan


def _visible_activities(user: User) -> QuerySet[Activity]:
    return Activity.private_objects.visible_to(user)


def annual_plan_item_get(*, user: User, plan: AnnualPlan, pk: Any) -> AnnualPlanItem:
    """An item of the plan whose activity the user may see (by the item's id)."""
    return get_or_404(plan.items.filter(activity__in=_visible_activities(user).values("pk")), pk)


def addable_activities(*, user: User, plan: AnnualPlan) -> QuerySet[Activity]:
    """The activities of the register the user may see that start in the plan's year and are
    not in it yet."""
    first, last = plan_year_bounds(plan.year)
    return (
        _visible_activities(user)
        .filter(starts_at__date__gte=first, starts_at__date__lte=last)
        .exclude(pk__in=plan.items.values("activity_id"))
        .order_by("starts_at", "title")
    )


def _change_view(change: AnnualPlanChange, visible: set[int]) -> PlanChangeView:
    if change.kind == PlanChangeKind.INTRODUCTION:
        named = ""
    elif change.activity_id is None:
        named = "An activity since deleted from the register"
    elif change.activity_id in visible and change.activity is not None:
        named = change.activity.title
    else:
        named = "An activity that is not shared with you"
    return PlanChangeView(change.at, change.by_name, change.get_kind_display(), named, change.reason)


def annual_plan_view(*, user: User, plan: AnnualPlan) -> AnnualPlanView:
    door = text_door(user, plan.organisation_id)
    visible_ids = set(_visible_activities(user).values_list("pk", flat=True))
    items = list(
        plan.items.select_related("activity__lead_organisation", "activity__method")
        .prefetch_related(Prefetch("activity__areas"))
        .order_by("activity__starts_at", "activity__title")
    )
    shown = [
        PlanItemView(
            item=item,
            activity=item.activity,
            quarter=quarters.label(quarters.quarter_of(timezone.localtime(item.activity.starts_at).date())),
            starts=item.activity.starts_at,
            areas=", ".join(a.name for a in item.activity.areas.all()),
            lead=item.activity.lead_organisation.name,
            note=door(item.note),
        )
        for item in items
        if item.activity_id in visible_ids
    ]
    changes = plan.changes.select_related("activity")
    return AnnualPlanView(
        plan=plan,
        year_label=plan_year_label(plan.year),
        year_words=plan_year_words(plan.year),
        introduction=door(plan.introduction),
        items=shown,
        hidden=len(items) - len(shown),
        changes=[_change_view(c, visible_ids) for c in changes],
        can_change=user.has_perm("outcomes.change_annual_plan", plan),
        can_agree=ANNUAL_PLAN.may(user, plan, PlanState.AGREED),
        can_write_introduction=user.has_perm("outcomes.change_annual_plan", plan) and not door.redacts,
    )


PLAN_HEADERS = [
    gettext_lazy("Quarter"),
    gettext_lazy("Starts"),
    gettext_lazy("Activity"),
    gettext_lazy("Method"),
    gettext_lazy("Areas"),
    gettext_lazy("Lead organisation"),
    gettext_lazy("Status"),
    gettext_lazy("Why it is planned"),
]
CHANGE_HEADERS = [
    gettext_lazy("When"),
    gettext_lazy("Who"),
    gettext_lazy("Change"),
    gettext_lazy("Activity"),
    gettext_lazy("Why"),
]


def annual_plan_export_sheets(*, user: User, plan: AnnualPlan) -> list[Sheet]:
    require(user, "outcomes.export_annual_plan", plan)
    view = annual_plan_view(user=user, plan=plan)
    rows = [
        [
            i.quarter,
            i.starts,
            i.activity.title,
            i.activity.method.name,
            i.areas,
            i.lead,
            i.activity.get_status_display(),
            i.note,
        ]
        for i in view.items
    ]
    changes = [[c.at, c.by, c.kind, c.activity, c.reason] for c in view.changes]
    return [
        Sheet(f"Plan {view.year_label}".replace("/", "-"), PLAN_HEADERS, rows),
        Sheet(gettext("Changes after agreement"), CHANGE_HEADERS, changes),
    ]
