"""Who may do what with the reports (imported by hooks_reports.py, so that the permissions exist
once the app is ready).

- The board view and the evidence pack are for every member of staff: they show only what the
  reader may see (`visible_to`), through the publication rules, so an authority member or a
  partnership board member reads the same figures a panel would.
- Making a report (annual, or a kept copy of an evidence pack) is for staff who belong to an
  organisation: the report is their organisation's.
- A made report is opened by the staff of the organisation it belongs to (it holds what its
  maker could see, which another organisation may not), and by superusers.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from organisations.models import User
from organisations.predicates import is_staff_member

from .models import Report

Reader = User | AnonymousUser


@rules.predicate
def belongs_to_an_organisation(user: Reader) -> bool:
    return isinstance(user, User) and user.organisation_id is not None


@rules.predicate
def in_report_organisation(user: Reader, report: Report | None) -> bool:
    if report is None:
        return True
    if not isinstance(user, User):
        return False
    return bool(
        user.is_superuser or (user.organisation_id and user.organisation_id == report.organisation_id)
    )


rules.add_perm("outcomes.view_board", is_staff_member)
rules.add_perm("outcomes.view_evidence_pack", is_staff_member)
rules.add_perm("outcomes.view_reports", is_staff_member)
rules.add_perm("outcomes.add_report", is_staff_member & belongs_to_an_organisation)
rules.add_perm("outcomes.view_report", is_staff_member & in_report_organisation)
