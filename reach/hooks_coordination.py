"""Coordination's registrations with the extension points (core/extensions.py): the staff menu's
"Coordination" item, the section on a draft or planned activity's page, links from checklist
points 2 and 3, and the refresh of wards' neighbours whenever a boundary changes."""

from django.db.models.signals import post_delete, post_save

from core.extensions import MenuItem, activity_panels, checklist_links, staff_menu
from places.models import AreaBoundary

from . import rules_coordination  # noqa: F401  (registers this part's permissions)
from .coordination_proposal_selectors import proposals_waiting_count
from .coordination_selectors import activity_panel, checklist_link
from .tasks_coordination import on_boundary_changed

staff_menu.register(
    "coordination",
    MenuItem(
        "Coordination",
        "coordination:report",
        perm="reach.view_coordination",
        namespace="coordination",
        count=proposals_waiting_count,
    ),
    order=57,
)
activity_panels.register("coordination", activity_panel, order=20)
checklist_links.register("coordination", checklist_link)
post_save.connect(on_boundary_changed, sender=AreaBoundary, dispatch_uid="reach.coordination.boundary_saved")
post_delete.connect(
    on_boundary_changed, sender=AreaBoundary, dispatch_uid="reach.coordination.boundary_deleted"
)
