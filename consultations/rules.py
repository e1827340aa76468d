"""Who may do what with questionnaires, responses, attendance and results. They follow the
activity: its team (`engagement.change_activity`) builds questionnaires, types in paper
responses and records attendance; everyone who may see the activity
(`engagement.view_activity`) may read the results and export them. The services check these
permissions, never the engagement ones directly."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from engagement.models import Activity
from engagement.sharing import activity_shares
from organisations.models import SharingScope, User
from organisations.predicates import is_staff_member

from .models import Attendance, Questionnaire


def _activity(obj: Any) -> Activity | None:
    if obj is None or isinstance(obj, Activity):
        return obj
    if isinstance(obj, Questionnaire | Attendance):
        return obj.activity
    raise TypeError(f"No activity for {type(obj).__name__}")


@rules.predicate
def can_change_its_activity(user: User | AnonymousUser, obj: Any) -> bool:
    return bool(user.has_perm("engagement.change_activity", _activity(obj)))


@rules.predicate
def can_see_its_activity(user: User | AnonymousUser, obj: Any) -> bool:
    return bool(user.has_perm("engagement.view_activity", _activity(obj)))


@rules.predicate
def results_shared(user: User | AnonymousUser, obj: Any) -> bool:
    """Its own and partner organisations, or an agreement sharing results (engagement/sharing.py)."""
    return activity_shares(user, _activity(obj), SharingScope.RESULTS)


@rules.predicate
def answers_shared(user: User | AnonymousUser, obj: Any) -> bool:
    return activity_shares(user, _activity(obj), SharingScope.ANSWERS)


can_change_questionnaire = is_staff_member & can_change_its_activity

# obj: an Activity (or None for "in general")
rules.add_perm("consultations.add_questionnaire", can_change_questionnaire)
# obj: a Questionnaire (or None for "in general")
rules.add_perm("consultations.view_questionnaire", is_staff_member & can_see_its_activity)
rules.add_perm("consultations.change_questionnaire", can_change_questionnaire)
rules.add_perm("consultations.enter_responses", is_staff_member & can_change_its_activity)
rules.add_perm("consultations.view_results", is_staff_member & can_see_its_activity & results_shared)
rules.add_perm("consultations.export_results", is_staff_member & can_see_its_activity & results_shared)
# The written answers (redacted outside the owning organisation), with the results.
rules.add_perm(
    "consultations.view_answers", is_staff_member & can_see_its_activity & results_shared & answers_shared
)
# obj: an Activity or an Attendance
rules.add_perm("consultations.view_attendance", is_staff_member & can_see_its_activity)
rules.add_perm("consultations.change_attendance", is_staff_member & can_change_its_activity)
