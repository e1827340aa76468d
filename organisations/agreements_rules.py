"""Who may read and manage data-sharing agreements (issue 11 "Marking and sharing").

- Staff of either party organisation read an agreement (`organisations.view_agreement`).
- Admins of a party organisation manage it: edit it, add signatories, end it
  (`organisations.change_agreement`); an admin records new agreements their organisation is a
  party to (`organisations.add_agreement`; the services check the party).
- Superusers, who run Heard, read and manage every agreement."""

from typing import Any

import rules

from .models import DataSharingAgreement, Role
from .predicates import has_role, is_staff_member


@rules.predicate
def in_a_party(user: Any, agreement: DataSharingAgreement | None) -> bool:
    if agreement is None or user.is_superuser:
        return True
    org = getattr(user, "organisation_id", None)
    return bool(org) and org in (agreement.owner_id, agreement.recipient_id)


is_party_admin = has_role(Role.ADMIN) & in_a_party

rules.add_perm("organisations.view_agreement", is_staff_member & in_a_party)
rules.add_perm("organisations.add_agreement", is_staff_member & has_role(Role.ADMIN))
rules.add_perm("organisations.change_agreement", is_staff_member & is_party_admin)
