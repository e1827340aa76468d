"""The kinds of record Heard holds about people, as the apps that own them describe them.

Governance sits below the apps that hold residents' records, so it cannot import them. Each of
those apps registers its record types here in its AppConfig.ready() (e.g. consultations/
records.py); retention reviews (governance/retention*.py) and subject access and erasure
requests (governance/subject*.py) work only through this registry.

A record type says: its owning organisation and the date its retention counts from (as
queryset lookups, so that whole tables are reviewed in one query), how to anonymise and how to
delete a batch of records (the owner's own services: for responses, the withdrawal, which
leaves no copy anywhere), and how to find the records held about a person by e-mail address or
receipt code and give them back in words the person can read (seed 004, "Data sharing and
confidentiality"; UK GDPR articles 15 and 17).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from core.extensions import Registry


class Identifier:
    EMAIL = "email"
    RECEIPT = "receipt"


@dataclass(frozen=True)
class Person:
    """Who a subject request is about: an e-mail address (lower case) or the hash of a receipt
    code (the code itself is never stored)."""

    kind: str
    value: str


@dataclass(frozen=True)
class RecordType:
    """One kind of record.

    `records()`: every record of the type (the personal ones only, where a model holds both).
    `organisation`: the lookup of the owning organisation's id; `counts_from`: the lookup of
    the date (or time) retention counts from. `anonymise(ids)` and `delete(ids)` act on a batch
    and return how many records they changed; `anonymise` is None where a record cannot be
    anonymised and stay useful. `find(person)`: the records about a person; `export(record)`:
    one record as the person may read it (field name -> value). `erasable`: False for records
    an erasure request does not remove (police records, kept under their own rules), which
    `withheld` explains. `audit_type`: the audit log's object type for entries about records of
    this type. `readable_by(user)`: for need-to-know records (intelligence flags), those of the
    type the user may see at all; the retention review shows no others, even to an admin."""

    key: str
    label: StrOrPromise  # plural, in a sentence: "consultation responses"
    noun: StrOrPromise
    records: Callable[[], QuerySet[Any]]
    organisation: str
    counts_from: str
    delete: Callable[[Sequence[int]], int]
    describe: Callable[[Any], str]
    anonymise: Callable[[Sequence[int]], int] | None = None
    find: Callable[[Person], QuerySet[Any]] | None = None
    export: Callable[[Any], dict[str, Any]] | None = None
    erasable: bool = True
    withheld: StrOrPromise = ""
    audit_type: str = ""
    readable_by: Callable[[Any], QuerySet[Any]] | None = None

    def owned_by(self, queryset: QuerySet[Any], organisation_id: int | None) -> QuerySet[Any]:
        """Records of one organisation; all of them for None (a superuser of no organisation)."""
        if organisation_id is None:
            return queryset
        return queryset.filter(**{self.organisation: organisation_id})

    def start(self, record: Model) -> date:
        value: Any = record
        for part in self.counts_from.split("__"):
            value = getattr(value, part)
        return timezone.localtime(value).date() if isinstance(value, datetime) else value


record_types: Registry[RecordType] = Registry()


def register(record_type: RecordType, *, order: int = 100) -> RecordType:
    return record_types.register(record_type.key, record_type, order=order)


def get(key: str) -> RecordType | None:
    found = record_types.items.get(key)
    return found[2] if found else None


def all_types() -> list[RecordType]:
    return list(record_types)


# How an identifier a person gives is turned into what the records hold: the owning app of
# receipt codes (consultations) registers how it hashes them.
receipt_hashers: Registry[Callable[[str], str]] = Registry()


def person_for(kind: str, given: str) -> Person:
    if kind == Identifier.EMAIL:
        return Person(kind=kind, value=given.strip().lower())
    hasher = next(iter(receipt_hashers), None)
    if hasher is None:
        raise LookupError("No app keeps receipt codes.")
    return Person(kind=kind, value=hasher(given))
