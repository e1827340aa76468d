"""The benchmark's places: one force, its districts, about `wards` wards laid out on a grid of
simple squares (so maps draw and neighbours can be worked out), each ward with a Census-shaped
population profile for every dimension reach compares (and the detailed ethnic groups), varied
from ward to ward as real wards vary: student wards, family wards, retirement wards, wards from
almost all White to very diverse."""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from places import census
from places.census import DEFAULT_AGE_BANDS, ETHNIC_GROUPS
from places.models import Area, AreaBoundary, AreaLevel, PopulationCount

from .writer import write_rows

FORCE_CODE = "E23900001"  # E239…, E089…, E059…: no real ONS code uses these ranges
SOURCE = "Generated for benchmarks (reach.scale_data)"
WARD_SIZE = 0.02  # degrees of longitude; a ward's square
ORIGIN = (-2.9, 53.2)

AGE_SHARES = dict(zip(DEFAULT_AGE_BANDS, (19, 11, 14, 13, 13, 12, 10, 8), strict=True))
KIND_TILTS = {
    "usual": {},
    "students": {"16-24": 2.6, "25-34": 1.3, "65-74": 0.5, "75+": 0.5},
    "families": {"0-15": 1.4, "35-44": 1.3, "75+": 0.7},
    "retirement": {"0-15": 0.7, "16-24": 0.6, "65-74": 1.7, "75+": 1.9},
}
MINORITY_SPLIT = {census.ASIAN: 0.55, census.BLACK: 0.2, census.MIXED: 0.15, census.OTHER_ETHNIC: 0.1}
DETAIL_SHARES = {
    census.ASIAN: (0.12, 0.1, 0.3, 0.35, 0.13),
    census.BLACK: (0.6, 0.25, 0.15),
    census.MIXED: (0.3, 0.15, 0.35, 0.2),
    census.WHITE: (0.86, 0.02, 0.003, 0.004, 0.113),
    census.OTHER_ETHNIC: (0.4, 0.6),
}
RELIGION_WHITE = {
    "No religion": 40,
    "Christian": 50,
    "Buddhist": 0.4,
    "Hindu": 0.3,
    "Jewish": 0.8,
    "Muslim": 1.5,
    "Sikh": 0.2,
    "Other religion": 0.8,
    "Not answered": 6,
}
RELIGION_ASIAN = {
    "No religion": 6,
    "Christian": 5,
    "Buddhist": 1,
    "Hindu": 18,
    "Jewish": 0.1,
    "Muslim": 52,
    "Sikh": 12,
    "Other religion": 1,
    "Not answered": 5,
}
ORIENTATION = {
    "Straight or Heterosexual": 89.4,
    "Gay or Lesbian": 1.5,
    "Bisexual": 1.3,
    "Other sexual orientation": 0.3,
    "Not answered": 7.5,
}


@dataclass
class Ward:
    area: Area
    district: Area
    population: int
    ages: dict[str, float]  # shares
    ethnic: dict[str, float]  # broad group -> share
    kind: str


@dataclass
class Places:
    force: Area
    districts: list[Area]
    wards: list[Ward]
    by_district: dict[int, list[Ward]] = field(default_factory=dict)


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()}


def _apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    return {k: max(0, round(total * s)) for k, s in shares.items()}


def _square(col: int, row: int, cols: int = 1, rows: int = 1) -> dict[str, object]:
    west, south = ORIGIN[0] + col * WARD_SIZE, ORIGIN[1] + row * WARD_SIZE * 0.6
    east, north = west + cols * WARD_SIZE, south + rows * WARD_SIZE * 0.6
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def _profile(rng: random.Random) -> tuple[dict[str, float], dict[str, float], str]:
    kind = rng.choices(list(KIND_TILTS), weights=(70, 8, 12, 10))[0]
    tilt = KIND_TILTS[kind]
    ages = _normalised({b: s * tilt.get(b, 1.0) * rng.uniform(0.85, 1.15) for b, s in AGE_SHARES.items()})
    minority = min(0.75, rng.lognormvariate(math.log(0.1), 0.9))
    split = _normalised({g: s * rng.uniform(0.5, 1.6) for g, s in MINORITY_SPLIT.items()})
    ethnic = {census.WHITE: 1 - minority, **{g: minority * s for g, s in split.items()}}
    return ages, ethnic, kind


