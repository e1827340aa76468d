"""The skewed people of the demo (issue 9: engagement hears from people "older, whiter, fewer
young men" than the population): one person's equality answers from a seed, tilted a little
differently for each activity. Used by demo_reach.py and demo_reach_showcase.py."""

import random
from collections.abc import Mapping

from consultations.equality import PREFER_NOT_TO_SAY
from places.census import ETHNIC_GROUPS

FIELDS = ("age_band", "sex", "ethnicity", "religion", "disability", "sexual_orientation")
YOUNG_AUDIENCES = {"young-people", "students", "children-and-families"}

# Who usually turns up: older than the population, whiter, more women (and fewer young men).
AGES_USUAL = {
    "0-15": 1, "16-24": 5, "25-34": 8, "35-44": 12, "45-54": 17, "55-64": 22, "65-74": 21, "75+": 14,
}  # fmt: skip
AGES_YOUNG = {"0-15": 10, "16-24": 50, "25-34": 14, "35-44": 9, "45-54": 8, "55-64": 5, "65-74": 3, "75+": 1}
ETHNIC_GROUP_WEIGHTS = {
    "White": 92.0,
    "Asian, Asian British or Asian Welsh": 4.0,
    "Black, Black British, Black Welsh, Caribbean or African": 1.5,
    "Mixed or Multiple ethnic groups": 1.5,
    "Other ethnic group": 1.0,
}
RELIGIONS = {
    "Christian": 58,
    "No religion": 30,
    "Jewish": 3,
    "Muslim": 3,
    "Hindu": 1,
    "Sikh": 1,
    "Buddhist": 1,
    "Other religion": 1,
}
RELIGIONS_ASIAN = {
    "Muslim": 55,
    "Hindu": 18,
    "Sikh": 14,
    "Christian": 5,
    "No religion": 6,
    "Other religion": 2,
}
ORIENTATIONS = {
    "Straight or Heterosexual": 94,
    "Gay or Lesbian": 3,
    "Bisexual": 2,
    "Other sexual orientation": 1,
}


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _blank(rng: random.Random) -> str | None:
    """Most people answer; some skip a question, a few prefer not to say."""
    roll = rng.random()
    return "" if roll < 0.07 else PREFER_NOT_TO_SAY if roll < 0.10 else None


def _tilted(weights: Mapping[str, float], tilt: random.Random) -> dict[str, float]:
    return {k: v * tilt.uniform(0.6, 1.5) for k, v in weights.items()}


def answers_for(seed: object, *, young: bool, tilt: int) -> dict[str, str]:
    """One person's answers, the same every time for the same seed (a record's id)."""
    rng = random.Random(f"reach-demo-{seed}")  # noqa: S311 - demo data, not security
    activity_rng = random.Random(f"reach-demo-activity-{tilt}")  # noqa: S311 - demo data
    ages = _tilted(AGES_YOUNG if young else AGES_USUAL, activity_rng)
    age = _pick(rng, ages)
    young_adult = age in ("16-24", "25-34")
    men = 0.30 if young_adult else 0.44
    group = _pick(rng, _tilted(ETHNIC_GROUP_WEIGHTS, activity_rng))
    detail = ETHNIC_GROUPS[group][0 if group != "Asian, Asian British or Asian Welsh" else rng.randrange(5)]
    if group == "White":
        detail = "English, Welsh, Scottish, Northern Irish or British" if rng.random() < 0.9 else "Irish"
    chosen = {
        "age_band": age,
        "sex": "Male" if rng.random() < men else "Female",
        "ethnicity": f"{group}: {detail}",
        "religion": _pick(rng, RELIGIONS_ASIAN if group.startswith("Asian") else RELIGIONS),
        "disability": "Disabled"
        if rng.random() < (0.32 if age in ("65-74", "75+") else 0.14)
        else "Not disabled",
        "sexual_orientation": _pick(rng, ORIENTATIONS),
    }
    for field in FIELDS:
        skipped = _blank(rng)
        if skipped is not None:
            chosen[field] = skipped
    return chosen
