"""Who may do what with reach: every permission of this part, in one place (imported by
hooks_reach.py, since `rules` autodiscovers only `rules.py`). Reach pages show only what the
reader may see of the activities (their `visible_to`), so reading them needs only a member of
staff; an activity's reach follows the activity, a questionnaire's weighted results follow its
results, and target profiles belong to the organisation that imported them."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from engagement.models import Activity
from engagement.sharing import activity_shares
from organisations.models import SharingScope, User
from organisations.predicates import is_admin, is_analyst, is_engagement_officer, is_staff_member

from .models import TargetProfile

Reader = User | AnonymousUser


@rules.predicate
def can_see_the_activity(user: Reader, activity: Activity | None) -> bool:
    return bool(user.has_perm("engagement.view_activity", activity))


@rules.predicate
def reach_shared(user: Reader, activity: Activity | None) -> bool:
    """Its own and partner organisations, or an agreement sharing reach (engagement/sharing.py)."""
    return activity_shares(user, activity, SharingScope.REACH)


@rules.predicate
def can_see_the_results(user: Reader, questionnaire: Any) -> bool:
    return bool(user.has_perm("consultations.view_results", questionnaire))


@rules.predicate
def can_see_target(user: Reader, profile: TargetProfile | None) -> bool:
    if profile is None:
        return bool(is_staff_member(user))
    return TargetProfile.objects.visible_to(user).filter(pk=profile.pk).exists()


@rules.predicate
def in_owning_organisation(user: Reader, profile: TargetProfile | None) -> bool:
    """A member of an organisation, and of the profile's when one is named (a superuser of no
    organisation owns none)."""
    if not user.is_authenticated or not getattr(user, "organisation_id", None):
        return False
    return profile is None or user.organisation_id == profile.organisation_id


can_keep_targets = is_staff_member & in_owning_organisation & (is_engagement_officer | is_admin | is_analyst)

rules.add_perm("reach.view_reach", is_staff_member)
rules.add_perm("reach.export_reach", is_staff_member)
rules.add_perm("reach.upload_participants", is_staff_member)
# obj: an Activity
rules.add_perm("reach.view_activity_reach", is_staff_member & can_see_the_activity & reach_shared)
# obj: a Questionnaire
rules.add_perm("reach.view_weighted_results", is_staff_member & can_see_the_results)
# obj: a TargetProfile (or None for "in general")
rules.add_perm("reach.view_target_profile", is_staff_member & can_see_target)
rules.add_perm("reach.add_target_profile", can_keep_targets)
rules.add_perm("reach.delete_target_profile", can_keep_targets)
