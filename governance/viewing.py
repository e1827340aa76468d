"""Recording that somebody read a sensitive record: who, when, which record, where (the page or
the API) and how much of it — never what it says. Called by the selectors that pages and the API
share, so that one reading is recorded once whichever door it came through.

`record_views` writes one entry per record in one statement: a triage queue of fifty flags is
fifty entries (each flag's history then says who saw it), and one insert.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditAction, AuditEvent
from .owners import organisation_of, owner_organisation_of
from .services import audit_record


def record_view(
    *,
    user: Any,
    obj: models.Model,
    where: str,
    object_repr: str = "",
    owner_organisation_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """One entry: `user` read `obj` on `where` ("written answers page", "API"); `details` are
    counts and ids (how many answers, which question), never text people wrote."""
    return audit_record(
        actor=user,
        action=AuditAction.VIEW,
        obj=obj,
        object_repr=object_repr,
        owner_organisation_id=owner_organisation_id,
        changes={"where": where, **details},
    )


def record_views(
    *,
    user: Any,
    objects: Iterable[models.Model],
    where: str,
    owner_organisation_id: int | None = None,
) -> int:
    """One entry for each of `objects` that `user` read on `where`, as `str(obj)` names it (use
    it only for records whose name carries nobody's words). Returns how many."""
    actor_organisation_id = organisation_of(user)
    signed_in = bool(getattr(user, "is_authenticated", False))
    events = [
        AuditEvent(
            actor=user if signed_in else None,
            actor_label=user.get_username() if signed_in else "system",
            actor_organisation_id=actor_organisation_id,
            owner_organisation_id=owner_organisation_id
            or owner_organisation_of(obj)
            or actor_organisation_id,
            action=AuditAction.VIEW,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            changes={"where": where},
        )
        for obj in objects
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)
