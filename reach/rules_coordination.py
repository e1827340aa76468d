"""Who may do what with coordination between partners.

- Possible duplicates and chances to piggyback, and the report across the register, are for
  any member of staff: each sees only pairs of activities they may see (the selectors say which).
- Proposing a joint activity is for those who may change the activity they propose from.
- A proposal is seen by the two organisations it is between; it is answered (accepted or
  declined) by those who may change the activity it was sent about.
"""

from typing import Any

import rules

from engagement.rules import can_edit_activity
from organisations.models import User
from organisations.predicates import is_staff_member

from .models import JointProposal


@rules.predicate
def is_party_to_proposal(user: User, proposal: JointProposal | None) -> bool:
    if proposal is None:
        return True
    if user.is_superuser:
        return True
    org = getattr(user, "organisation_id", None)
    return bool(org) and org in (proposal.proposing_organisation_id, proposal.receiving_organisation_id)


@rules.predicate
def may_change_other_activity(user: User, proposal: Any) -> bool:
    if not isinstance(proposal, JointProposal):
        return False
    return bool(can_edit_activity.test(user, proposal.other_activity))


can_answer_proposal = is_staff_member & is_party_to_proposal & may_change_other_activity

rules.add_perm("reach.view_coordination", is_staff_member)
rules.add_perm("reach.export_coordination", is_staff_member)
# The object is the activity proposed from: the proposer's own.
rules.add_perm("reach.propose_joint_activity", is_staff_member & can_edit_activity)
rules.add_perm("reach.view_proposal", is_staff_member & is_party_to_proposal)
rules.add_perm("reach.answer_proposal", can_answer_proposal)
