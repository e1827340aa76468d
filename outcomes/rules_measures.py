"""Who may do what with measures, the evidence register, the strategy action plan and the annual
engagement plan (imported by hooks_measures.py when the app is ready).

- Seeing: staff of the owning organisation, and staff of every member of the partnership the
  record is in the name of (a report card, an action plan and an annual plan are the
  partnership's). Superusers see everything.
- Recording measures and evidence (`add_*`), and changing them (`change_*`, their owning
  organisation's staff only, who alone read their words as written): analysts, admins,
  engagement officers and partner users.
- The action plan and the annual plan are kept by the partnership: any member organisation's
  recorders add rows, record updates and plan activities (object: the partnership, or the
  record); the wording of a row is changed by the organisation that added it
  (`edit_strategy_action`).
- Agreeing an annual plan on the partnership's behalf is for admins, engagement officers and
  partner users of a member organisation.
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from organisations.models import Partnership, User
from organisations.predicates import (
    is_admin,
    is_analyst,
    is_engagement_officer,
    is_partner_user,
    is_staff_member,
)

Reader = User | AnonymousUser


def _partnership_of(obj: Any) -> Partnership | None:
    if isinstance(obj, Partnership):
        return obj
    return getattr(obj, "partnership", None)


@rules.predicate
def in_owning_organisation(user: Reader, obj: Any) -> bool:
    """The user's organisation owns the record (a partnership has no owner: no)."""
    if obj is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    owner = getattr(obj, "organisation_id", None)
    return bool(user.organisation_id and owner == user.organisation_id)


@rules.predicate
def owns(user: Reader, obj: Any) -> bool:
    """Strictly the owning organisation's staff (not a superuser of another or none): changing a
    record means reading its words as written, which only they do (organisations/privacy.py)."""
    if obj is None:
        return True
    return bool(
        user.is_authenticated and user.organisation_id and user.organisation_id == obj.organisation_id
    )


@rules.predicate
def in_partnership(user: Reader, obj: Any) -> bool:
    """The user's organisation is a member of the partnership (the record's, or the one given)."""
    if obj is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    partnership = _partnership_of(obj)
    if partnership is None or not user.organisation_id:
        return False
    return partnership.members.filter(pk=user.organisation_id).exists()


can_record = is_analyst | is_admin | is_engagement_officer | is_partner_user
can_agree = is_admin | is_engagement_officer | is_partner_user
can_see = is_staff_member & (in_owning_organisation | in_partnership)
can_keep_partnership_record = is_staff_member & can_record & (in_owning_organisation | in_partnership)

rules.add_perm("outcomes.view_measure", can_see)
rules.add_perm("outcomes.add_measure", is_staff_member & can_record)
rules.add_perm("outcomes.change_measure", is_staff_member & can_record & owns)
rules.add_perm("outcomes.export_measure", can_see)
rules.add_perm("outcomes.view_report_card", is_staff_member & in_partnership)

rules.add_perm("outcomes.view_evidence", can_see)
rules.add_perm("outcomes.add_evidence", is_staff_member & can_record)
rules.add_perm("outcomes.change_evidence", is_staff_member & can_record & owns)

rules.add_perm("outcomes.view_strategy_action", can_see)
rules.add_perm("outcomes.add_strategy_action", is_staff_member & can_record & in_partnership)
rules.add_perm("outcomes.change_strategy_action", can_keep_partnership_record)
rules.add_perm("outcomes.edit_strategy_action", is_staff_member & can_record & owns)
rules.add_perm("outcomes.export_strategy_action", is_staff_member & in_partnership)

rules.add_perm("outcomes.view_annual_plan", can_see)
rules.add_perm("outcomes.add_annual_plan", is_staff_member & can_record & in_partnership)
rules.add_perm("outcomes.change_annual_plan", can_keep_partnership_record)
rules.add_perm("outcomes.agree_annual_plan", is_staff_member & can_agree & in_partnership)
rules.add_perm("outcomes.export_annual_plan", can_see)
