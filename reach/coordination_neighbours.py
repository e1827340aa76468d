"""Which wards are next to each other, worked out once from their boundaries and stored.

Two wards are neighbours when their boundaries share an edge: at least two boundary points in
common (one point alone is a corner touching). Boundaries cut from one set, as the ONS's are,
give neighbouring wards the very same points along their common edge, so the test is a lookup
in an index of points (rounded to `HEARD_COORDINATION_NEIGHBOUR_DECIMALS` places, about 10 cm at
6), linear in the number of points and with no geometry library.

The pairs are stored in `AreaNeighbour`, both ways round, so that matching reads them in one
query. They are worked out again whenever a boundary is saved or deleted: the first change in a
transaction queues one background task for when it commits, so an import of a thousand
boundaries costs one refresh (tasks_coordination.py); `manage.py coordination_neighbours` does
it by hand.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any

from django.conf import settings
from django.db import transaction

from places.models import AreaBoundary, AreaLevel

from .models import AreaNeighbour

logger = logging.getLogger(__name__)

# The levels whose areas are compared with their neighbours: wards.
NEIGHBOUR_LEVELS = (AreaLevel.NEIGHBOURHOOD,)
Point = tuple[float, float]


def _decimals() -> int:
    return int(getattr(settings, "HEARD_COORDINATION_NEIGHBOUR_DECIMALS", 6))


def _rings(geometry: Any) -> Iterator[list[Any]]:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    polygons = {"Polygon": [geometry.get("coordinates")], "MultiPolygon": geometry.get("coordinates")}.get(
        kind or "", []
    )
    for polygon in polygons or []:
        yield from (ring for ring in polygon or [] if isinstance(ring, list))


def boundary_points(geometry: Any, *, decimals: int) -> set[Point]:
    """Every corner of a GeoJSON Polygon or MultiPolygon, rounded."""
    points: set[Point] = set()
    for ring in _rings(geometry):
        for position in ring:
            if isinstance(position, list | tuple) and len(position) >= 2:
                points.add((round(float(position[0]), decimals), round(float(position[1]), decimals)))
    return points


def touching_pairs(boundaries: Iterable[tuple[int, Any]], *, decimals: int) -> set[tuple[int, int]]:
    """(a, b), a < b, for the areas whose boundaries share at least two points."""
    owners: defaultdict[Point, list[int]] = defaultdict(list)
    for area_id, geometry in boundaries:
        for point in boundary_points(geometry, decimals=decimals):
            owners[point].append(area_id)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in owners.values():
        if len(ids) > 1:
            shared.update(combinations(sorted(set(ids)), 2))
    return {pair for pair, points in shared.items() if points >= 2}


@transaction.atomic
def area_neighbours_refresh() -> int:
    """Work the neighbours out again from the stored boundaries; the number of pairs. Not
    audited: it is derived from the boundaries, whose import is."""
    boundaries = (
        AreaBoundary.objects.filter(area__level__in=NEIGHBOUR_LEVELS)
        .values_list("area_id", "geometry")
        .iterator(chunk_size=200)
    )
    pairs = touching_pairs(boundaries, decimals=_decimals())
    AreaNeighbour.objects.all().delete()
    AreaNeighbour.objects.bulk_create(
        [AreaNeighbour(area_id=a, neighbour_id=b) for pair in sorted(pairs) for a, b in (pair, pair[::-1])],
        batch_size=1000,
    )
    logger.info("Worked out %s pairs of neighbouring wards", len(pairs))
    return len(pairs)


def neighbours_of(area_ids: Iterable[int]) -> dict[int, set[int]]:
    """The stored neighbours of each of `area_ids` (one query)."""
    found: defaultdict[int, set[int]] = defaultdict(set)
    for area_id, neighbour_id in AreaNeighbour.objects.filter(area_id__in=set(area_ids)).values_list(
        "area_id", "neighbour_id"
    ):
        found[area_id].add(neighbour_id)
    return dict(found)
