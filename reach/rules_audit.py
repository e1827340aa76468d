"""Who may do what with the partnership snapshot audit and the dashboard: every permission of
this part, in one place (imported by hooks_audit.py, since `rules` autodiscovers only rules.py).

A *partnership coordinator* (seed 000's "the Local Strategic Partnership has conducted a
consultation audit"; DESIGN.md's role) is an administrator or engagement officer of a member
organisation of the partnership: they import partners' lists for it, on behalf of its members,
and may undo what their organisation imported. The audit report and the dashboard show only what
the reader may see of the register, so reading them needs only a member of staff (of a member
organisation, for a partnership's report)."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from organisations.models import Organisation, Partnership, User
from organisations.predicates import is_admin, is_engagement_officer, is_staff_member

from .models import AuditImport, ImportState

Reader = User | AnonymousUser


@rules.predicate
def in_partnership(user: Reader, partnership: Partnership | None) -> bool:
    """A member of the partnership's staff (any partnership when none is named); superusers
    stand in for every organisation."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    org = getattr(user, "organisation_id", None)
    if not org:
        return False
    if partnership is None:
        return Partnership.objects.filter(members=org).exists()
    return partnership.members.filter(pk=org).exists()


@rules.predicate
def may_read_partnership(user: Reader, partnership: Partnership | None) -> bool:
    return partnership is None or bool(in_partnership.test(user, partnership))


@rules.predicate
def can_see_import(user: Reader, batch: AuditImport | None) -> bool:
    if batch is None:
        return bool(is_staff_member(user))
    return AuditImport.objects.visible_to(user).filter(pk=batch.pk).exists()


@rules.predicate
def coordinates_the_import(user: Reader, batch: AuditImport | None) -> bool:
    """The batch is still in place, and the user coordinates its partnership for the
    organisation that imported it."""
    if not isinstance(batch, AuditImport) or batch.state != ImportState.IMPORTED:
        return False
    if not user.is_superuser and getattr(user, "organisation_id", None) != batch.organisation_id:
        return False
    return bool(is_partnership_coordinator.test(user, batch.partnership))


is_partnership_coordinator = is_staff_member & (is_admin | is_engagement_officer) & in_partnership


def coordinates_for(user: Any, organisation: Organisation) -> bool:
    """core.extensions.recording_rights: a coordinator records activities for the other members
    of a partnership their organisation belongs to (the import does, on their behalf)."""
    org = getattr(user, "organisation_id", None)
    if not getattr(user, "is_active", False) or not org or not (is_admin | is_engagement_officer).test(user):
        return False
    return Partnership.objects.filter(members=org).filter(members=organisation.pk).exists()


rules.add_perm("reach.view_dashboard", is_staff_member)
# obj: a Partnership, or None for a report over an area
rules.add_perm("reach.view_partnership_audit", is_staff_member & may_read_partnership)
rules.add_perm("reach.export_partnership_audit", is_staff_member & may_read_partnership)
# obj: a Partnership, or None for "some partnership"
rules.add_perm("reach.import_partner_activities", is_partnership_coordinator)
# obj: an AuditImport
rules.add_perm("reach.view_audit_import", is_staff_member & can_see_import)
rules.add_perm("reach.undo_audit_import", is_staff_member & can_see_import & coordinates_the_import)
