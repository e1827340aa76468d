"""Community contacts in governance's protective-marking rules (governance/marking.py): a
contact met at an OFFICIAL-SENSITIVE activity is OFFICIAL-SENSITIVE, and is then never passed
on to partners whatever its consent to share."""

from django.urls import reverse

from engagement.models import Activity
from governance.marking import MarkedKind, register_descendant, register_marked

from .models import CommunityContact

register_descendant(Activity, CommunityContact, "met_at")

register_marked(
    MarkedKind(
        model=CommunityContact,
        visible=lambda user: CommunityContact.objects.visible_to(user),
        owner_id=lambda contact: contact.organisation_id,
        url=lambda contact: reverse("contacts:contact_detail", args=[contact.pk]),
    )
)
