"""Contacts and coverage plug into the pages below and beside them: the staff menu, checklist
point 22 (seed 002: "pass on any significant new community contacts you've made") and the
reach page's "who already reaches them" (reach/extensions.py)."""

from typing import Any

from django.urls import reverse

from core.extensions import MenuItem, checklist_links, staff_menu

from . import rules_contacts  # noqa: F401  (registers this part's permissions)
from .contacts_selectors import record_views
from .extensions import Reacher, audience_reachers
from .models import CommunityContact

CONTACTS_POINT = 22

staff_menu.register(
    "contacts",
    MenuItem("Contacts", "contacts:contact_list", perm="reach.view_contact", namespace="contacts"),
    order=58,
)
staff_menu.register(
    "coverage", MenuItem("Coverage", "contacts:coverage", perm="reach.view_coverage"), order=56
)


def contacts_link(user: Any, activity: Any, point: int) -> tuple[str, str] | None:
    """Point 22 leads to the register: to add the contacts made at this activity, or to read it."""
    if point != CONTACTS_POINT:
        return None
    if user.has_perm("reach.add_contact"):
        url = reverse("contacts:contact_create") + f"?met_at={activity.pk}"
        return ("Add the contacts you made to the community contacts register", url)
    if user.has_perm("reach.view_contact"):
        return ("See the community contacts register", reverse("contacts:contact_list"))
    return None


checklist_links.register("contacts", contacts_link)


def _detail(contact: CommunityContact) -> str:
    ways = [w for w in (contact.email, contact.phone) if w]
    held = f"{contact.get_kind_display()} known to {contact.organisation.name}"
    return f"{held}. {', '.join(ways)}" if ways else held + "."


def contacts_reaching(user: Any, area: Any, audience: Any) -> list[Reacher]:
    """The contacts `user` may see who reach `audience` in `area` (areas inside it included);
    showing an individual is recorded in the audit log like any other view of them."""
    if not user.has_perm("reach.view_contact"):
        return []
    contacts = list(
        CommunityContact.objects.visible_to(user)
        .reaching(area=area, audience=audience)
        .select_related("organisation")
        .distinct()
    )
    record_views(user=user, contacts=contacts, where="who already reaches them")
    return [
        Reacher(
            kind="Community contact",
            name=c.name,
            detail=_detail(c),
            url=reverse("contacts:contact_detail", kwargs={"pk": c.pk}),
        )
        for c in contacts
    ]


audience_reachers.register("contacts", contacts_reaching)
