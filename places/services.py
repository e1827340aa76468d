"""Writes to the area tree."""

from django.db import transaction

from .models import Area, AreaLevel


def area_get_or_create(*, code: str, name: str, level: AreaLevel | str) -> tuple[Area, bool]:
    """Find an area by its ONS code, creating it (without a parent) when new.
    An existing area keeps its name and level: the first authoritative source wins."""
    area = Area.objects.filter(code=code).first()
    if area is not None:
        return area, False
    area = Area(code=code, name=name, level=level)
    area.path = f"{code}/"
    area.full_clean()
    area.save()
    return area, True


@transaction.atomic
def area_set_parent(*, area: Area, parent: Area | None) -> bool:
    """Move `area` under `parent`, rewriting the paths of everything below it.
    Returns whether anything changed."""
    if parent is not None and parent.path.startswith(area.path):
        raise ValueError(f"{parent.code} is inside {area.code}: that would make a loop.")
    new_path = (parent.path if parent else "") + f"{area.code}/"
    if area.parent_id == (parent.pk if parent else None) and area.path == new_path:
        return False
    old_path = area.path
    for descendant in Area.objects.filter(path__startswith=old_path).exclude(pk=area.pk):
        descendant.path = new_path + descendant.path[len(old_path) :]
        descendant.save(update_fields=["path"])
    area.parent = parent
    area.path = new_path
    area.save(update_fields=["parent", "path"])
    return True


def area_set_msoa(*, lsoa: Area, msoa: Area | None) -> bool:
    """Record the MSOA an LSOA sits in (MSOAs do not nest in wards, so this is not the tree
    parent). Returns whether anything changed."""
    if lsoa.level != AreaLevel.LSOA:
        raise ValueError(f"{lsoa.code} is not an LSOA.")
    if msoa is not None and msoa.level != AreaLevel.MSOA:
        raise ValueError(f"{msoa.code} is not an MSOA.")
    if lsoa.msoa_id == (msoa.pk if msoa else None):
        return False
    lsoa.msoa = msoa
    lsoa.save(update_fields=["msoa"])
    return True
