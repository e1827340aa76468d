"""Who came to an activity: head counts (exact or estimated), counts by audience, and the
anonymous paper equality-monitoring forms collected there. Writes are checked with
full_clean(), run in one transaction and are audited (never with equality answers); what
pages and the API show of them is in `selectors`."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User
from places.models import Audience

from .answers import clean_equality
from .models import Attendance, AttendanceCount, Channel, EqualityRecord

OFFLINE_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.WEB]


def _check_counts(head_count: int, counts: Mapping[Audience, int]) -> dict[Audience, int]:
    errors = {}
    kept: dict[Audience, int] = {}
    for audience, count in counts.items():
        if count is None or count == 0:
            continue
        if count < 0:
            errors[f"audience_{audience.pk}"] = f"{audience.name}: enter 0 or more."
        elif count > head_count:
            errors[f"audience_{audience.pk}"] = (
                f"{audience.name}: {count} is more than the head count ({head_count})."
            )
        else:
            kept[audience] = count
    if errors:
        raise ValidationError(errors)
    return kept


def _save_counts(attendance: Attendance, counts: Mapping[Audience, int]) -> None:
    attendance.counts.all().delete()
    rows = [AttendanceCount(attendance=attendance, audience=a, count=n) for a, n in counts.items()]
    for row in rows:
        row.full_clean(exclude=["attendance"])
    AttendanceCount.objects.bulk_create(rows)


def _check_date(held_on: date) -> None:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "Attendance can only be recorded for a day that has happened."})


@transaction.atomic
def attendance_create(
    *,
    user: User,
    activity: Activity,
    held_on: date,
    head_count: int,
    is_estimate: bool = False,
    notes: str = "",
    counts: Mapping[Audience, int] | None = None,
) -> Attendance:
    require(user, "consultations.change_attendance", activity)
    _check_date(held_on)
    kept = _check_counts(head_count, counts or {})
    attendance = Attendance(
        activity=activity,
        held_on=held_on,
        head_count=head_count,
        is_estimate=is_estimate,
        notes=notes.strip(),
        recorded_by=user,
    )
    attendance.full_clean()
    attendance.save()
    _save_counts(attendance, kept)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=attendance,
        changes={"head_count": head_count, "is_estimate": is_estimate, "audiences": len(kept)},
    )
    return attendance


@transaction.atomic
def attendance_update(
    *,
    user: User,
    attendance: Attendance,
    held_on: date,
    head_count: int,
    is_estimate: bool = False,
    notes: str = "",
    counts: Mapping[Audience, int] | None = None,
) -> Attendance:
    require(user, "consultations.change_attendance", attendance)
    _check_date(held_on)
    kept = _check_counts(head_count, counts or {})
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    before = {
        "held_on": str(attendance.held_on),
        "head_count": attendance.head_count,
        "is_estimate": attendance.is_estimate,
        "notes": attendance.notes,
        "counts": {c.audience.name: c.count for c in attendance.counts.select_related("audience")},
    }
    attendance.held_on = held_on
    attendance.head_count = head_count
    attendance.is_estimate = is_estimate
    attendance.notes = notes.strip()
    attendance.full_clean()
    attendance.save()
    _save_counts(attendance, kept)
    after = {
        "held_on": str(held_on),
        "head_count": head_count,
        "is_estimate": is_estimate,
        "notes": attendance.notes,
        "counts": {a.name: n for a, n in kept.items()},
    }
    changes: dict[str, object] = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if "notes" in changes:
        # Notes may hold what people said: the audit log says they changed, never what they say.
        changes["notes"] = "changed"
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=attendance, changes=changes)
    return attendance


@transaction.atomic
def attendance_delete(*, user: User, attendance: Attendance) -> None:
    require(user, "consultations.change_attendance", attendance)
    audit_record(actor=user, action=AuditAction.DELETE, obj=attendance)
    attendance.delete()


@transaction.atomic
def equality_record_create(
    *,
    user: User,
    activity: Activity,
    channel: Channel | str,
    answers: Mapping[str, str],
    recorded_on: date | None = None,
) -> EqualityRecord:
    """One anonymous paper equality-monitoring form, not linked to any response. Only ever
    reported in totals; the audit log records that a form was entered, never its answers."""
    require(user, "consultations.change_attendance", activity)
    if channel not in {value for value, _ in OFFLINE_CHANNELS}:
        raise ValidationError({"channel": "Choose paper, event or phone."})
    cleaned, errors = clean_equality(answers)
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(gettext("The form is blank: answer at least one question, or skip it."))
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": "The date cannot be in the future."})
    record = EqualityRecord(activity=activity, channel=channel, recorded_on=recorded_on, **cleaned)
    record.full_clean()
    record.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="consultations.equalityrecord",
        object_id=str(record.pk),
        object_repr=f"An equality-monitoring form for activity {activity.pk}",
    )
    return record
