"""What the activity form's area picker shows (engagement/_area_picker.html): areas found by
name or postcode, the chosen ones, and the map of the wards. Areas are public places, so there
is nothing to narrow by reader; `user` is taken like every selector's."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.shortcuts import parse_id
from organisations.models import User
from places.importers.postcodes import normalise_postcode
from places.models import Area, AreaBoundary, AreaLevel, Postcode

from .area_map import AreaMap, area_map

AREA_MATCHES = 25  # at most this many areas answer one search
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?( [0-9])?$")
LEVEL_NAMES = {
    AreaLevel.FORCE: "Police force area",
    AreaLevel.DISTRICT: "District",
    AreaLevel.NEIGHBOURHOOD: "Ward",
}


@dataclass(frozen=True)
class AreaOption:
    """An area someone can choose for an activity, with what tells it apart from others of
    the same name ("Ward in Trafford")."""

    pk: int
    name: str
    hint: str


@dataclass(frozen=True)
class AreaPicker:
    """What the activity form's area picker shows: the areas chosen, those matching a search
    by name or postcode (not already chosen), and the map of the wards."""

    chosen: list[AreaOption]
    query: str
    searched: bool
    matches: list[AreaOption]
    ward_map: AreaMap | None

    @property
    def chosen_ids(self) -> set[int]:
        return {option.pk for option in self.chosen}

    @property
    def covered_ids(self) -> set[int]:
        """Wards not chosen themselves but inside a chosen district or force."""
        chosen = self.chosen_ids
        shapes = self.ward_map.shapes if self.ward_map else []
        return {s.area_id for s in shapes if s.area_id not in chosen and s.covered_by(chosen)}


def _area_option(area: Area, postcode: str = "") -> AreaOption:
    """`postcode` says how a postcode search found the area ("where M33 7XX is")."""
    hint = LEVEL_NAMES.get(AreaLevel(area.level), area.get_level_display())
    if area.parent is not None and area.level != AreaLevel.FORCE:
        hint += f" in {area.parent.name}"
    if postcode:
        hint += f", {postcode}"
    return AreaOption(pk=area.pk, name=area.name, hint=hint)


def _postcode_areas(query: str) -> list[tuple[Area, str]]:
    """The wards of a full postcode ("m33 7xx") or of every postcode in an outward code or
    sector ("M33", "M33 7"), each with the postcode that found it."""
    full = normalise_postcode(query)
    spaced = " ".join(query.upper().split())
    if full:
        rows = Postcode.objects.filter(postcode=full)
    elif OUTWARD_CODE.match(spaced):
        prefix = spaced if " " in spaced else spaced + " "
        rows = Postcode.objects.filter(postcode__startswith=prefix)
    else:
        return []
    found: dict[int, tuple[Area, str]] = {}
    for row in rows.select_related("lsoa__parent__parent").order_by("postcode")[:2000]:
        area: Area | None = row.lsoa
        while area is not None and area.level != AreaLevel.NEIGHBOURHOOD:
            area = area.parent
        if area is not None and area.pk not in found:
            found[area.pk] = (area, f"where {row.postcode} is" if full else f"with postcodes in {spaced}")
    return list(found.values())


def area_search(*, user: User, query: str) -> list[AreaOption]:
    """Areas an activity can be planned for whose name contains `query`, and the wards of the
    postcode (or outward code) it is. An empty query lists them all, in tree order."""
    query = " ".join(query.split())[:100]
    areas = Area.objects.engagement_levels().select_related("parent")
    if not query:
        return [_area_option(area) for area in areas.order_by("path")[: AREA_MATCHES * 20]]
    by_postcode = _postcode_areas(query)
    seen = {area.pk for area, _ in by_postcode}
    named = [a for a in areas.filter(name__icontains=query).order_by("name") if a.pk not in seen]
    options = [_area_option(area, postcode) for area, postcode in by_postcode]
    return (options + [_area_option(area) for area in named])[:AREA_MATCHES]


def ward_map() -> AreaMap | None:
    """Every ward that has a boundary, drawn for the picker."""
    rows = (
        AreaBoundary.objects.filter(area__level=AreaLevel.NEIGHBOURHOOD)
        .select_related("area__parent")
        .order_by("area__name")
    )
    return area_map([(row.area_id, row.area.name, row.geometry, _ancestors(row.area)) for row in rows])


def _ancestors(area: Area) -> tuple[int, ...]:
    """The ids of the areas a ward lies in (its district and force): choosing one of those
    covers the ward, and the map shades it."""
    parent = area.parent
    return tuple(pk for pk in (area.parent_id, parent.parent_id if parent else None) if pk)


def area_picker(*, user: User, chosen: Iterable[Any], query: str | None) -> AreaPicker:
    """The picker for the areas `chosen` (ids, or areas; any that cannot be one are left out)
    and, when someone searched, the areas matching `query`."""
    ids = {pk for pk in (parse_id(getattr(c, "pk", c)) for c in chosen) if pk is not None}
    areas = Area.objects.engagement_levels().select_related("parent").filter(pk__in=ids).order_by("path")
    chosen_options = [_area_option(area) for area in areas]
    taken = {option.pk for option in chosen_options}
    matches = [] if query is None else [m for m in area_search(user=user, query=query) if m.pk not in taken]
    return AreaPicker(
        chosen=chosen_options,
        query=query or "",
        searched=query is not None,
        matches=matches,
        ward_map=ward_map(),
    )
