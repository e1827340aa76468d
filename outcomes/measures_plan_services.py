"""Writes for the strategy action plan (seed 004's table) and the annual engagement plan (seed
001). Each checks the rules (rules_measures.py), runs in one transaction under a row lock where
two people could collide, and is audited. Every update of an action is kept
(StrategyActionUpdate); every change to an agreed plan is recorded with its reason
(AnnualPlanChange). Reads: measures_plan_selectors.py."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from core.text import clean_line
from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot
from organisations.models import Organisation, Partnership, User

from .measures_lifecycles import ANNUAL_PLAN, RAG_STATUS
from .measures_periods import plan_year_bounds, plan_year_label, plan_year_words
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

TEXTS = {"progress": "Progress", "risks": "Risks", "next_steps": "Next steps", "timescale": "Timescale"}


def _organisation(user: User) -> Organisation:
    if user.organisation is None:
        raise ValidationError(gettext("Only members of an organisation keep the partnership's plans."))
    return user.organisation


def _rag(value: str, field: str = "rag") -> str:
    if value not in StrategyRag.values:
        raise ValidationError({field: gettext("Choose red, amber or green.")})
    return value


def _reason(reason: str, rag: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "rag_reason": gettext("Say why the action is %(words)s.")
                % {"words": StrategyRag(rag).label.lower()}
            }
        )
    return reason


def _keep(
    action: StrategyAction, user: User, *, rag_before: str, reason: str, changed: list[str]
) -> StrategyActionUpdate:
    update = StrategyActionUpdate(
        action=action,
        by=user,
        by_name=user.display_name(),
        rag_before=rag_before,
        rag=action.rag,
        reason=reason,
        changed=changed,
        **{name: getattr(action, name) for name in TEXTS},
    )
    update.full_clean()
    update.save()
    return update


def strategy_action_create(
    *,
    user: User,
    partnership: Partnership,
    action: str,
    rag: str,
    rag_reason: str,
    lead_agencies: Iterable[Organisation] = (),
    other_leads: str = "",
    progress: str = "",
    risks: str = "",
    next_steps: str = "",
    timescale: str = "",
    due: date | None = None,
) -> StrategyAction:
    """A row of the partnership's action plan, with its first RAG status and why."""
    require(user, "outcomes.add_strategy_action", partnership)
    now = timezone.now()
    row = StrategyAction(
        partnership=partnership,
        organisation=_organisation(user),
        action=clean_line(action),
        other_leads=clean_line(other_leads),
        progress=progress.strip(),
        risks=risks.strip(),
        next_steps=next_steps.strip(),
        timescale=clean_line(timescale),
        due=due,
        rag=_rag(rag),
        rag_reason=_reason(rag_reason, rag),
        rag_set_by=user,
        rag_set_at=now,
        created_by=user,
        created_at=now,
        updated_at=now,
    )
    with transaction.atomic():
        last = StrategyAction.objects.filter(partnership=partnership).aggregate(n=Max("position"))["n"]
        row.position = (last or 0) + 1
        row.full_clean()
        row.save()
        row.lead_agencies.set(list(lead_agencies))
        _keep(row, user, rag_before="", reason=row.rag_reason, changed=["Added to the plan"])
        audit_record(actor=user, action=AuditAction.CREATE, obj=row)
    return row


