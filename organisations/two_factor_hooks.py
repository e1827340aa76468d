"""Colleagues' two-factor sign-in joins the staff menu of admins, and its rule is registered."""

from core.extensions import MenuItem, staff_menu

from . import two_factor_rules  # noqa: F401  (registers the permission)

staff_menu.register(
    "colleagues_two_factor",
    MenuItem(
        "Colleagues' two-factor sign-in",
        "colleagues:list",
        perm="organisations.reset_two_factor",
        namespace="colleagues",
    ),
    order=870,
)
