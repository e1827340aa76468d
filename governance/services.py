"""Writing to the audit log."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditAction, AuditEvent
from .owners import organisation_of, owner_organisation_of


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `obj`, for diffing before and after a change."""
    names = fields or [f.name for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    owner_organisation_id: int | None = None,
) -> AuditEvent:
    """Append one entry. `actor` is a user or None for the system (imports, tasks). The entry
    belongs to the trail of the actor's organisation and of the one owning the record:
    `owner_organisation_id` when given, else what `obj` says (governance/owners.py), else the
    actor's."""
    actor_organisation_id = organisation_of(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
        owner_organisation_id = owner_organisation_id or owner_organisation_of(obj)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        actor_organisation_id=actor_organisation_id,
        owner_organisation_id=owner_organisation_id or actor_organisation_id,
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        changes=changes or {},
    )
    event.full_clean()
    event.save()
    return event
