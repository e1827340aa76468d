"""The audit and dashboard part of the URL walks (heard/tests/walks.py).

Scoping: each walked activity is in an import of partners' lists made by the police for a
partnership of the police alone, so that the user of another organisation reaches neither the
import nor its activities. Redaction: the audit's pages and the dashboard show activities'
titles, places, dates, costs and contacts (staff's own records, seen through the activities'
visibility), never residents' words: every GET is walked as a page that must not carry them."""

from collections.abc import Callable
from typing import Any

from organisations.models import Partnership
from reach.models import AuditImport

Record = dict[str, Any]


def _batch(r: Record) -> dict[str, Any]:
    return {"pk": r["audit_import"].pk}


def _api_batch(r: Record) -> dict[str, Any]:
    return {"import_id": r["audit_import"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "audit:import_detail": _batch,
    "audit:import_undo": _batch,
    "api:get_audit_import": _api_batch,
    "api:undo_audit_import": _api_batch,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "audit:dashboard": {},
    "audit:report": {},
    "audit:report_export": {"file_format": "xlsx"},
    "audit:template": {},
    "audit:template_download": {"file_format": "csv"},
    "audit:import_list": {},
    "audit:import_upload": {},
    "audit:import_map": {},
    "api:get_audit_template": {},
    "api:import_partner_activities": {},
    "api:list_audit_imports": {},
    "api:get_audit_report": {},
    "api:export_audit_report": {},
    "api:get_dashboard": {},
}


def _import(activity: Any, police: Any) -> AuditImport:
    partnership, _ = Partnership.objects.get_or_create(name="Walk partnership of the police", kind="joint")
    partnership.members.add(police)
    batch = AuditImport.objects.create(
        partnership=partnership, organisation=police, file_name=f"IMPORT-{activity.pk}.csv", rows=1, created=1
    )
    batch.activities.add(activity)
    return batch


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    record["audit_import"] = _import(record["activity"], police)


SHOWS_TEXT: dict[str, tuple[Callable[[Record], dict[str, Any]], str]] = {}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{name: (lambda s: {}) for name in COLLECTION_URLS if name != "api:import_partner_activities"},
    "audit:report_export": lambda s: {"file_format": "xlsx"},
    "audit:template_download": lambda s: {"file_format": "csv"},
    "audit:import_detail": _batch,
    "audit:import_undo": _batch,
    "api:get_audit_import": _api_batch,
}
NO_TEXT: dict[str, str] = {
    "api:import_partner_activities": "returns the import: counts and the titles of the activities the caller imported",
    "api:undo_audit_import": "returns the import as api:get_audit_import does",
}


def add_matrix_records(scene: Record) -> None:
    scene["audit_import"] = _import(scene["activity"], scene["police"])


SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/audit/imports/{import_id}/undo": lambda r: {"import_id": r["audit_import"].pk},
}
