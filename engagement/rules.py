"""Who may do what with engagement records: every permission of this app, in one place."""

import rules
from django.contrib.auth.models import AnonymousUser

from organisations.models import User
from organisations.predicates import can_record_engagement, is_admin, is_engagement_officer, is_staff_member

from .models import Activity, Status

Reader = User | AnonymousUser


@rules.predicate
def can_see_activity(user: Reader, activity: Activity | None) -> bool:
    if activity is None:
        return bool(is_staff_member(user))
    return Activity.private_objects.visible_to(user).filter(pk=activity.pk).exists()


@rules.predicate
def in_lead_organisation(user: Reader, activity: Activity | None) -> bool:
    if activity is None:
        return True
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.organisation_id == activity.lead_organisation_id)


@rules.predicate
def is_draft(user: Reader, activity: Activity | None) -> bool:
    return activity is None or activity.status == Status.DRAFT


can_edit_activity = is_staff_member & in_lead_organisation & can_record_engagement

# Cancelling an activity and signing its evaluation off are for engagement officers and admins
# of the lead organisation (engagement/lifecycle.py gives each move its rule).
can_sign_off_activity = can_edit_activity & (is_engagement_officer | is_admin)

rules.add_perm("engagement.view_activity", is_staff_member & can_see_activity)
rules.add_perm("engagement.add_activity", is_staff_member & can_record_engagement)
rules.add_perm("engagement.change_activity", can_edit_activity)
rules.add_perm("engagement.delete_activity", can_edit_activity & is_draft)
rules.add_perm("engagement.export_activity", is_staff_member)
