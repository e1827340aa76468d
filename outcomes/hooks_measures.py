"""Measures and plans' registrations with core's extension points: the staff menu's "Measures"
(measures, report cards and the evidence register) and "Strategy" (the strategy action plan and
the annual engagement plan). Importing the rules here registers the part's permissions when the
app is ready (rules' autodiscovery only finds a module called rules.py)."""

from core.extensions import MenuItem, staff_menu

from . import rules_measures  # noqa: F401 - registers the permissions

staff_menu.register(
    "measures", MenuItem("Measures", "measures:measure_list", perm="outcomes.view_measure"), order=72
)
staff_menu.register(
    "strategy",
    MenuItem("Strategy", "measures:strategy_index", perm="outcomes.view_strategy_action"),
    order=73,
)
