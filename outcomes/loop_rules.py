"""Who may do what in the feedback loop (the `outcomes.*` permissions of findings, decisions,
actions and feedback). Imported by hooks_loop.py, so that the permissions exist once the app
is ready.

- Every member of staff reads what they may see of the loop (`visible_to`).
- Findings are recorded by those who record engagement or analyse it; decisions also by
  authority members (they sit on the bodies that decide). Each record belongs to the recorder's
  organisation, and only its staff change it.
- An action is changed by the deciding organisation; its progress, status and RAG are also
  reported by the organisation doing it.
- Feedback is the activity's: written and published by those who may change the activity
  (`engagement.change_activity`), since publishing answers its checklist point 24. The same
  people translate it, draft or published, with the findings, decisions and actions it reports
  that are their organisation's (`outcomes.translate_feedback`, outcomes/loop_translations.py).
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from engagement.models import Activity
from organisations.models import User
from organisations.predicates import (
    can_record_engagement,
    is_analyst,
    is_authority_member,
    is_staff_member,
)
from organisations.privacy import reads_raw_text

from .models import Action, Decision, Feedback, FeedbackState, Finding

Reader = User | AnonymousUser


def require_own_words(user: Reader, owner_id: int | None) -> None:
    """Words are changed only by those who read them as written: their organisation's staff.
    (A superuser of no organisation, whom permissions let do anything, reads them redacted, and
    saving what they read would replace residents' words with placeholders.)"""
    if not reads_raw_text(user, owner_id):
        raise PermissionDenied("Only the staff of the organisation it belongs to can change it.")


def _org(user: Reader) -> int | None:
    return user.organisation_id if isinstance(user, User) else None


@rules.predicate
def in_record_organisation(user: Reader, record: Finding | Decision | Feedback | None) -> bool:
    """The user belongs to the organisation that owns the record (which has `organisation_id`)."""
    if record is None:
        return True
    return bool(user.is_superuser or (_org(user) and _org(user) == record.organisation_id))


@rules.predicate
def in_own_organisation(user: Reader, record: Feedback | None) -> bool:
    """Strictly the record's own organisation (who read its words as written), superusers too."""
    return record is None or bool(_org(user) and _org(user) == record.organisation_id)


@rules.predicate
def in_deciding_organisation(user: Reader, action: Action | Decision | None) -> bool:
    if action is None:
        return True
    owner = action.decision.organisation_id if isinstance(action, Action) else action.organisation_id
    return bool(user.is_superuser or (_org(user) and _org(user) == owner))


@rules.predicate
def works_on_action(user: Reader, action: Action | None) -> bool:
    """The deciding organisation, or the one doing the action."""
    if action is None:
        return True
    org = _org(user)
    return bool(
        user.is_superuser or (org and org in (action.decision.organisation_id, action.owner_organisation_id))
    )


@rules.predicate
def may_see_activity(user: Reader, activity: Activity | None) -> bool:
    if activity is None:
        return True
    return Activity.private_objects.visible_to(user).filter(pk=activity.pk).exists()


def _activity(obj: Any) -> Activity | None:
    if obj is None or isinstance(obj, Activity):
        return obj
    if isinstance(obj, Feedback):
        return obj.activity
    raise TypeError(f"No activity for {type(obj).__name__}")


@rules.predicate
def changes_the_activity(user: Reader, obj: Activity | Feedback | None) -> bool:
    """The user may change the activity (or the feedback's activity): its team."""
    activity = _activity(obj)
    return activity is None or bool(user.has_perm("engagement.change_activity", activity))


@rules.predicate
def is_draft(user: Reader, feedback: Feedback | None) -> bool:
    return feedback is None or feedback.state == FeedbackState.DRAFT


@rules.predicate
def is_published(user: Reader, feedback: Feedback | None) -> bool:
    return feedback is None or feedback.state == FeedbackState.PUBLISHED


@rules.predicate
def belongs_to_an_organisation(user: Reader) -> bool:
    """Records are owned by an organisation: a superuser with none only reads."""
    return _org(user) is not None


records_loop = is_staff_member & belongs_to_an_organisation & (can_record_engagement | is_analyst)
decides = (
    is_staff_member & belongs_to_an_organisation & (can_record_engagement | is_analyst | is_authority_member)
)
can_move_action = decides & works_on_action
can_publish_feedback = (
    is_staff_member & belongs_to_an_organisation & in_record_organisation & changes_the_activity
)

rules.add_perm("outcomes.view_loop", is_staff_member)
rules.add_perm("outcomes.add_finding", records_loop & may_see_activity)  # object: its activity, or None
rules.add_perm("outcomes.change_finding", records_loop & in_record_organisation)
rules.add_perm("outcomes.add_decision", decides)
rules.add_perm("outcomes.change_decision", decides & in_record_organisation)
rules.add_perm("outcomes.add_action", decides & in_deciding_organisation)  # object: the decision
rules.add_perm("outcomes.change_action", decides & in_deciding_organisation)
rules.add_perm("outcomes.report_action", can_move_action)  # progress, status and RAG
rules.add_perm("outcomes.add_feedback", is_staff_member & belongs_to_an_organisation & changes_the_activity)
rules.add_perm("outcomes.change_feedback", can_publish_feedback & is_draft)
rules.add_perm("outcomes.publish_feedback", can_publish_feedback & is_draft)
rules.add_perm("outcomes.translate_feedback", can_publish_feedback & in_own_organisation)
rules.add_perm("outcomes.resend_updates", can_publish_feedback & is_published)
rules.add_perm("outcomes.export_loop", is_staff_member)
