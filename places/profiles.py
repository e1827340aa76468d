"""Reading population profiles: an area's own Census counts, or its children's added up.

A profile is built per dimension: an area with its own counts for a dimension uses them;
otherwise the dimension is the sum over one level of its children (wards before MSOAs
before LSOAs), recursively, and only when every child at that level has it, so that a
partial sum is never passed off as the whole. Everything comes from two queries per
subtree (its areas, and its counts grouped by area), using the `path` prefix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum

from . import census
from .models import Area, AreaLevel, PopulationCount

# The dimensions a profile shows, in this order.
PROFILE_DIMENSIONS: tuple[str, ...] = (
    census.AGE,
    census.SEX,
    census.ETHNICITY,
    census.ETHNICITY_DETAILED,
    census.RELIGION,
    census.DISABILITY,
    census.SEXUAL_ORIENTATION,
)

# Which children to add up first: the engagement tree before the statistical units.
CHILD_PREFERENCE = (
    AreaLevel.COUNTRY,
    AreaLevel.REGION,
    AreaLevel.FORCE,
    AreaLevel.DISTRICT,
    AreaLevel.NEIGHBOURHOOD,
    AreaLevel.MSOA,
    AreaLevel.LSOA,
)

Counts = dict[str, int]


def category_sort_key(dimension: str, category: str) -> tuple[int, int, str]:
    """Age bands by age; other dimensions in the order the monitoring form lists them."""
    if dimension == census.AGE:
        band = census.parse_age_band(category)
        return (0, band.low, "") if band else (1, 0, category)
    order = census.CATEGORY_ORDER.get(dimension, ())
    return (0, order.index(category), "") if category in order else (1, 0, category)


@dataclass
class _Node:
    level: str
    children: list[int] = field(default_factory=list)
    own: dict[str, Counts] = field(default_factory=dict)


class _Subtree:
    def __init__(self, area: Area) -> None:
        self.nodes: dict[int, _Node] = {}
        rows = Area.objects.within(area).values_list("pk", "parent_id", "level")
        for pk, _, level in rows:
            self.nodes[pk] = _Node(level)
        for pk, parent_id, _ in rows:
            if parent_id in self.nodes and pk != area.pk:
                self.nodes[parent_id].children.append(pk)
        totals = (
            PopulationCount.objects.filter(area__path__startswith=area.path)
            .values_list("area_id", "dimension", "category")
            .annotate(total=Sum("count"))
            .order_by()
        )
        for area_id, dimension, category, total in totals:
            if area_id in self.nodes:
                self.nodes[area_id].own.setdefault(dimension, {})[category] = total
        self.memo: dict[tuple[int, str], Counts | None] = {}

    def counts(self, pk: int, dimension: str) -> Counts | None:
        key = (pk, dimension)
        if key not in self.memo:
            self.memo[key] = self._counts(pk, dimension)
        return self.memo[key]

    def _counts(self, pk: int, dimension: str) -> Counts | None:
        node = self.nodes[pk]
        if dimension in node.own:
            return node.own[dimension]
        by_level: dict[str, list[int]] = defaultdict(list)
        for child in node.children:
            by_level[self.nodes[child].level].append(child)
        ordered = sorted(
            by_level, key=lambda lv: CHILD_PREFERENCE.index(AreaLevel(lv)) if lv in AreaLevel.values else 99
        )
        for level in ordered:
            parts = [self.counts(child, dimension) for child in by_level[level]]
            if parts and all(p is not None for p in parts):
                summed: Counts = {}
                for part in parts:
                    for category, count in (part or {}).items():
                        summed[category] = summed.get(category, 0) + count
                return summed
        return None


def area_profile(area: Area, *, dimensions: tuple[str, ...] = PROFILE_DIMENSIONS) -> dict[str, Any]:
    """{"code", "name", "population", "dimensions": {dimension: {category: count}}}, with
    only the dimensions the data has. The population is the sex total, else the age total
    (they can differ by a few people: ONS perturbs small cells independently per table)."""
    return _profile(_Subtree(area), area, dimensions)


def area_profiles(
    areas: Sequence[Area], *, within: Area, dimensions: tuple[str, ...] = PROFILE_DIMENSIONS
) -> dict[int, dict[str, Any]]:
    """`area_profile` of each of `areas` (all inside `within`), from one read of `within`'s
    areas and counts: a district's map profiles its hundred wards in two queries, not two
    hundred."""
    subtree = _Subtree(within)
    return {area.pk: _profile(subtree, area, dimensions) for area in areas if area.pk in subtree.nodes}


def _profile(subtree: _Subtree, area: Area, dimensions: tuple[str, ...]) -> dict[str, Any]:
    result: dict[str, dict[str, int]] = {}
    for dimension in dimensions:
        counts = subtree.counts(area.pk, dimension)
        if counts:
            result[dimension] = dict(
                sorted(counts.items(), key=lambda kv: category_sort_key(dimension, kv[0]))
            )
    population = None
    for dimension in (census.SEX, census.AGE):
        if dimension in result:
            population = sum(result[dimension].values())
            break
    return {"code": area.code, "name": area.name, "population": population, "dimensions": result}
