"""A reach report: who took part against who lives there (or a target population), with its
one-sentence summary. Built by the selectors for pages, the API and exports, and by
`manage.py reach`; `as_json` is the shape of issue 9."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from consultations.models import EqualityRecord
from engagement.models import Activity, ActivityQuerySet
from places.models import Area, AreaLevel
from places.profiles import area_profiles

from . import describe
from .categories import DIMENSIONS
from .engine import (
    DimensionReach,
    Participants,
    Population,
    Scope,
    area_names,
    as_json,
    as_rows,
    census_population,
    compare,
    covered_areas,
    outermost,
    scope_activities,
    target_population,
)
from .gather import IDS_AS_LIST, Reader, atom_vectors, heard_participants, participants_from_atoms, sees_all
from .models import TargetProfile


@dataclass(frozen=True)
class ReachReport:
    title: str
    scope: Scope
    population: Population
    participants: Participants
    dimensions: list[DimensionReach]
    sentence: str
    exact: bool  # nothing was hidden from the reader
    left_out: int = 0  # rows of a participants file outside the area

    @property
    def forms_shown(self) -> str:
        return self.participants.forms_hidden or f"{self.participants.forms:,}"

    @property
    def under(self) -> list[tuple[DimensionReach, list[Any]]]:
        return [(d, d.under) for d in self.dimensions if d.under]

    @property
    def suppressed_below(self) -> int:
        return self.participants.below

    def as_json(self) -> dict[str, dict[str, dict[str, Any]]]:
        return as_json(self.dimensions)

    def rows(self) -> list[list[Any]]:
        return as_rows(self.dimensions)

    def as_report_json(self) -> dict[str, Any]:
        """Everything the page shows, for the API (`api/reach_schemas.ReachReportOut`)."""
        forms = self.participants
        return {
            "title": self.title,
            "compared_with": self.population.label,
            "population": self.population.total,
            "activities": forms.activities,
            "equality_forms": forms.forms_hidden or forms.forms,
            "people_reached": forms.people_reached,
            "suppressed_below": forms.below,
            "summary": self.sentence,
            "dimensions": [
                {
                    "dimension": d.dimension,
                    "label": d.label,
                    "not_answered": d.not_answered if d.not_answered is not None else d.not_answered_shown,
                    "categories": {c.category: c.as_json() for c in d.cells},
                }
                for d in self.dimensions
            ],
        }


def than_whom(population: Population) -> str:
    if population.target is not None:
        return f"the population of “{population.target.name}”"
    areas = population.areas
    if len(areas) == 1 and areas[0].level in (AreaLevel.FORCE, AreaLevel.REGION):
        return f"the people of the {areas[0].name} area"
    return f"the people of {area_names(areas)}"


def build(
    *,
    title: str,
    scope: Scope,
    participants: Participants,
    population: Population,
    who: str = "Participants",
    left_out: int = 0,
) -> ReachReport:
    dimensions = compare(participants, population)
    hidden = bool(participants.forms_hidden) or any(
        c.participants is None or d.shares_withheld for d in dimensions for c in d.cells
    )
    return ReachReport(
        title=title,
        scope=scope,
        population=population,
        participants=participants,
        dimensions=dimensions,
        sentence=describe.sentence(
            dimensions, who=who, than_whom=than_whom(population), forms=participants.forms
        ),
        exact=not hidden,
        left_out=left_out,
    )


def population_for(areas: Sequence[Area], target: TargetProfile | None) -> Population:
    return target_population(target, areas) if target is not None else census_population(areas)


def heard_report(
    *,
    scope: Scope,
    activities: ActivityQuerySet,
    reader: Reader,
    target: TargetProfile | None = None,
    people: bool = True,
) -> ReachReport:
    """Reach of Heard's participants in `scope`, among `activities` (those the reader may see)."""
    chosen = scope_activities(scope, activities)
    areas = list(scope.activity.areas.all()) if scope.activity is not None else covered_areas(scope, chosen)
    population = population_for(outermost(areas), target)
    participants = heard_participants(chosen, reader, people=people)
    return build(title=scope.describe(), scope=scope, participants=participants, population=population)


def ward_reports(
    *, wards: Sequence[Area], within: Area, scope: Scope, activities: ActivityQuerySet, reader: Reader
) -> dict[int, ReachReport]:
    """`heard_report` for each of `wards` (inside `within`) over `scope`'s period, without
    people reached, worked out together: the equality tables of every activity in `within`
    are read once, per atom, and each ward's report adds up the atoms of its own activities
    (those held in it or in a place inside it), suppressed for the reader exactly as its own
    report would be. The map of a district draws a hundred wards from a handful of queries."""
    chosen = scope_activities(Scope(area=within, since=scope.since, until=scope.until), activities)
    owners = dict(chosen.values_list("pk", "lead_organisation_id"))
    ids: Iterable[int] = list(owners) if len(owners) <= IDS_AS_LIST else chosen.values_list("pk", flat=True)
    held: dict[int, set[int]] = defaultdict(set)  # ward -> its activities
    places = Activity.areas.through.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "area__path"
    )
    by_path = {ward.path: ward.pk for ward in wards}
    for activity_id, path in places:
        parts = path.rstrip("/").split("/")
        for depth in range(1, len(parts) + 1):  # the wards it is in, or in a place inside
            ward_id = by_path.get("/".join(parts[:depth]) + "/")
            if ward_id is not None:
                held[ward_id].add(activity_id)
    atoms = atom_vectors(EqualityRecord.objects.filter(activity_id__in=ids))[0] if owners else {}
    profiles = area_profiles(wards, within=within, dimensions=DIMENSIONS)
    found = {}
    for ward in wards:
        mine = held.get(ward.pk, set())
        ward_owners = {a: owners[a] for a in mine}
        participants = participants_from_atoms(
            {atom: v for atom, v in atoms.items() if atom[0] in mine},
            ward_owners,
            reader,
            exact=sees_all(ward_owners, reader),
        )
        participants.activities = len(mine)
        ward_scope = Scope(area=ward, since=scope.since, until=scope.until)
        population = census_population([ward], profiles=profiles)
        found[ward.pk] = build(
            title=ward_scope.describe(), scope=ward_scope, participants=participants, population=population
        )
    return found
