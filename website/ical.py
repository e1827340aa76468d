"""iCalendar (RFC 5545) feeds of public activities, built with the `icalendar` package.

Times are written in UK time with TZID=Europe/London and a VTIMEZONE that describes it
(the rules in force since 1996: summer time from 01:00 UTC on the last Sunday in March to
01:00 UTC on the last Sunday in October). Each event's UID is `activity-<pk>@<host>`, so a
calendar program updates the event rather than adding it again; its URL is the event page.

All free text goes in as `vText`, escaped and folded: icalendar writes a property it has no
type for (NAME, X-WR-CALNAME, X-WR-CALDESC) as it is, and refuses one holding a line break."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import icalendar
from django.utils import formats, timezone
from django.utils.translation import gettext

from core.text import clean, clean_line
from engagement.models import Activity, Status

from .selectors import LONDON, activity_end

TZID = "Europe/London"
PRODID = "-//Heard//Public engagement calendar//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def london_vtimezone() -> icalendar.Timezone:
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    summer = icalendar.TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("tzoffsetfrom", timedelta(hours=0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("dtstart", datetime(1970, 3, 29, 1, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = icalendar.TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(hours=0))
    winter.add("dtstart", datetime(1970, 10, 25, 2, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def text(value: str) -> icalendar.vText:
    """Free text for a property: without control characters, every line break a plain LF."""
    return icalendar.vText(clean(value).replace("\r\n", "\n").replace("\r", "\n").strip())


def line(value: str) -> icalendar.vText:
    """Free text that belongs on one line (a title, a name)."""
    return icalendar.vText(clean_line(clean(value)).strip())


def uid(activity: Activity, host: str) -> str:
    return f"activity-{activity.pk}@{host.split(':')[0] or 'heard'}"


def _description(activity: Activity, url: str) -> str:
    parts = [activity.summary.strip()] if activity.summary.strip() else []
    if activity.status == Status.CANCELLED:
        parts.insert(0, gettext("This event has been cancelled."))
    if activity.response_opens and activity.response_closes:
        day = gettext("j F Y")  # the date filter's format, in the feed's language
        parts.append(
            gettext("Responses open on %(opens)s and close on %(closes)s.")
            % {
                "opens": formats.date_format(activity.response_opens, day),
                "closes": formats.date_format(activity.response_closes, day),
            }
        )
    if activity.accessibility.strip():
        parts.append(gettext("Accessibility: %(note)s") % {"note": activity.accessibility.strip()})
    contact = ", ".join(
        p for p in (activity.contact_name, activity.contact_email, activity.contact_phone) if p.strip()
    )
    if contact:
        parts.append(gettext("Contact: %(contact)s") % {"contact": contact})
    parts.append(gettext("Details: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def _location(activity: Activity) -> str:
    """The venue on one line ("Library, High Street"), else the areas it is for."""
    venue = ", ".join(part.strip() for part in activity.venue.splitlines() if part.strip())
    return venue or ", ".join(a.name for a in activity.areas.all())


def event(activity: Activity, *, url: str, host: str) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", uid(activity, host))
    ev.add("dtstamp", activity.updated_at or activity.created_at)
    ev.add("created", activity.created_at)
    if activity.updated_at:
        ev.add("last-modified", activity.updated_at)
    ev.add("dtstart", timezone.localtime(activity.starts_at, LONDON))
    ev.add("dtend", timezone.localtime(activity_end(activity), LONDON))
    title = activity.title
    if activity.status == Status.CANCELLED:
        title = gettext("Cancelled: %(title)s") % {"title": title}
    ev.add("summary", line(title))
    ev.add("description", text(_description(activity, url)))
    location = _location(activity)
    if location:
        ev.add("location", line(location))
    ev.add("url", url)
    ev.add("status", "CANCELLED" if activity.status == Status.CANCELLED else "CONFIRMED")
    ev.add("class", "PUBLIC")
    ev.add("transp", "TRANSPARENT" if activity.status == Status.CANCELLED else "OPAQUE")
    ev.add("categories", [activity.method.name])
    if activity.contact_email.strip():
        organizer = icalendar.vCalAddress(f"mailto:{activity.contact_email.strip()}")
        organizer.params["cn"] = line(activity.contact_name.strip() or activity.contact_email)
        ev.add("organizer", organizer)
    return ev


def calendar(
    activities: Iterable[Activity],
    *,
    name: str,
    description: str,
    host: str,
    url_for: Callable[[Activity], str],
    source_url: str = "",
) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", line(name))
    cal.add("x-wr-calname", line(name))
    cal.add("description", text(description))
    cal.add("x-wr-caldesc", text(description))
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    if source_url:
        cal.add("source", source_url, parameters={"VALUE": "URI"})
    cal.add_component(london_vtimezone())
    for activity in activities:
        cal.add_component(event(activity, url=url_for(activity), host=host))
    return cal
