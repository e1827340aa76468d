"""Equality-monitoring categories: the Census 2021 categories (so reach can be compared with the
population), each with "Prefer not to say". Seed 002 point 14; seed 004 "Integrity"."""

from places.census import (
    DEFAULT_AGE_BANDS,
    DISABILITIES,
    ETHNICITY_DETAIL,
    RELIGIONS,
    SEXES,
    SEXUAL_ORIENTATIONS,
)

PREFER_NOT_TO_SAY = "Prefer not to say"

# field name -> (question, the categories people can pick)
QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "age_band": ("What is your age?", DEFAULT_AGE_BANDS),
    "sex": ("What is your sex?", SEXES),
    "ethnicity": ("What is your ethnic group?", ETHNICITY_DETAIL),
    "religion": ("What is your religion?", tuple(r for r in RELIGIONS if r != "Not answered")),
    "disability": (
        "Are your day-to-day activities limited because of a health problem or disability which has "
        "lasted, or is expected to last, at least 12 months?",
        DISABILITIES,
    ),
    "sexual_orientation": (
        "Which of the following best describes your sexual orientation?",
        tuple(s for s in SEXUAL_ORIENTATIONS if s != "Not answered"),
    ),
}


# Where the Census category is not a natural answer to the question asked.
LABELS = {"Disabled": "Yes, limited a little or a lot", "Not disabled": "No"}


def choices_for(field: str) -> list[tuple[str, str]]:
    categories = QUESTIONS[field][1]
    return [(c, LABELS.get(c, c)) for c in categories] + [(PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)]


def broad_ethnic_group(detailed: str) -> str:
    """'Asian, Asian British or Asian Welsh: Indian' -> 'Asian, Asian British or Asian Welsh'."""
    return detailed.split(": ", 1)[0] if ": " in detailed else detailed
