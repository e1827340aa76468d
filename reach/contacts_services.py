"""Writes to the community contacts register. Every write checks this part's rules
(rules_contacts.py), is validated with full_clean(), runs in one transaction and is audited.
An individual's details never go into the audit log: only which fields changed."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.permissions import require
from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot
from organisations.models import User
from places.models import Area, Audience

from .models import CommunityContact, ContactKind

CONTACT_FIELDS = (
    "kind",
    "name",
    "role",
    "email",
    "phone",
    "address",
    "notes",
    "consent_to_contact",
    "consent_to_share",
    "consent_details",
    "consent_given_on",
    "review_on",
)


def default_review_on(start: date | None = None) -> date:
    """When consent is next asked again: HEARD_CONTACT_REVIEW_MONTHS after `start` (today)."""
    months = int(getattr(settings, "HEARD_CONTACT_REVIEW_MONTHS", 12))
    return (start or timezone.localdate()) + relativedelta(months=months)


def _snapshot(contact: CommunityContact) -> dict[str, Any]:
    data = snapshot(contact, [*CONTACT_FIELDS, "met_at"])
    data["areas"] = sorted(a.code for a in contact.areas.all())
    data["audiences"] = sorted(a.slug for a in contact.audiences.all())
    return data


def _changes(contact: CommunityContact, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    changed = diff(before, after)
    if contact.is_personal or before.get("kind") == ContactKind.PERSON:
        return {"fields": sorted(changed)}
    return changed


def _check_met_at(user: User, met_at: Activity | None) -> None:
    if met_at is not None and not Activity.private_objects.visible_to(user).filter(pk=met_at.pk).exists():
        raise ValidationError({"met_at": "Choose an activity you can see."})


def _set_relations(
    contact: CommunityContact, *, areas: Iterable[Area] | None, audiences: Iterable[Audience] | None
) -> None:
    if areas is not None:
        areas = list(areas)
        if not areas:
            raise ValidationError({"areas": "Choose at least one area they reach."})
        contact.areas.set(areas)
    if audiences is not None:
        contact.audiences.set(list(audiences))


@transaction.atomic
def contact_create(
    *,
    user: User,
    kind: ContactKind | str,
    name: str,
    areas: Iterable[Area],
    consent_given_on: date,
    consent_to_contact: bool,
    audiences: Iterable[Audience] = (),
    review_on: date | None = None,
    consent_to_share: bool = False,
    consent_details: str = "",
    role: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    notes: str = "",
    met_at: Activity | None = None,
) -> CommunityContact:
    """Add a contact, held by the user's own organisation."""
    require(user, "reach.add_contact")
    if user.organisation_id is None:
        raise PermissionDenied("Only staff of an organisation can hold a contact's consent.")
    _check_met_at(user, met_at)
    contact = CommunityContact(
        kind=kind,
        name=name.strip(),
        organisation_id=user.organisation_id,
        role=role.strip(),
        email=email.strip(),
        phone=phone.strip(),
        address=address.strip(),
        notes=notes,
        consent_to_contact=consent_to_contact,
        consent_to_share=consent_to_share,
        consent_details=consent_details,
        consent_given_on=consent_given_on,
        review_on=review_on or default_review_on(consent_given_on),
        added_by=user,
        met_at=met_at,
    )
    contact.full_clean()
    contact.save()
    _set_relations(contact, areas=areas, audiences=audiences)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=contact,
        object_repr=contact.audit_label,
        changes={"kind": contact.kind, "shared": contact.consent_to_share},
    )
    return contact


@transaction.atomic
def contact_update(
    *,
    user: User,
    contact: CommunityContact,
    areas: Iterable[Area] | None = None,
    audiences: Iterable[Audience] | None = None,
    met_at: Activity | str | None = "",
    **fields: Any,
) -> CommunityContact:
    """Change the fields given (`met_at=""` leaves the activity as it is)."""
    require(user, "reach.change_contact", contact)
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This cannot be changed."))
    contact = CommunityContact.objects.select_for_update().get(pk=contact.pk)
    before = _snapshot(contact)
    for name, value in fields.items():
        setattr(contact, name, value.strip() if isinstance(value, str) and name != "notes" else value)
    if met_at != "":
        _check_met_at(user, met_at if isinstance(met_at, Activity) else None)
        contact.met_at = met_at if isinstance(met_at, Activity) else None
    contact.full_clean()
    contact.save()
    _set_relations(contact, areas=areas, audiences=audiences)
    changes = _changes(contact, before, _snapshot(contact))
    if changes:
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=contact,
            object_repr=contact.audit_label,
            changes=changes,
        )
    return contact


@transaction.atomic
def contact_renew(
    *,
    user: User,
    contact: CommunityContact,
    review_on: date | None = None,
    consent_to_share: bool | None = None,
    consent_details: str | None = None,
) -> CommunityContact:
    """They agreed again today: a new review date (HEARD_CONTACT_REVIEW_MONTHS ahead unless
    given), and what they agreed to now if it changed."""
    require(user, "reach.review_contact", contact)
    contact = CommunityContact.objects.select_for_update().get(pk=contact.pk)
    today = timezone.localdate()
    review_on = review_on or default_review_on(today)
    if review_on <= today:
        raise ValidationError({"review_on": "The new review date must be in the future."})
    before = _snapshot(contact)
    contact.consent_given_on = today
    contact.review_on = review_on
    contact.consent_to_contact = True
    if consent_to_share is not None:
        contact.consent_to_share = consent_to_share
    if consent_details is not None:
        contact.consent_details = consent_details
    contact.full_clean()
    contact.save()
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=contact,
        object_repr=contact.audit_label,
        changes={"consent renewed": True, **_changes(contact, before, _snapshot(contact))},
    )
    return contact


@transaction.atomic
def contact_delete(*, user: User, contact: CommunityContact, reason: str = "") -> None:
    """Remove a contact from the register (consent withdrawn or lapsed); the audit log keeps
    that it happened, not who they were."""
    require(user, "reach.delete_contact", contact)
    label, pk, kind = contact.audit_label, contact.pk, contact.kind
    contact.delete()
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type=CommunityContact._meta.label_lower,
        object_id=str(pk),
        object_repr=label,
        changes={"kind": kind, "reason": reason[:200]},
    )
