"""Raising a record's protective marking (issue 11 "Marking and sharing"). Raising is the only
change made here: lowering one is the owner's decision on the record's own form, and is refused
below its source's marking (`MarkedModel.clean`)."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models, transaction

from .marking import SENSITIVE, can_raise, check_floor, kind_for, raise_descendants
from .models import AuditAction
from .services import audit_record


def marked_record(*, user: Any, key: str, pk: int) -> models.Model:
    """A registered record the user may read, or ObjectDoesNotExist."""
    kind = kind_for(key)
    if kind is None:
        raise ObjectDoesNotExist(key)
    record = kind.visible(user).filter(pk=pk).first()
    if record is None:
        raise ObjectDoesNotExist(key)
    return record


def marking_raise(*, user: Any, key: str, pk: int) -> tuple[models.Model, int]:
    """Mark the record OFFICIAL-SENSITIVE, with everything that comes from it. Returns the record
    and how many records below it were raised too."""
    record = marked_record(user=user, key=key, pk=pk)
    if not can_raise(user, record):
        raise PermissionDenied("Only its own organisation can raise this record's marking.")
    with transaction.atomic():
        locked = type(record)._base_manager.select_for_update().get(pk=record.pk)
        before = locked.marking  # type: ignore[attr-defined]
        locked.marking = SENSITIVE  # type: ignore[attr-defined]
        locked.clean_fields(exclude=[f.name for f in locked._meta.fields if f.name != "marking"])
        check_floor(SENSITIVE, locked.marking_floor())  # type: ignore[attr-defined]
        below = raise_descendants(locked)  # before saving: the save's own signal then finds none
        locked.save(update_fields=["marking"])
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"marking": [before, SENSITIVE], "records_raised_with_it": below},
        )
    return locked, below
