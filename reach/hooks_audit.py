"""The audit and dashboard part plugs in: the staff menu's "Dashboard" (first, the page staff
land on) and "Partnership audit", and the right of a partnership coordinator to record
activities on behalf of the partnership's members when importing their lists
(core.extensions.recording_rights, asked by engagement.services.activity_create)."""

from core.extensions import MenuItem, recording_rights, staff_menu

from . import admin_audit, rules_audit  # noqa: F401  (registers this part's admin and permissions)
from .rules_audit import coordinates_for

staff_menu.register(
    "dashboard", MenuItem("Dashboard", "audit:dashboard", perm="reach.view_dashboard"), order=5
)
staff_menu.register(
    "partnership-audit",
    # No namespace: the dashboard shares this part's, and is an item of its own.
    MenuItem("Partnership audit", "audit:report", perm="reach.view_partnership_audit"),
    order=59,
)
recording_rights.register("partnership_coordinator", coordinates_for)
