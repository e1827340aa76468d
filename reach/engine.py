"""The reach engine: participants against the population they were drawn from, dimension by
dimension (seed 003: "a detailed, neighbourhood level understanding of the demographics";
seed 002 point 14: record demographics "to show which sections of the community you've managed
to reach").

Participants come either from Heard's equality-monitoring records (`gather.heard_participants`,
small numbers already hidden from the reader) or from a file gathered elsewhere
(`participants_file`). The population is the Census profile of the areas covered, added up
when there are several (so population-weighted), or a target profile imported for a population
the Census does not count. `compare` puts the two side by side; `ReachReport.as_json` is the
shape `manage.py reach` and the API give."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from engagement.models import Activity, ActivityQuerySet
from places import census
from places.census import AgeBand, parse_age_band
from places.models import Area, Audience
from places.profiles import area_profile

from . import categories, stats
from .categories import DIMENSIONS, LABELS, align_ages, band_midpoint, category_label, population_categories
from .models import TargetProfile


@dataclass(frozen=True)
class Scope:
    """What to count: one activity, an area and everything inside it, the activities aimed at an
    audience, a period (whole activities held in it), or several of these together."""

    activity: Activity | None = None
    area: Area | None = None
    audience: Audience | None = None
    since: date | None = None
    until: date | None = None

    def describe(self) -> str:
        parts = []
        if self.activity is not None:
            parts.append(f"“{self.activity.title}”")
        if self.area is not None:
            parts.append(self.area.name)
        if self.audience is not None:
            parts.append(f"activities aimed at {self.audience.name.lower()}")
        if self.since and self.until:
            parts.append(f"{self.since:%-d %B %Y} to {self.until:%-d %B %Y}")
        elif self.since:
            parts.append(f"since {self.since:%-d %B %Y}")
        elif self.until:
            parts.append(f"up to {self.until:%-d %B %Y}")
        return ", ".join(parts) or "every activity"


def scope_activities(scope: Scope, activities: ActivityQuerySet) -> ActivityQuerySet:
    """The activities of `activities` (already those the reader may see) that `scope` counts.
    A period takes whole activities (held at least partly in it), never part of one, so every
    table stays a sum of whole activities' records (see consultations/suppression.py)."""
    if scope.activity is not None:
        activities = activities.filter(pk=scope.activity.pk)
    if scope.area is not None:  # `in_area`, as one list of ids rather than a test per activity
        inside = Activity.areas.through.objects.filter(area__path__startswith=scope.area.path)
        activities = activities.filter(pk__in=inside.values("activity_id"))
    if scope.audience is not None:
        activities = activities.filter(audiences=scope.audience)
    if scope.until is not None:
        activities = activities.filter(starts_at__lt=day_start(scope.until + timedelta(days=1)))
    if scope.since is not None:
        since = day_start(scope.since)
        activities = activities.filter(
            Q(starts_at__gte=since) | Q(ends_at__gte=since) | Q(response_closes__gte=scope.since)
        )
    return activities


def day_start(day: date) -> datetime:
    """The first moment of `day` in UK time: `starts_at < day_start(d + 1 day)` is
    `starts_at__date <= d`, but compares the stored times as they are (an index can serve it,
    and SQLite calls no function on every row)."""
    return timezone.make_aware(datetime.combine(day, time(0)))


def outermost(areas: Iterable[Area]) -> list[Area]:
    """The areas without any area inside another (so that nobody is counted twice)."""
    unique = {a.pk: a for a in areas}.values()
    ordered = sorted(unique, key=lambda a: (len(a.path), a.path))
    kept: list[Area] = []
    for area in ordered:
        if not any(area.path.startswith(k.path) for k in kept):
            kept.append(area)
    return sorted(kept, key=lambda a: a.name)


def covered_areas(scope: Scope, activities: ActivityQuerySet) -> list[Area]:
    """The areas whose people the participants are compared with."""
    if scope.area is not None:
        return [scope.area]
    return outermost(Area.objects.filter(activities__in=activities.values("pk")).distinct())


# The population


@dataclass(frozen=True)
class Population:
    label: str  # in words: "people living in Altrincham (Census 2021)"
    areas: list[Area]
    total: int | None
    dimensions: dict[str, dict[str, float]]
    target: TargetProfile | None = None