def strategy_action_update(
    *,
    user: User,
    action: StrategyAction,
    rag: str,
    progress: str | None = None,
    risks: str | None = None,
    next_steps: str | None = None,
    timescale: str | None = None,
    rag_reason: str = "",
    seen_rag: str | None = None,
) -> StrategyActionUpdate:
    """Record an update: progress, risks, next steps and timescale as they now are (None keeps
    one as it is: partners read an action's words redacted, so they cannot give them back), and
    the RAG status (a new status needs its reason). `seen_rag` is the status the person last
    saw: when somebody else has set another since, nothing changes (TransitionConflict)."""
    require(user, "outcomes.change_strategy_action", action)
    seen = _rag(seen_rag or action.rag, "seen_rag")
    moving = _rag(rag) != seen
    reason = _reason(rag_reason, rag) if moving else ""
    given = {"progress": progress, "risks": risks, "next_steps": next_steps}
    new = {name: value.strip() for name, value in given.items() if value is not None}
    if timescale is not None:
        new["timescale"] = clean_line(timescale)
    changed = [words for name, words in TEXTS.items() if name in new and new[name] != getattr(action, name)]
    if not changed and not moving:
        raise ValidationError(
            gettext(
                "Nothing has changed: write the progress, risks, next steps or timescale, or set a new "
                "status."
            )
        )
    now = timezone.now()

    def apply(locked: StrategyAction) -> list[str]:
        for name, value in new.items():
            setattr(locked, name, value)
        locked.updated_at = now
        if moving:
            locked.rag_reason, locked.rag_set_by, locked.rag_set_at = reason, user, now
            return [*new, "updated_at", "rag_reason", "rag_set_by", "rag_set_at"]
        return [*new, "updated_at"]

    with transaction.atomic():
        if moving:
            action.rag = seen
            locked = RAG_STATUS.advance(action, rag, user=user, update=apply)
        else:
            locked = StrategyAction.objects.select_for_update().get(pk=action.pk)
            fields = apply(locked)
            locked.full_clean()
            locked.save(update_fields=fields)
        for name in (*TEXTS, "updated_at", "rag", "rag_reason", "rag_set_by_id", "rag_set_at"):
            setattr(action, name, getattr(locked, name))
        status = ["Status"] if moving else []
        update = _keep(
            locked, user, rag_before=seen if moving else locked.rag, reason=reason, changed=status + changed
        )
        audit_record(
            actor=user,
            action=AuditAction.TRANSITION if moving else AuditAction.UPDATE,
            obj=locked,
            changes={"rag": [seen, locked.rag], "changed": changed},
        )
    return update


def strategy_action_edit(
    *,
    user: User,
    action: StrategyAction,
    action_text: str,
    lead_agencies: Iterable[Organisation],
    other_leads: str = "",
    due: date | None = None,
) -> StrategyAction:
    """Change what the action is and who leads it; kept in the row's history too."""
    require(user, "outcomes.edit_strategy_action", action)
    before = snapshot(action)
    leads_before = sorted(o.pk for o in action.lead_agencies.all())
    leads = list(lead_agencies)
    action.action, action.other_leads, action.due = clean_line(action_text), clean_line(other_leads), due
    changed = [
        words
        for name, words in (("action", "Action"), ("other_leads", "Other lead agencies"), ("due", "Due date"))
        if before[name] != snapshot(action)[name]
    ]
    if leads_before != sorted(o.pk for o in leads):
        changed.append("Lead agencies")
    if not changed:
        return action
    with transaction.atomic():
        locked = StrategyAction.objects.select_for_update().get(pk=action.pk)
        locked.action, locked.other_leads, locked.due = action.action, action.other_leads, action.due
        locked.updated_at = timezone.now()
        locked.full_clean()
        locked.save()
        locked.lead_agencies.set(leads)
        _keep(locked, user, rag_before=locked.rag, reason="", changed=changed)
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=locked, changes=diff(before, snapshot(locked))
        )
    return locked


def annual_plan_create(
    *, user: User, partnership: Partnership, year: int, introduction: str = ""
) -> AnnualPlan:
    """A draft plan of the partnership's engagement for the year starting in April of `year`."""
    require(user, "outcomes.add_annual_plan", partnership)
    if AnnualPlan.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError(
            {
                "year": gettext("%(name)s already has a plan for %(words)s.")
                % {"name": partnership.name, "words": plan_year_label(year)}
            }
        )
    plan = AnnualPlan(
        partnership=partnership,
        year=year,
        organisation=_organisation(user),
        introduction=introduction.strip(),
        created_by=user,
    )
    with transaction.atomic():
        plan.full_clean()
        plan.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=plan)
    return plan


def _locked(plan: AnnualPlan) -> AnnualPlan:
    return AnnualPlan.objects.select_for_update().get(pk=plan.pk)


def _after_agreement(
    locked: AnnualPlan, user: User, kind: str, reason: str, activity: Activity | None = None
) -> None:
    """A change to an agreed plan needs its reason, and is kept."""
    if locked.state != PlanState.AGREED:
        return
    if not reason.strip():
        raise ValidationError({"reason": gettext("The plan has been agreed: say why it is changing.")})
    AnnualPlanChange.objects.create(
        plan=locked, kind=kind, activity=activity, reason=reason.strip(), by=user, by_name=user.display_name()
    )