def population_rows(ward: Ward, rng: random.Random) -> list[tuple[str, str, int]]:
    """(dimension, category, count) of one ward, as a Census import stores them."""
    people = ward.population
    rows = [(census.AGE, band, n) for band, n in _apportion(people, ward.ages).items()]
    male = rng.uniform(0.47, 0.51)
    rows += [(census.SEX, "Female", round(people * (1 - male))), (census.SEX, "Male", round(people * male))]
    for group, share in ward.ethnic.items():
        rows.append((census.ETHNICITY, group, round(people * share)))
        for name, part in zip(ETHNIC_GROUPS[group], DETAIL_SHARES[group], strict=True):
            rows.append((census.ETHNICITY_DETAILED, f"{group}: {name}", round(people * share * part)))
    asian = ward.ethnic[census.ASIAN]
    white, asian_mix = _normalised(RELIGION_WHITE), _normalised(RELIGION_ASIAN)
    religion = {r: (1 - asian) * white[r] + asian * asian_mix[r] for r in white}
    rows += [(census.RELIGION, r, n) for r, n in _apportion(people, religion).items()]
    older = ward.ages["65-74"] + ward.ages["75+"]
    disabled = min(0.4, 0.1 + 0.45 * older)
    rows += [
        (census.DISABILITY, "Disabled", round(people * disabled)),
        (census.DISABILITY, "Not disabled", round(people * (1 - disabled))),
    ]
    adults = round(people * (1 - ward.ages["0-15"]))
    rows += [
        (census.SEXUAL_ORIENTATION, o, n) for o, n in _apportion(adults, _normalised(ORIENTATION)).items()
    ]
    return rows


def make_places(rng: random.Random, *, wards: int, districts: int) -> Places:
    force = Area(code=FORCE_CODE, name="Greater Northshire", level=AreaLevel.FORCE, path=f"{FORCE_CODE}/")
    force.save()
    per_row = math.ceil(math.sqrt(wards))
    district_areas = Area.objects.bulk_create(
        [
            Area(
                code=code,
                name=f"Northshire District {n + 1}",
                level=AreaLevel.DISTRICT,
                parent=force,
                path=f"{force.path}{code}/",
            )
            for n in range(districts)
            for code in [f"E08{900001 + n}"]
        ]
    )
    ward_areas, chosen = [], []
    for n in range(wards):
        district = district_areas[n * districts // wards]
        code = f"E05{900001 + n}"
        ward_areas.append(
            Area(
                code=code,
                name=f"{district.name.split()[-1]}-{n + 1:04d} Ward",
                level=AreaLevel.NEIGHBOURHOOD,
                parent=district,
                path=f"{district.path}{code}/",
            )
        )
        chosen.append(district)
    ward_areas = Area.objects.bulk_create(ward_areas)
    found = Places(force=force, districts=district_areas, wards=[])
    boundaries = []
    for n, (area, district) in enumerate(zip(ward_areas, chosen, strict=True)):
        ages, ethnic, kind = _profile(rng)
        ward = Ward(area, district, rng.randint(6_000, 15_000), ages, ethnic, kind)
        found.wards.append(ward)
        found.by_district.setdefault(district.pk, []).append(ward)
        boundaries.append(AreaBoundary(area=area, geometry=_square(n % per_row, n // per_row)))
    first = 0
    for district in district_areas:
        boundaries.append(
            AreaBoundary(area=district, geometry=_district_square(found, district, per_row, first))
        )
        first += len(found.by_district[district.pk])
    AreaBoundary.objects.bulk_create(boundaries, batch_size=2_000)
    _write_population(found, rng)
    return found


def _district_square(found: Places, district: Area, per_row: int, first: int) -> dict[str, object]:
    count = len(found.by_district[district.pk])
    rows = math.ceil((first % per_row + count) / per_row)
    return _square(0 if rows > 1 else first % per_row, first // per_row, per_row if rows > 1 else count, rows)


def _write_population(found: Places, rng: random.Random) -> None:
    def rows() -> Iterator[tuple[int, str, str, int, str]]:
        for ward in found.wards:
            for dimension, category, count in population_rows(ward, rng):
                yield (ward.area.pk, dimension, category, count, SOURCE)

    write_rows(PopulationCount, ["area_id", "dimension", "category", "count", "source"], rows())
