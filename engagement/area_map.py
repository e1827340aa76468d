"""A small map of the wards for choosing an activity's areas, drawn here as SVG paths from the
boundaries in the database (places.AreaBoundary, GeoJSON in WGS84): no map tiles, nothing
fetched from the internet, and it shows without JavaScript (heard.js makes it clickable and
keyboard-operable). Seed 003 asks for engagement planned at neighbourhood level."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

MAP_WIDTH = 600.0
MARGIN = 4.0

Ring = Sequence[Sequence[float]]


@dataclass(frozen=True)
class MapShape:
    """One ward as the picker draws it: its SVG path and where its middle is (for moving
    between wards with the arrow keys)."""

    area_id: int
    name: str
    path: str
    x: float
    y: float
    within: tuple[int, ...] = ()  # the areas (district, force) the ward lies in

    def covered_by(self, chosen: set[int]) -> bool:
        return any(pk in chosen for pk in self.within)


@dataclass(frozen=True)
class AreaMap:
    width: float
    height: float
    shapes: list[MapShape]


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    """A GeoJSON Polygon or MultiPolygon as a list of polygons (each a list of rings)."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coordinates]
    if kind == "MultiPolygon":
        return list(coordinates)
    return []


def _points(geometry: dict[str, Any]) -> Iterable[Sequence[float]]:
    for polygon in _polygons(geometry):
        for ring in polygon:
            yield from ring


def _ring_area(ring: Ring) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring))) / 2


Boundary = tuple[int, str, dict[str, Any], tuple[int, ...]]


def area_map(boundaries: Sequence[Boundary]) -> AreaMap | None:
    """The map of `boundaries` ((area id, name, GeoJSON geometry, ids of the areas it lies in)
    each), projected
    equirectangularly with the longitude scaled by the cosine of the middle latitude, which is
    true enough at the size of a police force. None when there is nothing to draw."""
    points = [p for _, _, geometry, _ in boundaries for p in _points(geometry) if len(p) >= 2]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    span_x, span_y = max((east - west) * squash, 1e-9), max(north - south, 1e-9)
    scale = (MAP_WIDTH - 2 * MARGIN) / span_x
    height = round(span_y * scale + 2 * MARGIN, 1)

    def project(point: Sequence[float]) -> tuple[float, float]:
        return (
            round(MARGIN + (point[0] - west) * squash * scale, 1),
            round(MARGIN + (north - point[1]) * scale, 1),
        )

    shapes = []
    for area_id, name, geometry, within in boundaries:
        rings = [
            [project(p) for p in ring if len(p) >= 2] for polygon in _polygons(geometry) for ring in polygon
        ]
        rings = [ring for ring in rings if len(ring) >= 3]
        if not rings:
            continue
        path = " ".join("M" + " L".join(f"{x:g} {y:g}" for x, y in ring) + " Z" for ring in rings)
        largest = max(rings, key=_ring_area)
        x = sum(p[0] for p in largest) / len(largest)
        y = sum(p[1] for p in largest) / len(largest)
        shapes.append(
            MapShape(area_id=area_id, name=name, path=path, x=round(x, 1), y=round(y, 1), within=within)
        )
    return AreaMap(width=MAP_WIDTH, height=height, shapes=shapes) if shapes else None
