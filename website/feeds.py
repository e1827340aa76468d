"""The public site's iCalendar feeds: everything public, an area's, an audience's, and one
event as a file for "Add to your calendar". Built by ical.py from what `selectors` reads."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from core.page_cache import cached_public_page
from core.shortcuts import get_or_404
from engagement.models import Activity, ActivityQuerySet
from engagement.reference_names import reference_name

from . import ical, selectors


def _ics(request: HttpRequest, queryset: ActivityQuerySet, *, name: str, description: str) -> HttpResponse:
    since = timezone.now() - timedelta(days=selectors.FEED_PAST_DAYS)
    activities = queryset.filter(starts_at__gte=since).order_by("starts_at", "id")[
        : selectors.FEED_MAX_EVENTS
    ]
    host = request.get_host()

    def url_for(activity: Activity) -> str:
        return request.build_absolute_uri(reverse("public:event_detail", kwargs={"pk": activity.pk}))

    cal = ical.calendar(
        activities,
        name=name,
        description=description,
        host=host,
        url_for=url_for,
        source_url=request.build_absolute_uri(request.path),
    )
    response = HttpResponse(cal.to_ical(), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


@require_safe
@cached_public_page
def calendar_feed(request: HttpRequest) -> HttpResponse:
    return _ics(
        request,
        selectors.public_activities(),
        name=gettext("%(name)s – community engagement") % {"name": selectors.site_name()},
        description=gettext("Public meetings, consultations and other community engagement."),
    )


@require_safe
@cached_public_page
def area_feed(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.public_area(code)
    if area is None:
        raise Http404("No such area")
    return _ics(
        request,
        selectors.public_activities().in_area(area),
        name=gettext("%(name)s – community engagement") % {"name": area.name},
        description=gettext("Community engagement in %(area)s, including the neighbourhoods inside it.")
        % {"area": area.name},
    )


@require_safe
@cached_public_page
def audience_feed(request: HttpRequest, slug: str) -> HttpResponse:
    audience = selectors.active_audience(slug)
    if audience is None:
        raise Http404("No such audience")
    return _ics(
        request,
        selectors.public_activities().filter(audiences=audience),
        name=gettext("%(name)s – community engagement") % {"name": reference_name(audience.name)},
        description=gettext("Community engagement for %(audience)s.")
        % {"audience": reference_name(audience.name, lower=True)},
    )


@require_safe
@cached_public_page
def event_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as an .ics file, for "Add to your calendar"."""
    activity = get_or_404(selectors.public_activities(), pk)
    url = request.build_absolute_uri(reverse("public:event_detail", kwargs={"pk": activity.pk}))
    cal = ical.calendar(
        [activity],
        name=activity.title,
        description=activity.summary,
        host=request.get_host(),
        url_for=lambda a: url,
    )
    response = HttpResponse(cal.to_ical(), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{activity.pk}.ics"'
    return response
