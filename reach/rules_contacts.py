"""Who may do what with community contacts and coverage: every permission of this part, in one
place (imported by hooks_contacts.py, since `rules` autodiscovers only `rules.py`)."""

import rules
from django.contrib.auth.models import AnonymousUser

from organisations.models import User
from organisations.predicates import can_record_engagement, is_staff_member

from .models import CommunityContact

Reader = User | AnonymousUser


@rules.predicate
def can_see_contact(user: Reader, contact: CommunityContact | None) -> bool:
    if contact is None:
        return bool(is_staff_member(user))
    return CommunityContact.objects.visible_to(user).filter(pk=contact.pk).exists()


@rules.predicate
def holds_consent(user: Reader, contact: CommunityContact | None) -> bool:
    """The user belongs to the organisation holding the contact's consent (any organisation,
    when no contact is named). A superuser holds no consent of their own."""
    if not user.is_authenticated or not getattr(user, "organisation_id", None):
        return False
    return contact is None or user.organisation_id == contact.organisation_id


can_keep_contacts = is_staff_member & holds_consent & can_record_engagement

rules.add_perm("reach.view_contact", is_staff_member & can_see_contact)
rules.add_perm("reach.add_contact", can_keep_contacts)
rules.add_perm("reach.change_contact", can_keep_contacts)
rules.add_perm("reach.delete_contact", can_keep_contacts)
rules.add_perm("reach.review_contact", can_keep_contacts)
rules.add_perm("reach.export_contact", is_staff_member)
rules.add_perm("reach.view_coverage", is_staff_member)
