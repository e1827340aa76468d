"""Writes to the activity register. Every write is validated with full_clean(), runs in one
transaction and is recorded in the audit log."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import AuditAction, Marking
from governance.services import audit_record, diff, snapshot
from organisations.models import Organisation
from places.models import Area, Audience

from .checklist import EVALUATION_POINT, POINTS_BY_NUMBER, ChecklistScope, Stage, applicable_points
from .lifecycle import allowed_targets
from .models import (
    Activity,
    Aim,
    Answer,
    ChecklistAnswer,
    ConsultationKind,
    EngagementPlan,
    Level,
    Method,
    Purpose,
    Status,
)
from .rules import TRANSITION_RULES


@dataclass(frozen=True)
class AimInput:
    text: str
    linked_to: str


class ConfirmationRequired(Exception):
    """The move is allowed but the person should confirm it after reading `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


RELATION_FIELDS = ("areas", "audiences", "partners")


def _activity_snapshot(activity: Activity) -> dict[str, Any]:
    data = snapshot(activity, [f.name for f in activity._meta.concrete_fields if f.name != "updated_at"])
    for name in RELATION_FIELDS:
        data[name] = sorted(str(o) for o in getattr(activity, name).all())
    data["aims"] = [f"{a.text} ({a.linked_to})" for a in activity.aims.all()]
    return data


def _set_aims(activity: Activity, aims: Sequence[AimInput]) -> None:
    activity.aims.all().delete()
    for order, item in enumerate(aims):
        aim = Aim(activity=activity, text=item.text.strip(), linked_to=item.linked_to.strip(), order=order)
        aim.full_clean()
        aim.save()


def _default_scope(method: Method) -> ChecklistScope:
    return ChecklistScope.INFORMATION if method.collects_information_only else ChecklistScope.FULL


def _acknowledge_window(activity: Activity, user: Any) -> None:
    if activity.window_is_short and activity.short_window_reason.strip():
        if activity.short_window_acknowledged_at is None:
            activity.short_window_acknowledged_by = user
            activity.short_window_acknowledged_at = timezone.now()
    else:
        activity.short_window_reason = ""
        activity.short_window_acknowledged_by = None
        activity.short_window_acknowledged_at = None


@transaction.atomic
def activity_create(
    *,
    user: Any,
    title: str,
    purpose: Purpose | str,
    method: Method,
    level: Level | str,
    areas: Iterable[Area],
    contact_name: str,
    starts_at: datetime,
    lead_organisation: Organisation | None = None,
    aims: Sequence[AimInput] = (),
    audiences: Iterable[Audience] = (),
    partners: Iterable[Organisation] = (),
    summary: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    ends_at: datetime | None = None,
    consultation_kind: ConsultationKind | str = "",
    response_opens: date | None = None,
    response_closes: date | None = None,
    short_window_reason: str = "",
    venue: str = "",
    accessibility: str = "",
    budget: Decimal | None = None,
    expected_benefit: str = "",
    marking: Marking | str = Marking.OFFICIAL,
    is_published: bool = False,
    checklist_scope: ChecklistScope | str | None = None,
    status: Status | str = Status.DRAFT,
    created_at: datetime | None = None,
) -> Activity:
    """Add an activity to the register, led by the user's own organisation unless a superuser
    names another. `status` and `created_at` are for imports and demo data; people start at draft."""
    lead_organisation = lead_organisation or user.organisation
    if not user.has_perm("engagement.add_activity") or lead_organisation is None:
        raise PermissionDenied("You cannot record engagement activities.")
    if not user.is_superuser and lead_organisation.pk != user.organisation_id:
        raise PermissionDenied("You can only record activities your own organisation leads.")
    areas, audiences, partners = list(areas), list(audiences), list(partners)
    if not areas:
        raise ValidationError({"areas": "Choose at least one area."})
    activity = Activity(
        title=title.strip(),
        summary=summary,
        purpose=purpose,
        method=method,
        level=level,
        lead_organisation=lead_organisation,
        contact_name=contact_name.strip(),
        contact_email=contact_email,
        contact_phone=contact_phone,
        starts_at=starts_at,
        ends_at=ends_at,
        consultation_kind=consultation_kind,
        response_opens=response_opens,
        response_closes=response_closes,
        short_window_reason=short_window_reason,
        venue=venue,
        accessibility=accessibility,
        budget=budget,
        expected_benefit=expected_benefit,
        marking=marking,
        is_published=is_published,
        status=status,
        checklist_scope=checklist_scope or _default_scope(method),
        created_by=user,
        created_at=created_at or timezone.now(),
    )
    activity.full_clean()
    _acknowledge_window(activity, user)
    activity.save()
    activity.areas.set(areas)
    activity.audiences.set(audiences)
    activity.partners.set([p for p in partners if p.pk != lead_organisation.pk])
    _set_aims(activity, aims)
    audit_record(actor=user, action=AuditAction.CREATE, obj=activity, changes=_activity_snapshot(activity))
    return activity


# The activity fields a person sets directly (relations and aims are passed separately).
ACTIVITY_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "purpose",
    "method",
    "level",
    "contact_name",
    "contact_email",
    "contact_phone",
    "starts_at",
    "ends_at",
    "consultation_kind",
    "response_opens",
    "response_closes",
    "short_window_reason",
    "venue",
    "accessibility",
    "budget",
    "expected_benefit",
    "marking",
    "is_published",
    "checklist_scope",
)


@transaction.atomic
def activity_update(
    *,
    user: Any,
    activity: Activity,
    aims: Sequence[AimInput] | None = None,
    areas: Iterable[Area] | None = None,
    audiences: Iterable[Audience] | None = None,
    partners: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity. Only the fields given change; the audit log keeps old and new."""
    if not user.has_perm("engagement.change_activity", activity):
        raise PermissionDenied("You cannot change this activity.")
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    activity = Activity.private_objects.select_for_update().get(pk=activity.pk)
    before = _activity_snapshot(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    _acknowledge_window(activity, user)
    activity.save()
    if areas is not None:
        areas = list(areas)
        if not areas:
            raise ValidationError({"areas": "Choose at least one area."})
        activity.areas.set(areas)
    if audiences is not None:
        activity.audiences.set(list(audiences))
    if partners is not None:
        activity.partners.set([p for p in partners if p.pk != activity.lead_organisation_id])
    if aims is not None:
        _set_aims(activity, aims)
    changes = diff(before, _activity_snapshot(activity))
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=activity, changes=changes)
    return activity


@transaction.atomic
def activity_delete(*, user: Any, activity: Activity) -> None:
    """Only drafts are deleted; anything further along is cancelled instead, to keep history."""
    if not user.has_perm("engagement.delete_activity", activity):
        raise PermissionDenied("Only a draft can be deleted, by its own organisation.")
    audit_record(actor=user, action=AuditAction.DELETE, obj=activity, changes=_activity_snapshot(activity))
    activity.delete()


def unanswered_points(activity: Activity, stage: Stage) -> list[int]:
    answered = set(activity.checklist_answers.values_list("point", flat=True))
    return [
        p.number
        for p in applicable_points(activity.checklist_scope)
        if p.stage == stage and p.number not in answered
    ]


@transaction.atomic
def activity_transition(
    *, user: Any, activity: Activity, to: Status | str, confirmed: bool = False, note: str = ""
) -> Activity:
    """Move an activity along its lifecycle. Raises ValidationError for a move the lifecycle
    does not allow or whose conditions are not met, PermissionDenied for the wrong person, and
    ConfirmationRequired when the move needs a second look (unanswered before-stage points)."""
    try:
        target = Status(to)
    except ValueError:
        raise ValidationError({"status": f"'{to}' is not a status."}) from None
    activity = Activity.private_objects.select_for_update().get(pk=activity.pk)
    current = Status(activity.status)
    if target not in allowed_targets(current):
        raise ValidationError(
            {"status": f"An activity that is {current.label.lower()} cannot become {target.label.lower()}."}
        )
    if not TRANSITION_RULES[target].test(user, activity):
        raise PermissionDenied(f"You cannot make this activity {target.label.lower()}.")
    if target == Status.OPEN and not confirmed:
        missing = unanswered_points(activity, Stage.BEFORE)
        if missing:
            raise ConfirmationRequired(
                "Before-stage checklist points not yet answered: "
                + ", ".join(str(n) for n in missing)
                + ". Open the activity anyway?"
            )
    if target == Status.EVALUATED:
        done = activity.checklist_answers.filter(point=EVALUATION_POINT, answer=Answer.DONE).exists()
        if not done:
            raise ValidationError(
                {"status": "Answer checklist point 25 (evaluate how effective it was) as done first."}
            )
    activity.status = target
    activity.save(update_fields=["status", "updated_at"])
    changes: dict[str, Any] = {"status": [current.value, target.value]}
    if note:
        changes["note"] = note
    audit_record(actor=user, action=AuditAction.TRANSITION, obj=activity, changes=changes)
    return activity


@transaction.atomic
def checklist_answer_set(
    *, user: Any, activity: Activity, point: int, answer: Answer | str, note: str = ""
) -> ChecklistAnswer:
    if not user.has_perm("engagement.change_activity", activity):
        raise PermissionDenied("You cannot answer this activity's checklist.")
    if point not in POINTS_BY_NUMBER:
        raise ValidationError({"point": "The checklist has points 1 to 25."})
    if point not in {p.number for p in applicable_points(activity.checklist_scope)}:
        raise ValidationError({"point": f"Point {point} does not apply to this kind of activity."})
    row = ChecklistAnswer.objects.filter(activity=activity, point=point).first()
    before = {"answer": row.answer, "note": row.note} if row else {}
    row = row or ChecklistAnswer(activity=activity, point=point)
    row.answer = answer
    row.note = note
    row.answered_by = user
    row.answered_at = timezone.now()
    row.full_clean()
    row.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=activity,
        changes={f"checklist point {point}": [before, {"answer": row.answer, "note": row.note}]},
    )
    return row


@transaction.atomic
def engagement_plan_set(
    *, user: Any, activity: Activity, decision_route: str, analysis: str, sharing_back: str
) -> EngagementPlan:
    if not user.has_perm("engagement.change_activity", activity):
        raise PermissionDenied("You cannot change this activity's plan.")
    plan = EngagementPlan.objects.filter(activity=activity).first() or EngagementPlan(activity=activity)
    before = snapshot(plan, ["decision_route", "analysis", "sharing_back"])
    plan.decision_route, plan.analysis, plan.sharing_back = decision_route, analysis, sharing_back
    plan.updated_by = user
    plan.full_clean()
    plan.save()
    changes = diff(before, snapshot(plan, ["decision_route", "analysis", "sharing_back"]))
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=activity, changes={"plan": changes})
    return plan


def activities_exported(*, user: Any, count: int, file_format: str, query: str) -> None:
    """Record that `user` exported `count` activities (the filter used is kept)."""
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="engagement.activity",
        object_repr=f"{count} activities as {file_format}",
        changes={"filter": query, "count": count, "format": file_format},
    )
