"""Who may do what with engagement records: every permission of this app, in one place."""

from typing import Any

import rules

from organisations.predicates import can_record_engagement, is_admin, is_engagement_officer, is_staff_member

from .models import Activity, Status


@rules.predicate
def can_see_activity(user: Any, activity: Activity | None) -> bool:
    if activity is None:
        return bool(is_staff_member(user))
    return Activity.private_objects.visible_to(user).filter(pk=activity.pk).exists()


@rules.predicate
def in_lead_organisation(user: Any, activity: Activity | None) -> bool:
    if activity is None:
        return True
    return bool(user.is_superuser or user.organisation_id == activity.lead_organisation_id)


@rules.predicate
def is_draft(user: Any, activity: Activity | None) -> bool:
    return activity is None or activity.status == Status.DRAFT


can_edit_activity = is_staff_member & in_lead_organisation & can_record_engagement

rules.add_perm("engagement.view_activity", is_staff_member & can_see_activity)
rules.add_perm("engagement.add_activity", is_staff_member & can_record_engagement)
rules.add_perm("engagement.change_activity", can_edit_activity)
rules.add_perm("engagement.delete_activity", can_edit_activity & is_draft)
rules.add_perm("engagement.export_activity", is_staff_member)

# Moving an activity to a status: the lead organisation's recorders, except that cancelling
# and signing an evaluation off are for engagement officers and admins.
TRANSITION_RULES: dict[Status, rules.Predicate] = {
    Status.DRAFT: can_edit_activity,
    Status.PLANNED: can_edit_activity,
    Status.OPEN: can_edit_activity,
    Status.CLOSED: can_edit_activity,
    Status.ANALYSED: can_edit_activity,
    Status.FEEDBACK_GIVEN: can_edit_activity,
    Status.EVALUATED: can_edit_activity & (is_engagement_officer | is_admin),
    Status.CANCELLED: can_edit_activity & (is_engagement_officer | is_admin),
}
