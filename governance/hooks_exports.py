"""Exports made in the background: "Your exports" in the staff menu, the worker's sweep of
exports whose worker died, and the audit log's own kind of export. Registered from
GovernanceConfig.ready."""

from typing import Any

from core.extensions import MenuItem, staff_menu
from core.task_recovery import stale_sweeps

from .export_kinds import format_of, query_data, register_export_kind
from .export_running import export_jobs_fail_stale
from .exports import ExportPlan
from .selectors_audit import audit_export_plan

AUDIT_LOG = "governance.audit_log"


def audit_log_plan(user: Any, parameters: dict[str, Any]) -> ExportPlan:
    return audit_export_plan(user=user, data=query_data(parameters), file_format=format_of(parameters))


def register_extensions() -> None:
    stale_sweeps.register("exports", export_jobs_fail_stale)
    register_export_kind(AUDIT_LOG, "Audit log", audit_log_plan)
    staff_menu.register("exports", MenuItem("Your exports", "exports:list", namespace="exports"), order=990)
