"""What the audit log page calls each kind of record, and where the record's own page is.

Governance cannot import the apps whose records it logs, nor know their URLs: each app
registers its kinds in its AppConfig.ready() (`register_kind("engagement.activity",
"Activity", "engagement:activity_detail")`). A kind nobody registered reads as the model's own
name, or as its type in words, and has no link.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class RecordKind:
    object_type: str  # an AuditEvent's object_type, such as "engagement.activity"
    label: str  # in words, singular: "Activity"
    url_name: str = ""  # the record's staff page, taking its id
    url_kwarg: str = "pk"


_kinds: dict[str, RecordKind] = {}


def register_kind(object_type: str, label: str, url_name: str = "", *, url_kwarg: str = "pk") -> RecordKind:
    kind = RecordKind(object_type, label, url_name, url_kwarg)
    _kinds[object_type] = kind
    return kind


def kind_label(object_type: str) -> str:
    kind = _kinds.get(object_type)
    if kind is not None:
        return kind.label
    try:
        return str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        words = object_type.rpartition(".")[2].replace("_", " ").strip()
        return words.capitalize() or "Record"


def record_url(object_type: str, object_id: str) -> str:
    """The record's own page, or "" when it has none (or the id cannot name one)."""
    kind = _kinds.get(object_type)
    if kind is None or not kind.url_name or not object_id:
        return ""
    try:
        return reverse(kind.url_name, kwargs={kind.url_kwarg: object_id})
    except NoReverseMatch:
        return ""


def registered() -> list[RecordKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.label)