def annual_plan_add_activity(
    *, user: User, plan: AnnualPlan, activity: Activity, note: str = "", reason: str = ""
) -> AnnualPlanItem:
    """Plan an activity of the register (one the user may see) that starts in the plan's year."""
    require(user, "outcomes.change_annual_plan", plan)
    if not Activity.private_objects.visible_to(user).filter(pk=activity.pk).exists():
        raise ValidationError({"activity": gettext("Choose an activity from the register.")})
    first, last = plan_year_bounds(plan.year)
    starts = timezone.localtime(activity.starts_at).date()
    if not first <= starts <= last:
        raise ValidationError(
            {
                "activity": gettext("“%(title)s” starts on %(starts)s, outside %(words)s.")
                % {
                    "title": activity.title,
                    "starts": format(starts, "%-d %B %Y"),
                    "words": plan_year_words(plan.year),
                }
            }
        )
    with transaction.atomic():
        locked = _locked(plan)
        if locked.items.filter(activity=activity).exists():
            raise ValidationError(
                {"activity": gettext("“%(title)s” is already in the plan.") % {"title": activity.title}}
            )
        _after_agreement(locked, user, PlanChangeKind.ADDED, reason, activity)
        item = AnnualPlanItem(plan=locked, activity=activity, note=clean_line(note), added_by=user)
        item.full_clean()
        item.save()
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=locked, changes={"added_activity": activity.pk}
        )
    return item


def annual_plan_remove_activity(
    *, user: User, plan: AnnualPlan, item: AnnualPlanItem, reason: str = ""
) -> None:
    require(user, "outcomes.change_annual_plan", plan)
    if item.plan_id != plan.pk:
        raise ValidationError(gettext("That activity is not in this plan."))
    with transaction.atomic():
        locked = _locked(plan)
        _after_agreement(locked, user, PlanChangeKind.REMOVED, reason, item.activity)
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=locked, changes={"removed_activity": item.activity_id}
        )
        item.delete()


def annual_plan_set_introduction(
    *, user: User, plan: AnnualPlan, introduction: str, reason: str = ""
) -> AnnualPlan:
    require(user, "outcomes.change_annual_plan", plan)
    with transaction.atomic():
        locked = _locked(plan)
        if locked.introduction == introduction.strip():
            return locked
        _after_agreement(locked, user, PlanChangeKind.INTRODUCTION, reason)
        locked.introduction = introduction.strip()
        locked.full_clean()
        locked.save(update_fields=["introduction"])
        plan.introduction = locked.introduction
        audit_record(actor=user, action=AuditAction.UPDATE, obj=locked, changes={"introduction": "changed"})
    return locked


def annual_plan_agree(
    *, user: User, plan: AnnualPlan, agreed_where: str, seen: str | None = None
) -> AnnualPlan:
    """Record that the partnership agreed the plan: who recorded it, when and where. `seen` is
    the state the person last saw; when somebody else agreed it meanwhile, TransitionConflict."""
    if seen is not None:
        if seen not in PlanState.values:
            raise ValidationError(
                {"state": gettext("Reload the page: the state it showed is not one Heard knows.")}
            )
        plan.state = seen
    where = clean_line(agreed_where)
    if not where:
        raise ValidationError(
            {
                "agreed_where": gettext(
                    "Say where the partnership agreed it, like “Partnership board, 12 March 2026”."
                )
            }
        )

    def record(locked: AnnualPlan) -> list[str]:
        if not locked.items.exists():
            raise ValidationError(
                {"state": gettext("Add the activities planned for the year before the plan is agreed.")}
            )
        locked.agreed_by, locked.agreed_by_name = user, user.display_name()
        locked.agreed_at, locked.agreed_where = timezone.now(), where
        return ["agreed_by", "agreed_by_name", "agreed_at", "agreed_where"]

    with transaction.atomic():
        locked = ANNUAL_PLAN.advance(plan, PlanState.AGREED, user=user, update=record)
        audit_record(
            actor=user,
            action=AuditAction.TRANSITION,
            obj=locked,
            changes={"state": [PlanState.DRAFT, PlanState.AGREED], "where": where},
        )
    return locked
