"""How participants' answers line up with the population's categories, named as
`manage.py area_profile` names them (places/census): equality-monitoring answers
(consultations/equality.py) and the rows of a participants file both become a category of a
Census dimension, or "not answered" (blank, "Prefer not to say").

Ages need one more step: a population's age bands are whatever its Census import used, and
participants give the monitoring form's bands or their age in years. Both are merged into the
finest bands each of them fits in whole (`AgeAlignment`), so that nobody is counted in a band
they may not belong to."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from consultations.equality import PREFER_NOT_TO_SAY, broad_ethnic_group
from places import census
from places.census import AgeBand, parse_age_band

# The dimensions reach compares, in the order pages show them, and the equality-monitoring
# field each comes from.
FIELDS: dict[str, str] = {
    census.AGE: "age_band",
    census.SEX: "sex",
    census.ETHNICITY: "ethnicity",
    census.RELIGION: "religion",
    census.DISABILITY: "disability",
    census.SEXUAL_ORIENTATION: "sexual_orientation",
}
DIMENSIONS = tuple(FIELDS)
LABELS: dict[str, str] = {
    census.AGE: "Age",
    census.SEX: "Sex",
    census.ETHNICITY: "Ethnic group",
    census.RELIGION: "Religion or belief",
    census.DISABILITY: "Disability",
    census.SEXUAL_ORIENTATION: "Sexual orientation",
}
# Census categories of people who did not answer the Census question: not a group anyone is
# in, so left out of the population's shares as non-response is left out of participants'.
POPULATION_NOT_ANSWERED = frozenset({"Not answered"})
NOT_ANSWERED_VALUES = frozenset({"", PREFER_NOT_TO_SAY.casefold(), "not answered", "prefer not to answer"})


def answer_category(dimension: str, value: str) -> str | None:
    """The category of a stored equality answer (None: not answered)."""
    if not value or value == PREFER_NOT_TO_SAY:
        return None
    if dimension == census.ETHNICITY:
        return broad_ethnic_group(value)
    return value


def category_label(dimension: str, category: str) -> str:
    """A category in words for a page: age bands read "Aged 16 to 24", "Aged 75 and over"."""
    if dimension == census.AGE:
        band = parse_age_band(category)
        if band is not None:
            if band.high is None:
                return f"Aged {band.low} and over"
            if band.low == 0:
                return f"Aged under {band.high + 1}"
            return f"Aged {band.low} to {band.high}"
    return category


def band_label(low: int, high: int | None) -> str:
    return f"{low}+" if high is None else f"{low}-{high}"


def band_midpoint(category: str) -> float | None:
    band = parse_age_band(category)
    if band is None:
        return None
    return band.low + 5 if band.high is None else (band.low + band.high) / 2


@dataclass
class AgeAlignment:
    """The population's age bands merged so that every participant's band (or age) falls in
    exactly one of them. `lows` are the merged bands' first ages."""

    lows: list[int]
    unknown: list[str] = field(default_factory=list)  # population categories that are not bands

    def band_of(self, low: int, high: int | None) -> str | None:
        """The merged band holding ages `low`..`high`, or None if they straddle two."""
        start = max((x for x in self.lows if x <= low), default=None)
        if start is None:
            return None
        following = [x for x in self.lows if x > start]
        end = following[0] - 1 if following else None
        if end is not None and (high is None or high > end):
            return None
        return band_label(start, end)

    def merge(self, population: Mapping[str, float]) -> dict[str, float]:
        merged: dict[str, float] = {}
        for category, amount in population.items():
            band = parse_age_band(category)
            key = self.band_of(band.low, band.low) if band else None
            if key is not None:
                merged[key] = merged.get(key, 0.0) + amount
        return merged


def align_ages(population_bands: Iterable[str], participant_bands: Iterable[AgeBand]) -> AgeAlignment:
    """Merge the population's bands just enough that no participant's band crosses a boundary."""
    bands = [b for b in (parse_age_band(c) for c in population_bands) if b is not None]
    unknown = [c for c in population_bands if parse_age_band(c) is None]
    lows = sorted({b.low for b in bands})
    for band in participant_bands:
        lows = [x for x in lows if not (band.low < x and (band.high is None or x <= band.high))]
    return AgeAlignment(lows=lows, unknown=unknown)


def population_categories(dimension: str, counts: Mapping[str, float]) -> dict[str, float]:
    """A population's categories for comparison: without the Census's own "not answered"."""
    return {c: float(n) for c, n in counts.items() if c not in POPULATION_NOT_ANSWERED}


# Reading the cells of a participants file.

_ETHNIC_BY_NAME = {
    census.label_key(name): group for group, names in census.ETHNIC_GROUPS.items() for name in names
}


def _from_published(dimension: str, value: str) -> str | None:
    for mapping in census.CATEGORIES.get(census.label_key(value), []):
        for target_dimension, category in mapping.targets:
            if target_dimension == dimension:
                return category
    return None


def file_category(dimension: str, value: str) -> str | None:
    """The Census category a participants file's cell names, for `dimension`; raises ValueError
    saying what it expected. Blank, "Prefer not to say" and "Not answered" give None."""
    text = value.strip()
    if text.casefold() in NOT_ANSWERED_VALUES:
        return None
    if dimension == census.ETHNICITY:
        key = census.label_key(text)
        broad = {census.label_key(g): g for g in census.ETHNICITY_BROAD}
        found = broad.get(key) or _ETHNIC_BY_NAME.get(key) or _from_published(census.ETHNICITY, text)
        if found:
            return found
        raise ValueError(
            f"“{text}” is not a Census 2021 ethnic group: give a broad group (such as "
            f"“{census.WHITE}” or “{census.ASIAN}”) or a detailed one (such as “Indian”)"
        )
    allowed = census.CATEGORY_ORDER[dimension]
    for category in allowed:
        if census.label_key(category) == census.label_key(text):
            return category
    found = _from_published(dimension, text)
    if found:
        return found
    named = ", ".join(f"“{c}”" for c in allowed if c not in POPULATION_NOT_ANSWERED)
    raise ValueError(f"“{text}” is not one of {named}")


def file_age(value: str) -> AgeBand | None:
    """A participants file's age: whole years ("34") or a band ("25-34", "75+", "Aged 25 to 34
    years"). Raises ValueError saying what it expected."""
    text = value.strip()
    if text.casefold() in NOT_ANSWERED_VALUES:
        return None
    if text.isdigit():
        years = int(text)
        if years > 120:
            raise ValueError(f"{years} is not an age in years")
        return AgeBand(text, years, years)
    band = parse_age_band(text)
    if band is not None:
        return band
    published = census.parse_source_age(text)
    if published is not None:
        return AgeBand(band_label(*published), published[0], published[1])
    raise ValueError(f"“{text}” is not an age: give years (such as 34) or a band (such as 25-34 or 75+)")
