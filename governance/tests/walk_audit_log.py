"""The audit log's part of the URL walks (heard/tests/walks.py).

Scoping: a record's history is an object URL: another organisation's admin, whose trail holds
nothing about the walked activity, gets a 404 for it (page and API); the lists and exports
leave the activity out. Redaction: the audit log names what was read, never what it said, so
every page and API answer of it is among the GETs that must never carry residents' words (the
matrix's walk reads written answers first, so the trail it shows holds those readings)."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]


def _history(r: Record) -> dict[str, Any]:
    return {"object_type": "engagement.activity", "object_id": str(r["activity"].pk)}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "auditlog:record": _history,
    "api:get_record_history": _history,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "auditlog:list": {},
    "auditlog:export": {"file_format": "csv"},
    "api:list_audit_log": {},
    "api:export_audit_log": {},
}


def _questionnaire_history(s: Record) -> dict[str, Any]:
    return {"object_type": "consultations.questionnaire", "object_id": str(s["questionnaire"].pk)}


OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "auditlog:list": lambda s: {},
    "auditlog:export": lambda s: {"file_format": "csv"},
    "auditlog:record": _questionnaire_history,
    "api:list_audit_log": lambda s: {},
    "api:export_audit_log": lambda s: {},
    "api:get_record_history": _questionnaire_history,
}
