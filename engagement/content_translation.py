"""The words of an activity that carry translations: what its public page shows (README
"Translating what staff write")."""

from django.db import models

from .models import Activity, Aim


def activity_records(activity: Activity) -> list[models.Model]:
    """The activity and its aims, in the order the public page shows them."""
    return [activity, *Aim.objects.filter(activity=activity).order_by("order", "pk")]
