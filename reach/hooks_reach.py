"""Reach plugs into the pages below it: the staff menu ("Reach"), the "Who took part" section
of an activity's page, and "who already reaches them" (reach/extensions.py): the partner
activities aimed at an audience in an area."""

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.extensions import MenuItem, activity_panels, staff_menu
from engagement.models import Activity, Status

from . import admin_reach, rules_reach  # noqa: F401  (registers this part's admin and permissions)
from .extensions import Reacher, audience_reachers
from .selectors_reach import activity_panel

staff_menu.register(
    "reach", MenuItem("Reach", "reach:reach", perm="reach.view_reach", namespace="reach"), order=55
)
activity_panels.register("reach", activity_panel, order=20)

RECENT = timedelta(days=365)
SOON = timedelta(days=183)
MOST = 10


def partner_activities(user: Any, area: Any, audience: Any) -> list[Reacher]:
    """Activities the user may see, aimed at `audience`, held in `area` (or an area inside it)
    or across an area that contains it, in the last year or the next six months."""
    if not getattr(user, "is_authenticated", False) or audience is None:
        return []
    codes = [code for code in area.path.split("/") if code]
    now = timezone.now()
    found = (
        Activity.private_objects.visible_to(user)
        .filter(audiences=audience, starts_at__gte=now - RECENT, starts_at__lte=now + SOON)
        .filter(Q(areas__path__startswith=area.path) | Q(areas__code__in=codes))
        .exclude(status=Status.CANCELLED)
        .select_related("lead_organisation", "method")
        .distinct()
        .order_by("-starts_at")[:MOST]
    )
    own = getattr(user, "organisation_id", None)
    return [
        Reacher(
            kind="Your activity" if activity.lead_organisation_id == own else "Partner activity",
            name=activity.title,
            detail=(
                f"{activity.method.name} led by {activity.lead_organisation.name}, "
                f"{timezone.localtime(activity.starts_at):%-d %B %Y}"
                + (f"; contact {activity.contact_name}" if activity.contact_name else "")
            ),
            url=reverse("engagement:activity_detail", kwargs={"pk": activity.pk}),
        )
        for activity in found
    ]


audience_reachers.register("partner_activities", partner_activities, order=20)
