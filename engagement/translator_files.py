"""An activity as one translatable item (governance/translatable.py): what its public page
shows (its title, summary and accessibility, then its aims), for the Translations pages, the API
and translator files (README "Working with translators")."""

from typing import Any

from django.urls import reverse

from core.permissions import require
from core.translation_exchange import Text, texts_of
from governance.translatable import TranslatableItem

from . import selectors
from .models import Activity

PERM = "engagement.change_activity"


def activity_texts(activity: Activity) -> list[Text]:
    """What the public sees of it: its title, summary and accessibility, then its aims."""
    found = texts_of(activity, "Activity")
    for number, aim in enumerate(activity.aims.order_by("order", "id"), 1):
        found += texts_of(aim, f"Aim {number}", {"text": ""})
    return found


def activity_item(user: Any, pk: int) -> TranslatableItem:
    """The activity, for those who may change it (404 if they cannot see it)."""
    activity = selectors.activity_get(user=user, pk=pk)
    require(user, PERM, activity)
    return TranslatableItem(
        kind="activity",
        obj=activity,
        permission=PERM,
        texts=activity_texts,
        made_for=f"heard-activity-{activity.pk}",
        caption=activity.title,
        url_name="engagement:activity",
        url_key=activity.pk,
        back_url=reverse("engagement:activity_detail", args=[activity.pk]),
        breadcrumbs="engagement/_translator_breadcrumbs.html",
        context={"activity": activity},
    )
