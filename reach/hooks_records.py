"""Individual community contacts as a record type for retention reviews and subject requests
(governance/records.py). Groups are not personal data and are not reviewed here. A contact is
kept on consent; anonymising one would leave a record nobody can reach, so the choice is to keep
(after asking again) or delete."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from governance.records import Identifier, Person, RecordType, register

from .models import CommunityContact, ContactKind


def _contacts() -> QuerySet[CommunityContact]:
    return CommunityContact.objects.filter(kind=ContactKind.PERSON)


@transaction.atomic
def _delete(ids: Sequence[int]) -> int:
    return _contacts().filter(pk__in=ids).delete()[1].get("reach.CommunityContact", 0)


def _find(person: Person) -> QuerySet[CommunityContact]:
    if person.kind == Identifier.EMAIL:
        return _contacts().filter(email__iexact=person.value)
    return _contacts().none()


def _export(contact: CommunityContact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "name": contact.name,
        "role": contact.role,
        "email_address": contact.email,
        "phone": contact.phone,
        "address": contact.address,
        "how_best_to_reach": contact.notes,
        "agreed_to_be_contacted": contact.consent_to_contact,
        "agreed_to_be_shared_with_partners": contact.consent_to_share,
        "what_else_they_agreed": contact.consent_details,
        "date_they_agreed": contact.consent_given_on.isoformat(),
        "areas": ", ".join(sorted(a.name for a in contact.areas.all())),
    }


register(
    RecordType(
        key="contacts",
        label=gettext_lazy("community contacts (individuals)"),
        noun=gettext_lazy("community contact (individual)"),
        records=_contacts,
        organisation="organisation_id",
        counts_from="consent_given_on",
        delete=_delete,
        describe=lambda contact: contact.audit_label,
        find=_find,
        export=_export,
        audit_type="reach.communitycontact",
    ),
    order=20,
)