def area_names(areas: Sequence[Area]) -> str:
    names = [a.name for a in areas]
    if not names:
        return "no area"
    if len(names) <= 3:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{len(names)} areas"


def census_population(
    areas: Sequence[Area], *, profiles: Mapping[int, dict[str, Any]] | None = None
) -> Population:
    """The areas' Census profiles added up (from `profiles`, by area id, when already read). A
    dimension missing from any area is left out, so that a partial sum is never passed off as
    the whole."""
    summed: dict[str, dict[str, float]] = {}
    missing: set[str] = set()
    total: int | None = 0
    for area in areas:
        found = profiles.get(area.pk) if profiles is not None else None
        profile = found or area_profile(area, dimensions=DIMENSIONS)
        for dimension in DIMENSIONS:
            counts = profile["dimensions"].get(dimension)
            if not counts:
                missing.add(dimension)
                continue
            into = summed.setdefault(dimension, {})
            for category, count in counts.items():
                into[category] = into.get(category, 0.0) + count
        total = None if total is None or profile["population"] is None else total + profile["population"]
    dimensions = {d: summed[d] for d in DIMENSIONS if d in summed and d not in missing}
    return Population(
        label=f"people living in {area_names(areas)} (Census 2021)",
        areas=list(areas),
        total=total if areas else None,
        dimensions=dimensions,
    )


def target_population(profile: TargetProfile, areas: Sequence[Area]) -> Population:
    given = profile.dimensions()
    return Population(
        label=profile.name,
        areas=list(areas),
        total=None,
        dimensions={d: given[d] for d in DIMENSIONS if d in given},
        target=profile,
    )


# Participants


@dataclass
class DimensionCounts:
    """Participants of one dimension, as the reader may see them."""

    counts: dict[str, int] = field(default_factory=dict)  # category -> people (answered only)
    not_answered: int = 0
    hidden: set[str] = field(default_factory=set)  # categories whose count the reader may not see
    not_answered_hidden: bool = False
    hidden_labels: dict[str, str] = field(default_factory=dict)  # category -> what it shows
    bands: list[AgeBand] = field(default_factory=list)  # for age: the bands participants gave


@dataclass
class Participants:
    dimensions: dict[str, DimensionCounts]
    forms: int  # people who gave any demographics (equality forms, or rows of a file)
    forms_hidden: str = ""  # what the count of forms shows instead, when it is hidden
    people_reached: int | None = None  # head counts and responses, when known
    activities: int | None = None
    below: int = 0  # the threshold applied (0: everything exact)


# The comparison


FLAG_TEXT = {stats.UNDER: "Under-represented", stats.OVER: "Over-represented", stats.OK: "No clear gap"}


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return "under 1%" if 0 < value < 0.005 else f"{100 * value:.0f}%"


@dataclass(frozen=True)
class Cell:
    category: str
    label: str
    participants: int | None  # None: hidden from this reader
    shown: str  # what the page and the API show for participants
    share: float | None
    population_share: float
    ratio: float | None
    low: float | None
    high: float | None
    flag: str

    @property
    def share_text(self) -> str:
        return _pct(self.share)

    @property
    def population_text(self) -> str:
        return _pct(self.population_share)

    @property
    def ratio_text(self) -> str:
        return "–" if self.ratio is None else f"{self.ratio:.2f}"

    @property
    def range_text(self) -> str:
        if self.low is None or self.high is None:
            return "–"
        return f"{_pct(self.low)} to {_pct(self.high)}"

    @property
    def flag_text(self) -> str:
        return FLAG_TEXT[self.flag]

    def as_json(self) -> dict[str, Any]:
        return {
            "participants": self.participants if self.participants is not None else self.shown,
            "share": stats.rounded(self.share),
            "population_share": stats.rounded(self.population_share),
            "ratio": stats.rounded(self.ratio, 3),
            "low": stats.rounded(self.low),
            "high": stats.rounded(self.high),
            "flag": self.flag,
        }


@dataclass(frozen=True)
class DimensionReach:
    dimension: str
    label: str
    cells: list[Cell]
    answered: int | None  # None: hidden
    not_answered: int | None
    not_answered_shown: str
    shares_withheld: bool  # the shares would give a hidden count away
    # Ages: how much older (years, + ) or younger the participants are than the population on
    # average, from band midpoints. Only ever turned into a word ("older"), never shown: a mean
    # is a sum of the cells, which would help work out a hidden one.
    mean_gap: float | None = None

    @property
    def under(self) -> list[Cell]:
        return [c for c in self.cells if c.flag == stats.UNDER]

    @property
    def over(self) -> list[Cell]:
        return [c for c in self.cells if c.flag == stats.OVER]


