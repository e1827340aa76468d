"""A neighbourhood's published priorities as one translatable item (governance/translatable.py):
the labels of the priorities an organisation shows on the area's public page, newest quarter
first, for the Translations pages, the API and translator files (README "Translating what staff
write").

One item per neighbourhood, as staff see them on the priorities page: translated by those of the
organisation who may publish them there (`insight.publish_priority` on the area); each priority
by its own organisation's staff (`insight.translate_priority`).
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext

from core import quarters
from core.permissions import require
from core.translation_exchange import Text, texts_of
from governance.translatable import TranslatableItem
from places.models import Area

from .models import Priority

PERM = "insight.publish_priority"


def published_priorities(*, organisation_id: int | None, area: Area) -> QuerySet[Priority]:
    """The organisation's priorities the area's public page may show, newest quarter first."""
    return Priority.public_objects.filter(area=area, organisation_id=organisation_id).order_by(
        "-quarter", "rank", "pk"
    )


def _texts(organisation_id: int | None) -> Any:
    def texts(area: Area) -> list[Text]:
        found: list[Text] = []
        for priority in published_priorities(organisation_id=organisation_id, area=area):
            found += texts_of(
                priority, f"{quarters.label(priority.quarter)}, priority {priority.rank}", {"label": ""}
            )
        return found

    return texts


def priorities_item(user: Any, code: str) -> TranslatableItem:
    """The area's published priorities of the user's organisation, for those who may publish
    them (404 for an unknown area, 403 for one the organisation is not responsible for)."""
    area = get_object_or_404(Area, code=code)
    require(user, "insight.view_priority")
    require(user, PERM, area)
    return TranslatableItem(
        kind="priority list",
        obj=area,
        permission=PERM,
        texts=_texts(user.organisation_id),
        made_for=f"heard-priorities-{area.code}-{user.organisation_id}",
        caption=gettext("Published priorities · %(area)s") % {"area": area.name},
        url_name="insight:priorities",
        url_key=area.code,
        back_url=f"{reverse('insight:priority_list')}?area={area.code}",
        breadcrumbs="insight/_translation_breadcrumbs.html",
        context={"area": area},
    )
