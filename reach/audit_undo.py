"""Undoing an import: its activities are deleted, as long as nobody has worked on them since.
"Worked on" is anything Heard would lose: a change recorded in the audit log, or any record of
any part of Heard that refers to the activity (a questionnaire, attendance, a joint working
proposal, a community contact met there, a finding …), found the way deleting would find it
(Django's collector), so a part of Heard added later is covered without being named here."""

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from core.lifecycle import Lifecycle
from core.permissions import require
from engagement.models import Activity, Aim
from governance.models import AuditAction, AuditEvent
from governance.services import audit_record
from organisations.models import User

from .models import AuditImport, ImportState
from .rules_audit import can_see_import, coordinates_the_import, is_staff_member

IMPORT = Lifecycle(
    model=AuditImport,
    states=ImportState,
    moves={ImportState.IMPORTED: frozenset({ImportState.UNDONE}), ImportState.UNDONE: frozenset()},
    rules={ImportState.UNDONE: is_staff_member & can_see_import & coordinates_the_import},
    noun="import",
)
OWN = (Activity, Aim)  # what an import made, and deleting it removes


def _own_models() -> set[type[models.Model]]:
    through: set[type[models.Model]] = {
        cast(Any, f).remote_field.through for f in Activity._meta.many_to_many
    }
    return {*OWN, *through, AuditImport.activities.through}


def _changed(activities: Sequence[Activity], since: datetime | None) -> list[str]:
    ids = [str(a.pk) for a in activities]
    logged = set(
        AuditEvent.objects.filter(object_type="engagement.activity", object_id__in=ids)
        .exclude(action=AuditAction.CREATE)
        .values_list("object_id", flat=True)
    )
    return [a.title for a in activities if str(a.pk) in logged or (since and a.updated_at > since)]


def _size(batch: Any) -> int:
    """A batch of the collector's field updates: instances, or a queryset."""
    return len(batch) if isinstance(batch, list | set | tuple) else int(batch.count())


def _referred(activities: Sequence[Activity]) -> Counter[str]:
    """What else in Heard refers to the activities, by kind ("questionnaires": 2)."""
    found: Counter[str] = Counter()
    collector = Collector(using=router.db_for_write(Activity))
    try:
        collector.collect(list(activities))
    except ProtectedError as error:
        return Counter(str(obj._meta.verbose_name_plural) for obj in error.protected_objects)
    except RestrictedError as error:
        return Counter(str(obj._meta.verbose_name_plural) for obj in error.restricted_objects)
    own = _own_models()
    for model, instances in collector.data.items():
        if model not in own and instances:
            found[str(model._meta.verbose_name_plural)] += len(instances)
    for queryset in collector.fast_deletes:
        if queryset.model not in own and (n := queryset.count()):
            found[str(queryset.model._meta.verbose_name_plural)] += n
    for (field, _), batches in collector.field_updates.items():
        n = sum(_size(b) for b in batches)
        if n:
            found[str(field.model._meta.verbose_name_plural)] += n
    return found


def worked_on(batch: AuditImport) -> list[str]:
    """Why the batch can no longer be undone ([] when it can)."""
    activities = list(batch.activities.all())
    reasons = []
    changed = _changed(activities, batch.finished_at)
    if changed:
        names = ", ".join(f"“{t}”" for t in changed[:5]) + (
            f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        )
        reasons.append(f"Activities have been changed since they were imported: {names}.")
    referred = _referred(activities)
    if referred:
        listed = ", ".join(f"{n} {kind}" for kind, n in sorted(referred.items()))
        reasons.append(f"Other records refer to its activities now: {listed}.")
    return reasons


def import_undo(*, user: User, batch: AuditImport) -> AuditImport:
    """Delete the batch's activities and mark it undone, under a row lock; ValidationError when
    they have been worked on, TransitionConflict when somebody undid it meanwhile."""
    require(user, "reach.undo_audit_import", batch)
    removed: list[str] = []

    def undo(locked: AuditImport) -> list[str]:
        reasons = worked_on(locked)
        if reasons:
            raise ValidationError(reasons)
        activities = list(locked.activities.all())
        removed.extend(a.title for a in activities)
        for activity in activities:
            audit_record(
                actor=user,
                action=AuditAction.DELETE,
                obj=activity,
                changes={"why": f"import of {locked.file_name} undone"},
            )
        Activity.private_objects.filter(pk__in=[a.pk for a in activities]).delete()
        locked.undone_by, locked.undone_at = user, timezone.now()
        return ["undone_by", "undone_at"]

    with transaction.atomic():
        IMPORT.advance(batch, ImportState.UNDONE, user=user, update=undo)
        audit_record(
            actor=user,
            action=AuditAction.DELETE,
            obj=batch,
            changes={"undone": True, "activities removed": len(removed)},
        )
    return batch
