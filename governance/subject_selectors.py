"""What a subject request finds: per record type, the records of the handling organisation
about the person, as the person may read them, and the
audit entries about those records. Pages, the API and the bundle all read this."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from core.shortcuts import get_or_404

from . import records
from .models import AuditEvent
from .retention_rules import can_handle
from .subject_models import RequestState, SubjectRequest

DUE_SOON_DAYS = 7


@dataclass
class Found:
    record_type: records.RecordType
    ids: list[int]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def in_copy(self) -> bool:
        return self.record_type.export is not None

    @property
    def shown_rows(self) -> list[list[tuple[str, str]]]:
        """Each record as (what, value) pairs for a summary list."""
        return [[(_words(k), _text(v)) for k, v in row.items() if k != "id"] for row in self.rows]


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(
            ": ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value) if value not in (None, "") else "–"


@dataclass
class Results:
    found: list[Found]
    audit: list[dict[str, Any]]

    def counts(self) -> dict[str, int]:
        counts = {f.record_type.key: f.count for f in self.found}
        counts["audit_entries"] = len(self.audit)
        return counts

    @property
    def total(self) -> int:
        return sum(f.count for f in self.found)


def person_of(request: SubjectRequest) -> records.Person:
    return records.Person(kind=request.identifier_kind, value=request.identifier)


def _records_about(kind: records.RecordType, request: SubjectRequest) -> QuerySet[Any]:
    found = kind.find(person_of(request)) if kind.find is not None else kind.records().none()
    return kind.owned_by(found, request.organisation_id).order_by("pk")


def subject_results(*, request: SubjectRequest, with_rows: bool = True) -> Results:
    """Everything held about the request's person, per record type."""
    if not request.identifier:
        return Results(found=[], audit=[])
    found = []
    for kind in records.all_types():
        if kind.find is None:
            continue
        matched = list(_records_about(kind, request))
        rows = [kind.export(r) for r in matched] if with_rows and kind.export is not None else []
        found.append(Found(record_type=kind, ids=[r.pk for r in matched], rows=rows))
    return Results(found=found, audit=_audit_about(found))


def _audit_about(found: list[Found]) -> list[dict[str, Any]]:
    """Audit entries naming the person's records: when and what was done, not by whom."""
    entries: list[dict[str, Any]] = []
    for item in found:
        kind = item.record_type
        if not kind.audit_type or not item.ids:
            continue
        events = AuditEvent.objects.filter(
            object_type=kind.audit_type, object_id__in=[str(i) for i in item.ids]
        )
        entries += [
            {
                "when": timezone.localtime(event.at).isoformat(),
                "record": f"{kind.noun} {event.object_id}",
                "what": event.get_action_display(),
            }
            for event in events.order_by("at", "id")
        ]
    return entries


def requests_closed(*, user: Any) -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.visible_to(user).filter(state=RequestState.CLOSED).order_by("-closed_at")


def requests_open(*, user: Any) -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.visible_to(user).open().order_by("due_on", "id")


def due_soon_before(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=DUE_SOON_DAYS)


def subject_request_get(*, user: Any, pk: Any) -> SubjectRequest:
    """One request the user may handle: PermissionDenied for anyone who handles none, 404 for a
    request of another organisation or none at all (the pages and the API alike)."""
    if not can_handle(user):
        raise PermissionDenied
    return get_or_404(SubjectRequest.objects.visible_to(user), pk)
