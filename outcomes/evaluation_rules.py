"""Who may do what with evaluations, participants' forms and National Standards assessments.

They follow the activity: whoever may see it (`engagement.view_activity`) reads its evaluation;
its team (`engagement.change_activity`) writes the evaluation, types in paper forms, opens the
online form and scores the standards; reopening a completed evaluation is a sign-off for the
lead organisation's engagement officers and admins, as marking the activity evaluated is. A
partnership's assessment is written by engagement officers and admins of its members. The
services check these permissions (the `outcomes.*` names), never the engagement ones directly."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from engagement.models import Activity
from organisations.models import Partnership, User
from organisations.predicates import is_admin, is_engagement_officer, is_staff_member

from .models import Evaluation, ParticipantEvaluationLink, StandardsAssessment

Reader = User | AnonymousUser


def activity_of(obj: Any) -> Activity | None:
    if obj is None or isinstance(obj, Activity):
        return obj
    if isinstance(obj, Evaluation | ParticipantEvaluationLink):
        return obj.activity
    if isinstance(obj, StandardsAssessment):
        return obj.activity
    raise TypeError(f"No activity for {type(obj).__name__}")


@rules.predicate
def can_see_its_activity(user: Reader, obj: Any) -> bool:
    return bool(user.has_perm("engagement.view_activity", activity_of(obj)))


@rules.predicate
def can_change_its_activity(user: Reader, obj: Any) -> bool:
    return bool(user.has_perm("engagement.change_activity", activity_of(obj)))


@rules.predicate
def is_member_of(user: Reader, partnership: Partnership | None) -> bool:
    if partnership is None:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user.organisation_id and partnership.members.filter(pk=user.organisation_id).exists())


can_write = is_staff_member & can_change_its_activity
can_sign_off = can_write & (is_engagement_officer | is_admin)

# obj: an Activity or an Evaluation (None: "in general")
rules.add_perm("outcomes.view_evaluation", is_staff_member & can_see_its_activity)
rules.add_perm("outcomes.change_evaluation", can_write)
rules.add_perm("outcomes.complete_evaluation", can_write)
rules.add_perm("outcomes.reopen_evaluation", can_sign_off)
# obj: an Activity
rules.add_perm("outcomes.enter_participant_evaluations", can_write)
rules.add_perm("outcomes.open_participant_link", can_write)
rules.add_perm("outcomes.assess_standards", can_write)
# obj: a Partnership
rules.add_perm("outcomes.view_partnership_standards", is_staff_member & is_member_of)
rules.add_perm(
    "outcomes.assess_partnership_standards",
    is_staff_member & is_member_of & (is_engagement_officer | is_admin),
)
# The evaluation overview and the standards trend (each row scoped by visible_to).
rules.add_perm("outcomes.view_evaluation_overview", is_staff_member)