def _age_counts(
    counts: DimensionCounts, population: dict[str, float]
) -> tuple[DimensionCounts, dict[str, float]]:
    bands = counts.bands or [b for b in (parse_age_band(c) for c in counts.counts) if b]
    alignment = align_ages(population, bands)
    merged = DimensionCounts(not_answered=counts.not_answered, not_answered_hidden=counts.not_answered_hidden)
    for category, n in counts.counts.items():
        band = parse_age_band(category)
        key = alignment.band_of(band.low, band.high) if band else None
        if key is None:
            merged.not_answered += n
            continue
        merged.counts[key] = merged.counts.get(key, 0) + n
        if category in counts.hidden:
            merged.hidden.add(key)
            merged.hidden_labels[key] = counts.hidden_labels.get(category, "")
    return merged, alignment.merge(population)


def _hidden_text(counts: DimensionCounts, category: str, count: int, below: int) -> str:
    given = counts.hidden_labels.get(category)
    if given:
        return given
    return f"fewer than {below}" if count < below else "withheld"


def compare_dimension(
    dimension: str, counts: DimensionCounts, population: dict[str, float], *, below: int
) -> DimensionReach:
    population = population_categories(dimension, population)
    if dimension == census.AGE:
        counts, population = _age_counts(counts, population)
    withheld = counts.not_answered_hidden
    cells = []
    for row in stats.represent(counts.counts, population):
        hidden = row.category in counts.hidden
        cells.append(
            Cell(
                category=row.category,
                label=category_label(dimension, row.category),
                participants=None if hidden else row.participants,
                shown=_hidden_text(counts, row.category, row.participants, below)
                if hidden
                else str(row.participants),
                share=None if hidden or withheld else row.share,
                population_share=row.population_share,
                ratio=None if hidden or withheld else row.ratio,
                low=None if hidden or withheld else row.low,
                high=None if hidden or withheld else row.high,
                flag=row.flag,
            )
        )
    answered = sum(counts.counts.values())
    mean_gap = None
    if dimension == census.AGE and answered:
        ours = stats.mean_of_bands(
            [(m, n) for c, n in counts.counts.items() if (m := band_midpoint(c)) is not None]
        )
        theirs = stats.mean_of_bands(
            [(m, n) for c, n in population.items() if (m := band_midpoint(c)) is not None]
        )
        mean_gap = ours - theirs if ours is not None and theirs is not None else None
    return DimensionReach(
        dimension=dimension,
        label=LABELS[dimension],
        cells=cells,
        answered=None if withheld else answered,
        not_answered=None if withheld else counts.not_answered,
        not_answered_shown=(f"fewer than {below}" if counts.not_answered < below else "withheld")
        if withheld
        else str(counts.not_answered),
        shares_withheld=withheld,
        mean_gap=mean_gap,
    )


def compare(participants: Participants, population: Population) -> list[DimensionReach]:
    """Every dimension both sides have, in the order of `categories.DIMENSIONS`."""
    return [
        compare_dimension(d, participants.dimensions[d], population.dimensions[d], below=participants.below)
        for d in categories.DIMENSIONS
        if d in participants.dimensions and d in population.dimensions
    ]


def as_json(dimensions: Sequence[DimensionReach]) -> dict[str, dict[str, dict[str, Any]]]:
    """`{dimension: {category: {"participants", "share", "population_share", "ratio", "low",
    "high", "flag"}}}` (issue 9), named as `manage.py area_profile` names them."""
    return {d.dimension: {c.category: c.as_json() for c in d.cells} for d in dimensions}


CSV_HEADERS = [
    "dimension",
    "category",
    "participants",
    "share",
    "population_share",
    "ratio",
    "low",
    "high",
    "flag",
]


def as_rows(dimensions: Sequence[DimensionReach]) -> list[list[Any]]:
    rows = []
    for dimension in dimensions:
        for cell in dimension.cells:
            shown = cell.as_json()
            rows.append([dimension.dimension, cell.category, *(shown[h] for h in CSV_HEADERS[2:])])
    return rows
