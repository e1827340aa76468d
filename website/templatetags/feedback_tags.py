"""`{% you_said_we_did area %}`: the "You said, we did" section of an area's public page, its
newest published feedback read through the public door (website/feedback_selectors.py)."""

from typing import Any

from django import template

from places.models import Area

from .. import feedback_selectors as door

register = template.Library()


@register.inclusion_tag("website/includes/you_said_we_did.html")
def you_said_we_did(area: Area) -> dict[str, Any]:
    return {"area": area, "items": door.feedback_in_area(area, limit=door.AREA_PAGE_LIMIT)}
