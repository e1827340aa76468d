"""Which organisation's trail an audit entry belongs to.

Governance sits below the apps whose records it logs, so it cannot import them: it finds the
owning organisation by the shape the apps share (duck typing). A record names its organisation
(`organisation_id`: contacts, analysis runs, flags, users), leads through one (`lead_organisation_id`:
activities), or hangs off a record that does (an attendance off its activity, a questionnaire
off its activity, a response off its questionnaire). Callers that know better pass the owner to
`audit_record` themselves. When nothing says, the entry belongs to the actor's organisation.

The ids are plain integers on `AuditEvent`, not foreign keys to organisations: the log must
outlive the organisations it names, and a foreign key would make governance's migrations depend
on organisations' (the migration graph would then run against the import layers).
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist

# Attributes followed, in order, to reach a record that names its organisation.
_HOPS = ("activity", "questionnaire", "response", "run")
_OWNER_FIELDS = ("organisation_id", "lead_organisation_id")
ORGANISATION_LABEL = "organisations.organisation"


def owner_organisation_of(obj: Any, *, depth: int = 3) -> int | None:
    """The id of the organisation owning `obj`, or None when its shape does not say."""
    if obj is None or depth < 0:
        return None
    meta = getattr(obj, "_meta", None)
    if meta is not None and meta.label_lower == ORGANISATION_LABEL:
        return int(obj.pk) if obj.pk is not None else None
    for name in _OWNER_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, int):
            return value
    for hop in _HOPS:
        if meta is None or not _is_relation(meta, hop):
            continue
        found = owner_organisation_of(getattr(obj, hop, None), depth=depth - 1)
        if found is not None:
            return found
    return None


def _is_relation(meta: Any, name: str) -> bool:
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False))


def organisation_of(user: Any) -> int | None:
    """The organisation of the person acting (None for the system and superusers of none)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    value = getattr(user, "organisation_id", None)
    return value if isinstance(value, int) else None
