"""The reports' registrations with core's extension points: the staff menu's "Board" (the key
numbers for authority members and partnership boards, who otherwise find little in the menu
they can use) and "Reports" (the annual outcome reports and the statutory evidence pack).
Importing the rules here registers the part's permissions when the app is ready."""

from core.extensions import MenuItem, staff_menu

from . import reports_rules  # noqa: F401 - registers the permissions

staff_menu.register("board", MenuItem("Board", "reports:board", perm="outcomes.view_board"), order=6)
staff_menu.register(
    "reports",
    MenuItem("Reports", "reports:report_list", perm="outcomes.view_reports"),
    order=75,
)
