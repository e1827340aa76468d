"""What the community contacts pages, their exports and the API show, read once for all:
scoped with `visible_to`, staff notes through the reader's TextDoor, the activity where a contact
was met only when the reader may see it. Every time an individual's details are shown to
somebody, that is recorded in the audit log (the issue's "every view of a personal contact")."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from governance.models import AuditAction, AuditEvent
from governance.services import audit_record
from organisations.models import User
from organisations.privacy import text_door

from .contacts_forms import ContactFilter
from .models import CommunityContact, ContactKind
from .models.contacts import CommunityContactQuerySet

HISTORY_LENGTH = 20


def _contacts() -> CommunityContactQuerySet:
    return CommunityContact.objects.select_related("organisation", "added_by", "met_at").prefetch_related(
        "areas", "audiences"
    )


def record_views(*, user: User, contacts: Iterable[CommunityContact], where: str) -> None:
    """One audit entry for each individual among `contacts` shown to `user` on `where`."""
    for contact in contacts:
        if contact.is_personal:
            audit_record(
                actor=user,
                action=AuditAction.VIEW,
                obj=contact,
                object_repr=contact.audit_label,
                changes={"where": where},
            )


@dataclass(frozen=True)
class ContactView:
    """A contact as pages, exports and the API show it to one reader."""

    id: int
    kind: str
    kind_label: str
    name: str
    role: str
    organisation: str
    organisation_slug: str
    areas: list[tuple[str, str]]  # (code, name)
    audiences: list[tuple[str, str]]  # (slug, name)
    email: str
    phone: str
    address: str
    notes: str
    consent_to_contact: bool
    consent_to_share: bool
    consent_details: str
    consent_given_on: date
    review_on: date
    due_for_review: bool
    met_at_id: int | None
    met_at_title: str
    added_by_name: str
    created_at: datetime
    updated_at: datetime
    marking: str = "official"

    @property
    def area_names(self) -> str:
        return ", ".join(name for _, name in self.areas)

    @property
    def audience_names(self) -> str:
        return ", ".join(name for _, name in self.audiences)


def contact_view(*, user: User, contact: CommunityContact, visible_activities: set[int]) -> ContactView:
    door = text_door(user, contact.organisation_id)
    holder = door.raw
    met_at = contact.met_at if contact.met_at_id in visible_activities else None
    return ContactView(
        id=contact.pk,
        kind=contact.kind,
        kind_label=ContactKind(contact.kind).label,
        name=contact.name,
        role=contact.role,
        organisation=contact.organisation.name,
        organisation_slug=contact.organisation.slug,
        areas=[(a.code, a.name) for a in contact.areas.all()],
        audiences=[(a.slug, a.name) for a in contact.audiences.all()],
        email=contact.email,
        phone=contact.phone,
        address=contact.address,
        notes=door(contact.notes),
        consent_to_contact=contact.consent_to_contact,
        consent_to_share=contact.consent_to_share,
        consent_details=door(contact.consent_details),
        consent_given_on=contact.consent_given_on,
        review_on=contact.review_on,
        due_for_review=contact.is_due_for_review,
        met_at_id=met_at.pk if met_at else None,
        met_at_title=met_at.title if met_at else "",
        added_by_name=contact.added_by.display_name() if holder and contact.added_by else "",
        created_at=contact.created_at,
        updated_at=contact.updated_at,
        marking=contact.marking,
    )


def contact_views(*, user: User, contacts: Sequence[CommunityContact], where: str) -> list[ContactView]:
    """The contacts as `user` may read them, each view of an individual audited."""
    met = {c.met_at_id for c in contacts if c.met_at_id}
    visible = set(Activity.private_objects.visible_to(user).filter(pk__in=met).values_list("pk", flat=True))
    record_views(user=user, contacts=contacts, where=where)
    return [contact_view(user=user, contact=c, visible_activities=visible) for c in contacts]


def contact_get(*, user: User, pk: Any) -> CommunityContact:
    """The contact with id `pk` if `user` may see it; Http404 otherwise."""
    require(user, "reach.view_contact")
    return get_visible_or_404(_contacts(), user, pk)


def contact_filter(*, user: User, data: Mapping[str, Any] | None) -> ContactFilter:
    require(user, "reach.view_contact")
    return ContactFilter(data or None, queryset=_contacts().visible_to(user))


def contact_list(*, user: User, data: Mapping[str, Any] | None) -> QuerySet[CommunityContact]:
    """The filtered register, or ValidationError naming the filters that are not valid."""
    found = contact_filter(user=user, data=data)
    if found.is_bound and not found.is_valid():
        raise ValidationError({name: [str(e) for e in errors] for name, errors in found.errors.items()})
    return found.qs


@dataclass(frozen=True)
class ContactPage:
    page: Page[Any]
    contacts: list[ContactView]


def contact_page(
    *, user: User, queryset: QuerySet[CommunityContact], page: Any, where: str, size: int | None = None
) -> ContactPage:
    """One page of `queryset` as `user` reads it (only this page's individuals are audited)."""
    paged = Paginator(queryset, size or settings.HEARD_PAGE_SIZE).get_page(page)
    return ContactPage(page=paged, contacts=contact_views(user=user, contacts=list(paged), where=where))


def contacts_due(*, user: User) -> QuerySet[CommunityContact]:
    """Contacts whose consent review date has come, among those the user's organisation holds
    (all visible ones for a superuser of no organisation)."""
    require(user, "reach.view_contact")
    due = _contacts().visible_to(user).due_for_review().order_by("review_on", "name")
    return due.filter(organisation_id=user.organisation_id) if user.organisation_id else due


@dataclass(frozen=True)
class ContactDetail:
    contact: ContactView
    can_change: bool
    history: list[AuditEvent]


def contact_detail(*, user: User, pk: Any) -> ContactDetail:
    contact = contact_get(user=user, pk=pk)
    can_change = user.has_perm("reach.change_contact", contact)
    history = []
    if can_change:
        events = AuditEvent.objects.for_object(contact).exclude(action=AuditAction.VIEW)
        history = list(events[:HISTORY_LENGTH])
    return ContactDetail(
        contact=contact_views(user=user, contacts=[contact], where="contact page")[0],
        can_change=can_change,
        history=history,
    )


EXPORT_HEADERS = [
    gettext_lazy("ID"),
    gettext_lazy("Group or individual"),
    gettext_lazy("Name"),
    gettext_lazy("Role or position"),
    gettext_lazy("Held by"),
    gettext_lazy("Areas they reach"),
    gettext_lazy("Audiences they reach"),
    gettext_lazy("E-mail address"),
    gettext_lazy("Phone number"),
    gettext_lazy("Postal address"),
    gettext_lazy("How best to reach them"),
    gettext_lazy("Agreed to be contacted about engagement"),
    gettext_lazy("Agreed to be passed on to partners"),
    gettext_lazy("What else they agreed to"),
    gettext_lazy("Date they agreed"),
    gettext_lazy("Review consent by"),
    gettext_lazy("Activity where met"),
]


def _export_row(c: ContactView) -> list[Any]:
    return [
        c.id,
        c.kind_label,
        c.name,
        c.role,
        c.organisation,
        "; ".join(f"{name} ({code})" for code, name in c.areas),
        "; ".join(name for _, name in c.audiences),
        c.email,
        c.phone,
        c.address,
        c.notes,
        "yes" if c.consent_to_contact else "no",
        "yes" if c.consent_to_share else "no",
        c.consent_details,
        c.consent_given_on,
        c.review_on,
        c.met_at_title,
    ]


def contact_export_rows(*, user: User, data: Mapping[str, Any] | None) -> list[list[Any]]:
    """The filtered register as rows under EXPORT_HEADERS; each individual exported is audited
    as viewed (the export itself is audited by export_response)."""
    require(user, "reach.export_contact")
    contacts = list(contact_list(user=user, data=data))
    return [_export_row(c) for c in contact_views(user=user, contacts=contacts, where="export")]
