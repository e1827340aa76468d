"""The publication scheme's registrations: its entry in the staff menu, for the administrators and
analysts of a police force or police authority who make the bundles. Importing the rules here
registers the part's permissions when the app is ready."""

from core.extensions import MenuItem, staff_menu

from . import publication_rules  # noqa: F401 - registers the permissions

staff_menu.register(
    "publication",
    MenuItem("Publication scheme", "publication:bundle_list", perm="outcomes.view_publication_bundles"),
    order=76,
)
