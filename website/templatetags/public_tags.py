"""Template helpers for the public pages: ``{% load public_tags %}``."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language, gettext

from core import quarters
from website.selectors import LONDON

register = template.Library()


@register.filter
def govuk_time(value: datetime | None) -> str:
    """A time in UK time, GOV.UK style: "6:30pm", "7pm", "midday", "midnight"; in another
    language as that language writes times (Django's TIME_FORMAT for it: "18:30" in Polish)."""
    if value is None:
        return ""
    local = timezone.localtime(value, LONDON) if timezone.is_aware(value) else value
    if not (get_language() or "en").startswith("en"):
        return formats.time_format(local)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


@register.filter
def london(value: datetime | None) -> datetime | None:
    """The datetime in UK time (for the `date` filter and `datetime` attributes)."""
    if value is None or not timezone.is_aware(value):
        return value
    return timezone.localtime(value, LONDON)


@register.filter
def quarter(value: str | None) -> str:
    """A quarter as stored ("2026-Q4") in words, in the page's language: "October to December
    2026". Anything that is not a quarter comes back as it is."""
    text = (value or "").strip()
    if quarters.label(text) == text:
        return text
    year, number = int(text[:4]), int(text[-1])
    return gettext("%(first)s to %(last)s %(year)s") % {
        "first": MONTHS[number * 3 - 2],
        "last": MONTHS[number * 3],
        "year": year,
    }
