"""“Who haven't we heard from?”: the groups a neighbourhood's engagement under-represents, each
matched to the audiences it belongs to (places.Audience, linked to Census categories), with the
maintained list of ways to reach that audience (WayToReach, seeded from seed 000's examples)
and who already reaches it (`reach.extensions.reachers_for`: community contacts, partner
activities)."""

from dataclasses import dataclass, field

from organisations.models import User
from places import census
from places.census import parse_age_band
from places.models import Area, Audience

from .engine import Cell, DimensionReach
from .extensions import Reacher, reachers_for
from .models import WayToReach
from .report import ReachReport


@dataclass(frozen=True)
class Gap:
    dimension: str
    groups: list[str]  # the under-represented groups, in words
    audience: Audience | None
    ways: list[WayToReach] = field(default_factory=list)
    reachers: list[Reacher] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.audience.name if self.audience is not None else " and ".join(self.groups)


def _overlaps(band_a: str, band_b: str) -> bool:
    a, b = parse_age_band(band_a), parse_age_band(band_b)
    if a is None or b is None:
        return False
    a_high = a.high if a.high is not None else 200
    b_high = b.high if b.high is not None else 200
    return a.low <= b_high and b.low <= a_high


def audiences_for(dimension: str, category: str, audiences: list[Audience]) -> list[Audience]:
    """The audiences whose Census categories include `category` (for ages, overlap it)."""
    found = []
    for audience in audiences:
        if audience.dimension != dimension:
            continue
        if dimension == census.AGE:
            if any(_overlaps(category, c) for c in audience.categories):
                found.append(audience)
        elif category in audience.categories:
            found.append(audience)
    return found


def _group(under: list[tuple[DimensionReach, list[Cell]]], audiences: list[Audience]) -> list[Gap]:
    by_audience: dict[int, tuple[Audience, str, list[str]]] = {}
    alone: list[Gap] = []
    for dimension, cells in under:
        for cell in cells:
            matched = audiences_for(dimension.dimension, cell.category, audiences)
            if not matched:
                alone.append(Gap(dimension=dimension.label, groups=[cell.label], audience=None))
            for audience in matched:
                entry = by_audience.setdefault(audience.pk, (audience, dimension.label, []))
                entry[2].append(cell.label)
    gaps = [Gap(dimension=label, groups=groups, audience=a) for a, label, groups in by_audience.values()]
    return gaps + alone


def gaps_in(*, user: User, area: Area, report: ReachReport) -> list[Gap]:
    """Each under-represented group with its audience's ways to reach and who reaches it."""
    audiences = list(Audience.objects.filter(is_active=True).exclude(dimension=""))
    grouped = _group(report.under, audiences)
    ways: dict[int, list[WayToReach]] = {}
    chosen = [g.audience.pk for g in grouped if g.audience is not None]
    for way in WayToReach.objects.filter(audience__in=chosen, is_active=True).order_by("order", "id"):
        ways.setdefault(way.audience_id, []).append(way)
    return [
        Gap(
            dimension=gap.dimension,
            groups=gap.groups,
            audience=gap.audience,
            ways=ways.get(gap.audience.pk, []) if gap.audience else [],
            reachers=reachers_for(user, area, gap.audience) if gap.audience else [],
        )
        for gap in grouped
    ]
