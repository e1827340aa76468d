"""The community contacts register as an export that can be made in the background
(governance/export_kinds.py)."""

from typing import Any

from governance.export_kinds import format_of, query_data, register_export_kind
from governance.exports import ExportPlan

from .contacts_exports import contacts_export_plan

CONTACTS = "reach.contacts"


def contacts_plan(user: Any, parameters: dict[str, Any]) -> ExportPlan:
    return contacts_export_plan(user=user, data=query_data(parameters), file_format=format_of(parameters))


register_export_kind(CONTACTS, "Community contacts", contacts_plan)
