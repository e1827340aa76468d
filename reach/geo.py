"""Drawing areas' boundaries (places.AreaBoundary, GeoJSON in WGS84) as SVG paths on the server,
with no map tiles: an equirectangular projection scaled by the cosine of the middle latitude,
which at a district's size is indistinguishable from a proper map projection. Points closer
than half a pixel to the last one drawn are dropped, which keeps a district's wards to a few
tens of kilobytes."""

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 640
PAD = 8
MIN_STEP = 0.5  # pixels

Ring = Sequence[Sequence[float]]


def rings(geometry: dict[str, Any]) -> Iterator[Ring]:
    """The rings (outer and holes) of a Polygon or MultiPolygon; nothing for anything else."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coordinates
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            yield from polygon


def _points(geometry: dict[str, Any]) -> Iterator[tuple[float, float]]:
    for ring in rings(geometry):
        for point in ring:
            if len(point) >= 2 and all(isinstance(v, int | float) and math.isfinite(v) for v in point[:2]):
                yield float(point[0]), float(point[1])


@dataclass(frozen=True)
class Projection:
    min_lon: float
    max_lat: float
    kx: float
    scale: float
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(PAD + (lon - self.min_lon) * self.kx * self.scale, 1),
            round(PAD + (self.max_lat - lat) * self.scale, 1),
        )


def projection(geometries: Sequence[dict[str, Any]], *, width: int = WIDTH) -> Projection | None:
    points = [p for g in geometries for p in _points(g)]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * kx, 1e-9)
    scale = (width - 2 * PAD) / span_x
    height = math.ceil((max_lat - min_lat) * scale + 2 * PAD)
    return Projection(min_lon, max_lat, kx, scale, width, max(height, 2 * PAD + 1))


def svg_path(geometry: dict[str, Any], projected: Projection) -> str:
    """One SVG path for all the rings of a geometry (holes drawn with the even-odd rule)."""
    parts = []
    for ring in rings(geometry):
        drawn: list[tuple[float, float]] = []
        for point in ring:
            if len(point) < 2:
                continue
            x, y = projected.xy(float(point[0]), float(point[1]))
            if drawn and abs(x - drawn[-1][0]) < MIN_STEP and abs(y - drawn[-1][1]) < MIN_STEP:
                continue
            drawn.append((x, y))
        if len(drawn) >= 3:
            parts.append("M" + " L".join(f"{x:g} {y:g}" for x, y in drawn) + " Z")
    return " ".join(parts)


def centre(geometry: dict[str, Any], projected: Projection) -> tuple[float, float] | None:
    """The middle of a geometry's bounding box on the map (for a label)."""
    points = [projected.xy(lon, lat) for lon, lat in _points(geometry)]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1)
