"""Area levels, told from a Census `geography` value or from an ONS code's prefix. The levels
are the values of places.models.AreaLevel."""

from __future__ import annotations

from .categories import label_key

COUNTRY = "country"
REGION = "region"
FORCE = "force"
DISTRICT = "district"
NEIGHBOURHOOD = "neighbourhood"
MSOA = "msoa"
LSOA = "lsoa"

GEOGRAPHIES = {
    "electoral ward": NEIGHBOURHOOD,
    "electoral ward/division": NEIGHBOURHOOD,
    "electoral division": NEIGHBOURHOOD,
    "ward": NEIGHBOURHOOD,
    "local authority": DISTRICT,
    "local authority district": DISTRICT,
    "lower tier local authority": DISTRICT,
    "unitary authority": DISTRICT,
    "metropolitan district": DISTRICT,
    "london borough": DISTRICT,
    "community safety partnership": DISTRICT,
    "lower layer super output area": LSOA,
    "lsoa": LSOA,
    "middle layer super output area": MSOA,
    "msoa": MSOA,
    "region": REGION,
    "country": COUNTRY,
    "nation": COUNTRY,
    "police force area": FORCE,
    "police force": FORCE,
}

# ONS code prefixes (the first three characters) and the level they denote.
CODE_PREFIXES = {
    "E01": LSOA,
    "W01": LSOA,
    "E02": MSOA,
    "W02": MSOA,
    "E05": NEIGHBOURHOOD,
    "W05": NEIGHBOURHOOD,
    "E06": DISTRICT,
    "E07": DISTRICT,
    "E08": DISTRICT,
    "E09": DISTRICT,
    "W06": DISTRICT,
    "E12": REGION,
    "E92": COUNTRY,
    "W92": COUNTRY,
    "E23": FORCE,
    "W15": FORCE,
}


def level_for_geography(value: str) -> str | None:
    """The area level for a `geography` value such as "Electoral ward", or None."""
    return GEOGRAPHIES.get(label_key(value).replace("-", " "))


def level_for_code(code: str) -> str | None:
    """The area level an ONS code denotes by its prefix (E05... a ward), or None."""
    return CODE_PREFIXES.get(code.strip().upper()[:3])
