"""Data-sharing agreements join the staff menu, and their rules are registered."""

from core.extensions import MenuItem, staff_menu

from . import agreements_rules  # noqa: F401  (registers the permissions)

staff_menu.register(
    "agreements",
    MenuItem(
        "Data-sharing agreements",
        "agreements:list",
        perm="organisations.view_agreement",
        namespace="agreements",
    ),
    order=860,
)
