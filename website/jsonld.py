"""schema.org `Event` JSON-LD for an event page, so that search engines and other tools can
read what, when and where."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from engagement.models import Activity, Status

from .selectors import LONDON, activity_end

SCHEMA = "https://schema.org/"
# Methods that happen online rather than at a venue.
ONLINE_METHODS = {"online-survey", "web-based-information", "e-panel", "blog", "sms-text"}

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def attendance_mode(activity: Activity) -> str:
    in_person = bool(activity.venue.strip())
    online = bool(activity.consultation_kind) or activity.method.slug in ONLINE_METHODS
    if in_person and online:
        return SCHEMA + "MixedEventAttendanceMode"
    if online:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def _place(activity: Activity) -> dict[str, Any]:
    areas = list(activity.areas.all())
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "GB"}
    if areas:
        address["addressLocality"] = areas[0].name
        parent = areas[0].parent
        if parent is not None:
            address["addressRegion"] = parent.name
    name = activity.venue.strip() or ", ".join(a.name for a in areas)
    return {"@type": "Place", "name": name, "address": address}


def event_data(activity: Activity, *, url: str, take_part_url: str | None = None) -> dict[str, Any]:
    mode = attendance_mode(activity)
    location: list[dict[str, Any]] = []
    if mode != SCHEMA + "OnlineEventAttendanceMode":
        location.append(_place(activity))
    if mode != SCHEMA + "OfflineEventAttendanceMode":
        location.append({"@type": "VirtualLocation", "url": take_part_url or url})
    organizer: dict[str, Any] = {"@type": "Organization", "name": activity.lead_organisation.name}
    if activity.lead_organisation.website:
        organizer["url"] = activity.lead_organisation.website
    contact = {
        "@type": "ContactPoint",
        "name": activity.contact_name,
        "contactType": "Named contact",
    }
    if activity.contact_email:
        contact["email"] = activity.contact_email
    if activity.contact_phone:
        contact["telephone"] = activity.contact_phone
    organizer["contactPoint"] = contact
    cancelled = activity.status == Status.CANCELLED
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.summary.strip() or f"{activity.method.name}: {activity.title}",
        "startDate": timezone.localtime(activity.starts_at, LONDON).isoformat(),
        "endDate": timezone.localtime(activity_end(activity), LONDON).isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "eventAttendanceMode": mode,
        "location": location[0] if len(location) == 1 else location,
        "organizer": organizer,
        "isAccessibleForFree": True,
        "url": url,
    }
    audiences = [a.name for a in activity.audiences.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    return data


def script_tag(data: dict[str, Any]) -> SafeString:
    """`<script type="application/ld+json">` with the data, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
