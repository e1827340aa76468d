"""`{% marking_panel record %}` (or `{% marking_panel "app.model" pk %}` where a page holds a
row rather than the record): the record's protective marking, and a link to raise it for the
people who may."""

from typing import Any

from django import template
from django.db import models
from django.urls import reverse

from ..marking import can_raise, is_sensitive, kind_for, kind_of

register = template.Library()


@register.inclusion_tag("governance/_marking_panel.html", takes_context=True)
def marking_panel(context: dict[str, Any], record: Any, pk: Any = None) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(record, models.Model):
        kind = kind_for(str(record))
        record = kind.visible(user).filter(pk=pk).first() if kind is not None and pk else None
    kind = kind_of(record) if record is not None else None
    if kind is None or user is None:
        return {"panel": None}
    key = record._meta.label_lower
    may_raise = can_raise(user, record)
    return {
        "panel": {
            "sensitive": is_sensitive(record.marking),
            "noun": str(record._meta.verbose_name),
            "raise_url": reverse("marking:raise", args=[key, record.pk]) if may_raise else "",
        }
    }
