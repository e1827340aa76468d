"""The public website's reading door for "You said, we did": published feedback only through
`Feedback.public_objects` (published, OFFICIAL, of an activity `Activity.public_objects` holds),
its trail through the other loop models' `public_objects` (outcomes/loop_public.py), every piece
of text through the public door (`REDACTED`). The pages, feeds and template tags of
website/feedback.py ask these functions and never a manager themselves (a test scans the source:
website/tests/test_public_queryset.py), as the other public pages ask selectors.py."""

from __future__ import annotations

from core.shortcuts import parse_id
from engagement.models import Activity
from outcomes.loop_public import PublicFeedback, trails
from outcomes.models import Feedback
from places.models import Area

from .selectors import public_activities

PAGE_LIMIT = 30  # the newest feedback a page or feed shows
AREA_PAGE_LIMIT = 3  # on the neighbourhood page itself


def feedback_in_area(area: Area, limit: int = PAGE_LIMIT) -> list[PublicFeedback]:
    """Published feedback for a neighbourhood in `area`, or for an activity held there."""
    found = Feedback.public_objects.in_area(area).select_related("activity", "area")
    return trails(found.order_by("-published_on", "-pk")[:limit], public=True)


def feedback_of_activity(activity: Activity, limit: int = PAGE_LIMIT) -> list[PublicFeedback]:
    found = Feedback.public_objects.filter(activity_id=activity.pk).select_related("activity", "area")
    return trails(found.order_by("-published_on", "-pk")[:limit], public=True)


def public_activity(pk: object) -> Activity | None:
    """The public activity with this id, or None (also for an id that cannot be one)."""
    number = parse_id(pk)
    return public_activities().filter(pk=number).first() if number else None
