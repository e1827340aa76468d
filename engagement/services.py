"""Writes to the activity register. Every write checks this app's rules (rules.py), is
validated with full_clean(), runs in one transaction and is recorded in the audit log."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext

from core.content_languages import is_translation_column
from core.extensions import may_record_for
from core.permissions import require
from governance.models import AuditAction, Marking
from governance.services import audit_record, diff, snapshot
from organisations.models import Organisation, User
from places.models import Area, Audience

from .access import LANGUAGES, AccessFormat
from .checklist import POINTS_BY_NUMBER, ChecklistScope, applicable_points
from .lifecycle import ACTIVITY, check_conditions
from .lifecycle import ConfirmationRequired as ConfirmationRequired  # raised here, caught by callers
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


@dataclass(frozen=True)
class AimInput:
    text: str
    linked_to: str


RELATION_FIELDS = ("areas", "audiences", "partners")


def _activity_snapshot(activity: Activity) -> dict[str, Any]:
    names = [f.name for f in activity._meta.concrete_fields if not is_translation_column(f)]
    data = snapshot(activity, [name for name in names if name != "updated_at"])
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


LANGUAGE_ORDER = {language.code: i for i, language in enumerate(LANGUAGES)}
FORMAT_ORDER = {value: i for i, value in enumerate(AccessFormat.values)}
LIST_ORDERS = {"languages": LANGUAGE_ORDER, "access_formats": FORMAT_ORDER}


def in_list_order(values: Any, order: dict[str, int]) -> Any:
    """Codes in the order of their list (interface languages first), as pages show them; a value
    that is not a list of strings is left for the model's validators to refuse."""
    if isinstance(values, tuple | list) and all(isinstance(v, str) for v in values):
        return sorted(values, key=lambda code: (order.get(code, len(order)), code))
    return values


def _default_scope(method: Method) -> ChecklistScope:
    return ChecklistScope.INFORMATION if method.collects_information_only else ChecklistScope.FULL


def _uk_time(value: Any) -> Any:
    """A time without a zone is UK local time, as the forms read it (and an API client may send
    one): comparing it with an aware time, or saving it, would fail."""
    if isinstance(value, datetime) and timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_default_timezone())
    return value


def _acknowledge_window(activity: Activity, user: User) -> None:
    if activity.window_is_short and activity.short_window_reason.strip():
        if activity.short_window_acknowledged_at is None:
            activity.short_window_acknowledged_by = user
            activity.short_window_acknowledged_at = timezone.now()
    else:
        activity.short_window_reason = ""
        activity.short_window_acknowledged_by = None
        activity.short_window_acknowledged_at = None


def _set_relations(
    activity: Activity,
    *,
    areas: Iterable[Area] | None,
    audiences: Iterable[Audience] | None,
    partners: Iterable[Organisation] | None,
) -> None:
    """Set the relations given (None leaves one as it is); an activity is always somewhere."""
    if areas is not None:
        areas = list(areas)
        if not areas:
            raise ValidationError({"areas": gettext("Choose at least one area.")})
        activity.areas.set(areas)
    if audiences is not None:
        activity.audiences.set(list(audiences))
    if partners is not None:
        activity.partners.set([p for p in partners if p.pk != activity.lead_organisation_id])


def _lead_organisation(user: User, lead_organisation: Organisation | None) -> Organisation:
    require(user, "engagement.add_activity")
    lead = lead_organisation or user.organisation
    if lead is None:
        raise PermissionDenied(gettext("You cannot record engagement activities."))
    if not user.is_superuser and lead.pk != user.organisation_id and not may_record_for(user, lead):
        raise PermissionDenied(gettext("You can only record activities your own organisation leads."))
    return lead


@transaction.atomic
def activity_create(
    *,
    user: User,
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
    languages: Sequence[str] = (),
    access_formats: Sequence[str] = (),
    budget: Decimal | None = None,
    expected_benefit: str = "",
    marking: Marking | str = Marking.OFFICIAL,
    is_published: bool = False,
    publication_scheme: bool = False,
    checklist_scope: ChecklistScope | str | None = None,
    status: Status | str = Status.DRAFT,
    created_at: datetime | None = None,
) -> Activity:
    """Add an activity to the register, led by the user's own organisation unless a superuser, or
    somebody an app grants the right (core.extensions.recording_rights: a partnership coordinator
    importing partners' lists), names another. `status` and `created_at` are for imports and demo
    data; people start at draft."""
    lead_organisation = _lead_organisation(user, lead_organisation)
    areas = list(areas)
    if not areas:
        raise ValidationError({"areas": gettext("Choose at least one area.")})
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
        starts_at=_uk_time(starts_at),
        ends_at=_uk_time(ends_at),
        consultation_kind=consultation_kind,
        response_opens=response_opens,
        response_closes=response_closes,
        short_window_reason=short_window_reason,
        venue=venue,
        accessibility=accessibility,
        languages=in_list_order(languages, LANGUAGE_ORDER),
        access_formats=in_list_order(access_formats, FORMAT_ORDER),
        budget=budget,
        expected_benefit=expected_benefit,
        marking=marking,
        is_published=is_published,
        publication_scheme=publication_scheme,
        status=status,
        checklist_scope=checklist_scope or _default_scope(method),
        created_by=user,
        created_at=_uk_time(created_at) or timezone.now(),
    )
    activity.full_clean()
    _acknowledge_window(activity, user)
    activity.save()
    _set_relations(activity, areas=areas, audiences=audiences, partners=partners)
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
    "languages",
    "access_formats",
    "budget",
    "expected_benefit",
    "marking",
    "is_published",
    "publication_scheme",
    "checklist_scope",
)


