"""Template helpers for Heard's GOV.UK-style pages: ``{% load heard_tags %}``.

Needs "core" in INSTALLED_APPS. The same pieces exist as plain includes
(``includes/status_tag.html``, ``includes/progress.html``) for templates that would
rather not load a library.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms.boundfield import BoundField

from core import quarters
from core.forms import as_govuk, widget_kind

register = template.Library()


@register.inclusion_tag("includes/status_tag.html")
def status_tag(obj: Any) -> dict[str, Any]:
    """A coloured GOV.UK tag for an activity's status: ``{% status_tag activity %}``.
    Also takes a bare status value: ``{% status_tag "open" %}``."""
    if isinstance(obj, str):
        return {"status": obj, "label": obj.replace("_", " ").capitalize()}
    display = getattr(obj, "get_status_display", None)
    status = getattr(obj, "status", "")
    return {"status": status, "label": display() if callable(display) else status}


@register.inclusion_tag("includes/progress.html")
def progress(done: int, total: int, label: str = "", dom_id: str = "") -> dict[str, Any]:
    """A labelled progress bar: ``{% progress 5 9 "Before the activity" "stage-before" %}``."""
    done, total = int(done or 0), int(total or 0)
    return {"done": min(done, total), "total": total, "label": label, "id": dom_id}


@register.filter
def govuk_kind(field: BoundField) -> str:
    """Which GOV.UK component a form field renders as ("input", "radios", ...)."""
    return widget_kind(field.field.widget)


@register.filter
def govuk(field: BoundField) -> BoundField:
    """The field with GOV.UK rendering, whatever the form's renderer:
    ``{% include "govuk/field.html" with field=form.title|govuk %}``."""
    return as_govuk(field)


@register.filter
def quarter(value: str) -> str:
    """A stored quarter in words: ``{{ "2026-Q4"|quarter }}`` → "October to December 2026"."""
    return quarters.label(str(value))
