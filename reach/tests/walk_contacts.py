"""Contacts and coverage's part of the URL walks (heard/tests/walks.py).

Scoping: each walked activity gets a group and an individual held by its organisation, met at
it; a user of another organisation reaches neither. Redaction: an individual's contact details
are personal data, so the matrix plants them (the matrix's name, address, postcode, phone and
e-mail) on an individual held by the owning organisation who did not agree to be shared: its
staff read them on every page, export and API answer about contacts; a partner under a
data-sharing agreement, an unrelated organisation, a superuser of no organisation and the
public never do."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from reach.models import CommunityContact, ContactKind

Record = dict[str, Any]


def _contact(r: Record) -> dict[str, Any]:
    return {"pk": r["contact_person"].pk}


def _api_contact(r: Record) -> dict[str, Any]:
    return {"contact_id": r["contact_person"].pk}


def _group(r: Record) -> dict[str, Any]:
    return {"pk": r["contact_group"].pk}


def _api_group(r: Record) -> dict[str, Any]:
    return {"contact_id": r["contact_group"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{
        f"contacts:{name}": _contact
        for name in ("contact_detail", "contact_edit", "contact_renew", "contact_remove")
    },
    **{
        f"api:{name}": _api_contact
        for name in ("get_contact", "update_contact", "renew_contact", "delete_contact")
    },
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "contacts:contact_list": {},
    "contacts:contact_create": {},
    "contacts:contact_review": {},
    "contacts:contact_export": {"file_format": "csv"},
    "contacts:coverage": {},
    "contacts:coverage_export": {"file_format": "csv"},
    "api:list_contacts": {},
    "api:create_contact": {},
    "api:list_contacts_due": {},
    "api:export_contacts": {},
    "api:get_coverage": {},
    "api:export_coverage": {},
    "api:get_consultation_fatigue": {},
}


def _make(owner: Any, activity: Any, *, kind: str, name: str, **fields: Any) -> CommunityContact:
    today = timezone.localdate()
    contact = CommunityContact.objects.create(
        kind=kind,
        name=name,
        organisation=owner,
        consent_to_contact=True,
        consent_given_on=today - timedelta(days=400),
        review_on=today - timedelta(days=30),
        met_at=activity,
        **fields,
    )
    contact.areas.set(activity.areas.all())
    return contact


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    activity = record["activity"]
    record["contact_group"] = _make(
        police, activity, kind=ContactKind.GROUP, name="GROUP-CONTACT-SECRET", email="group@example.org"
    )
    record["contact_person"] = _make(
        police, activity, kind=ContactKind.PERSON, name="PERSON-CONTACT-SECRET", phone="0161 496 0000"
    )


# The redaction matrix (heard/tests/test_redaction_matrix.py).
SHOWS_TEXT: dict[str, tuple[Callable[[Record], dict[str, Any]], str]] = {
    "contacts:contact_list": (lambda s: {}, ""),
    "contacts:contact_review": (lambda s: {}, ""),
    "contacts:contact_export": (lambda s: {"file_format": "csv"}, ""),
    "contacts:contact_detail": (lambda s: {"pk": s["contact"].pk}, ""),
    "contacts:contact_edit": (lambda s: {"pk": s["contact"].pk}, ""),
    "contacts:contact_renew": (lambda s: {"pk": s["contact"].pk}, ""),
    "contacts:contact_remove": (lambda s: {"pk": s["contact"].pk}, ""),
    "api:list_contacts": (lambda s: {}, ""),
    "api:list_contacts_due": (lambda s: {}, ""),
    "api:export_contacts": (lambda s: {}, "?format=csv"),
    "api:get_contact": (lambda s: {"contact_id": s["contact"].pk}, ""),
}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "contacts:contact_create": lambda s: {},
    "contacts:coverage": lambda s: {},
    "contacts:coverage_export": lambda s: {"file_format": "csv"},
    "api:get_coverage": lambda s: {},
    "api:export_coverage": lambda s: {},
    "api:get_consultation_fatigue": lambda s: {},
}
TEXT_WRITES: dict[str, tuple[str, Callable[[Record], dict[str, Any]], Callable[[Record], dict[str, Any]]]] = {
    "api:update_contact": (
        "patch",
        lambda s: {"contact_id": s["contact"].pk},
        lambda s: {"role": "Volunteer"},
    ),
    "api:renew_contact": ("post", lambda s: {"contact_id": s["contact"].pk}, lambda s: {}),
}
NO_TEXT: dict[str, str] = {
    "api:create_contact": "returns the contact the caller wrote",
    "api:delete_contact": "returns nothing",
}

# The matrix's planted values (test_redaction_matrix.PLANTED), as an individual's details.
MATRIX_NAME = "Dave Smith"
MATRIX_ADDRESS = "14 Elm Street, Sale, M33 7ZA"
MATRIX_PHONE = "07700 900123"
MATRIX_EMAIL = "dave.smith@example.com"


def add_matrix_records(scene: Record) -> None:
    activity = scene["activity"]
    scene["contact"] = _make(
        scene["police"],
        activity,
        kind=ContactKind.PERSON,
        name=MATRIX_NAME,
        email=MATRIX_EMAIL,
        phone=MATRIX_PHONE,
        address=MATRIX_ADDRESS,
    )
    # A group the partner may see: nothing planted, so the partner's walk still opens pages.
    _make(
        scene["police"],
        activity,
        kind=ContactKind.GROUP,
        name="Matrix residents' group",
        email="g@example.org",
    )


# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    path: (lambda r: {"contact_id": r["contact_group"].pk})
    for path in ("/api/contacts/{contact_id}", "/api/contacts/{contact_id}/renew")
}