@transaction.atomic
def activity_update(
    *,
    user: User,
    activity: Activity,
    aims: Sequence[AimInput] | None = None,
    areas: Iterable[Area] | None = None,
    audiences: Iterable[Audience] | None = None,
    partners: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity. Only the fields given change; the audit log keeps old and new."""
    require(user, "engagement.change_activity", activity)
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    activity = Activity.private_objects.select_for_update().get(pk=activity.pk)
    before = _activity_snapshot(activity)
    for name, value in fields.items():
        if name in LIST_ORDERS:
            value = in_list_order(value, LIST_ORDERS[name])
        setattr(activity, name, _uk_time(value))
    activity.full_clean()
    _acknowledge_window(activity, user)
    activity.save()
    _set_relations(activity, areas=areas, audiences=audiences, partners=partners)
    if aims is not None:
        _set_aims(activity, aims)
    changes = diff(before, _activity_snapshot(activity))
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=activity, changes=changes)
    return activity


@transaction.atomic
def activity_delete(*, user: User, activity: Activity) -> None:
    """Only drafts are deleted; anything further along is cancelled instead, to keep history.
    Questionnaires built for the draft go with it, unless somebody has answered one: then the
    answers are kept and the draft stays (ValidationError)."""
    require(user, "engagement.delete_activity", activity)
    activity = Activity.private_objects.select_for_update().get(pk=activity.pk)
    if activity.status != Status.DRAFT:
        raise ValidationError(gettext("Only a draft can be deleted; cancel the activity instead."))
    questionnaires = activity.questionnaires.order_by("-version", "-pk")
    if questionnaires.filter(responses__isnull=False).exists():
        raise ValidationError(
            gettext(
                "This draft has a questionnaire that people have answered, so it cannot be deleted: "
                "their answers are kept. Cancel the activity instead."
            )
        )
    changes = _activity_snapshot(activity)
    changes["questionnaires"] = [str(q) for q in questionnaires]
    audit_record(actor=user, action=AuditAction.DELETE, obj=activity, changes=changes)
    try:
        for questionnaire in questionnaires:  # newest version first: each older one is its `previous`
            questionnaire.delete()
        activity.delete()
    except ProtectedError as error:
        raise ValidationError(
            gettext("This draft is still in use elsewhere in Heard, so it cannot be deleted.")
        ) from error


@transaction.atomic
def activity_transition(
    *,
    user: User,
    activity: Activity,
    to: Status | str,
    confirmed: bool = False,
    note: str = "",
    seen: Status | str | None = None,
) -> Activity:
    """Move an activity along its lifecycle (engagement/lifecycle.py), under a row lock.
    `seen` is the status the person last saw (the page they acted on); when somebody else has
    moved the activity since, nothing changes and TransitionConflict says so. Raises
    ValidationError for a move the lifecycle does not allow or whose conditions are not met,
    PermissionDenied for the wrong person, and ConfirmationRequired when the move needs a second
    look (unanswered before-stage points)."""
    if seen:
        if seen not in Status.values:
            raise ValidationError(
                {"status": gettext("Reload the page: the status it showed is not one Heard knows.")}
            )
        activity.status = seen
    current = activity.status

    def conditions(locked: Activity) -> list[str]:
        check_conditions(locked, str(to), confirmed=confirmed)
        return ["updated_at"]

    ACTIVITY.advance(activity, str(to), user=user, update=conditions)
    changes: dict[str, Any] = {"status": [str(current), activity.status]}
    if note:
        changes["note"] = note
    audit_record(actor=user, action=AuditAction.TRANSITION, obj=activity, changes=changes)
    return activity


@transaction.atomic
def checklist_answer_set(
    *, user: User, activity: Activity, point: int, answer: Answer | str, note: str = ""
) -> ChecklistAnswer:
    require(user, "engagement.change_activity", activity)
    if point not in POINTS_BY_NUMBER:
        raise ValidationError({"point": gettext("The checklist has points 1 to 25.")})
    if point not in {p.number for p in applicable_points(activity.checklist_scope)}:
        raise ValidationError(
            {"point": gettext("Point %(point)s does not apply to this kind of activity.") % {"point": point}}
        )
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
    *, user: User, activity: Activity, decision_route: str, analysis: str, sharing_back: str
) -> EngagementPlan:
    require(user, "engagement.change_activity", activity)
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
