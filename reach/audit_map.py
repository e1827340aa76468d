"""The dashboard's ward map: each ward of an area shaded by how many activities the reader may
see covered it over the last 12 months (coverage.py's rule), drawn on the server as SVG
(geo.py), with the table beside it. The same shading as the reach map's "Engagement
activities" (selectors_reach_more.COVERAGE), worked out in a fixed handful of queries whatever
the number of wards, so that the first page staff see stays fast; the full map, with the groups
under-represented in each ward, is one link away."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse

from organisations.models import User
from places.models import Area, AreaBoundary, AreaLevel

from . import geo
from .coverage_areas import AreaCover, counted_activities, covered_rows, overlapping
from .selectors_reach_more import COVERAGE

YEAR = timedelta(days=365)


@dataclass(frozen=True)
class MapWard:
    code: str
    name: str
    activities: int
    path: str
    fill: str
    band: str
    url: str


@dataclass(frozen=True)
class WardMap:
    area: Area
    wards: list[MapWard]
    width: int
    height: int
    legend: list[tuple[str, str]]
    url: str  # the full reach map

    @property
    def drawn(self) -> bool:
        return bool(self.height and any(w.path for w in self.wards))


def _band(value: int) -> tuple[str, str]:
    chosen = COVERAGE[0]
    for entry in COVERAGE:
        if value >= entry[0]:
            chosen = entry
    return chosen[1], chosen[2]


def map_area(area: Area) -> Area:
    """A ward is drawn among its district's wards."""
    if area.level == AreaLevel.NEIGHBOURHOOD and area.parent_id:
        return Area.objects.get(pk=area.parent_id)
    return area


def ward_map(*, user: User, area: Area, today: date) -> WardMap:
    since = today - YEAR
    wards = list(Area.objects.within(area).neighbourhoods().order_by("name"))
    geometry = dict(AreaBoundary.objects.filter(area__in=wards).values_list("area_id", "geometry"))
    ids = list(overlapping(counted_activities(user), since, today).values_list("pk", flat=True))
    counts = [0] * len(wards)
    for rows in covered_rows(ids, AreaCover(wards)).values():
        for row in rows:
            counts[row] += 1
    projected = geo.projection(list(geometry.values()))
    drawn = []
    for ward, count in zip(wards, counts, strict=True):
        fill, band = _band(count)
        shape = geometry.get(ward.pk)
        drawn.append(
            MapWard(
                code=ward.code,
                name=ward.name,
                activities=count,
                path=geo.svg_path(shape, projected) if shape and projected else "",
                fill=fill,
                band=band,
                url=reverse("reach:reach")
                + f"?area={ward.code}&since={since:%Y-%m-%d}&until={today:%Y-%m-%d}",
            )
        )
    return WardMap(
        area=area,
        wards=drawn,
        width=projected.width if projected else geo.WIDTH,
        height=projected.height if projected else 0,
        legend=[(colour, text) for _, colour, text in COVERAGE],
        url=reverse("reach:map") + f"?area={area.code}",
    )
