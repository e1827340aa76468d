"""The Census 2021 categories Heard's monitoring forms use, and which dimension each published
category counts towards. The names of the dimensions are the values of places.models.Dimension."""

from __future__ import annotations

import re
from dataclasses import dataclass

AGE = "age"
SEX = "sex"
ETHNICITY = "ethnicity"
ETHNICITY_DETAILED = "ethnicity_detailed"
RELIGION = "religion"
DISABILITY = "disability"
SEXUAL_ORIENTATION = "sexual_orientation"
GENDER_IDENTITY = "gender_identity"

ASIAN = "Asian, Asian British or Asian Welsh"
BLACK = "Black, Black British, Black Welsh, Caribbean or African"
MIXED = "Mixed or Multiple ethnic groups"
WHITE = "White"
OTHER_ETHNIC = "Other ethnic group"

ETHNIC_GROUPS: dict[str, tuple[str, ...]] = {
    ASIAN: ("Bangladeshi", "Chinese", "Indian", "Pakistani", "Other Asian"),
    BLACK: ("African", "Caribbean", "Other Black"),
    MIXED: (
        "White and Asian",
        "White and Black African",
        "White and Black Caribbean",
        "Other Mixed or Multiple ethnic groups",
    ),
    WHITE: (
        "English, Welsh, Scottish, Northern Irish or British",
        "Irish",
        "Gypsy or Irish Traveller",
        "Roma",
        "Other White",
    ),
    OTHER_ETHNIC: ("Arab", "Any other ethnic group"),
}
ETHNICITY_BROAD = tuple(ETHNIC_GROUPS)
ETHNICITY_DETAIL = tuple(f"{group}: {name}" for group, names in ETHNIC_GROUPS.items() for name in names)

RELIGIONS = (
    "No religion",
    "Christian",
    "Buddhist",
    "Hindu",
    "Jewish",
    "Muslim",
    "Sikh",
    "Other religion",
    "Not answered",
)
DISABILITIES = ("Disabled", "Not disabled")
SEXES = ("Female", "Male")
SEXUAL_ORIENTATIONS = (
    "Straight or Heterosexual",
    "Gay or Lesbian",
    "Bisexual",
    "Other sexual orientation",
    "Not answered",
)
GENDER_IDENTITIES = (
    "Gender identity the same as sex registered at birth",
    "Gender identity different from sex registered at birth but no specific identity given",
    "Trans woman",
    "Trans man",
    "Non-binary",
    "All other gender identities",
    "Not answered",
)

# The order categories are listed in, per dimension (age follows the bands).
CATEGORY_ORDER: dict[str, tuple[str, ...]] = {
    SEX: SEXES,
    ETHNICITY: ETHNICITY_BROAD,
    ETHNICITY_DETAILED: ETHNICITY_DETAIL,
    RELIGION: RELIGIONS,
    DISABILITY: DISABILITIES,
    SEXUAL_ORIENTATION: SEXUAL_ORIENTATIONS,
    GENDER_IDENTITY: GENDER_IDENTITIES,
}


@dataclass(frozen=True)
class Mapping:
    """What one published category counts towards. A subtotal (e.g. "Disabled under the
    Equality Act" next to its two sub-categories) is used only when an area has no
    finer rows, so that nothing is counted twice."""

    table: str
    targets: tuple[tuple[str, str], ...]
    subtotal: bool = False


def label_key(value: str) -> str:
    """A published label compared loosely: spaces collapsed, en dashes as hyphens, any case."""
    return " ".join(value.replace("\u2013", "-").split()).casefold()


def _build_categories() -> dict[str, list[Mapping]]:
    table: dict[str, list[Mapping]] = {}

    def add(value: str, mapping: Mapping) -> None:
        table.setdefault(label_key(value), []).append(mapping)

    for group, names in ETHNIC_GROUPS.items():
        add(group, Mapping(ETHNICITY, ((ETHNICITY, group),), subtotal=True))
        for name in names:
            detail = f"{group}: {name}"
            add(detail, Mapping(ETHNICITY, ((ETHNICITY, group), (ETHNICITY_DETAILED, detail))))
    for religion in RELIGIONS:
        add(religion, Mapping(RELIGION, ((RELIGION, religion),)))
    add("Disabled under the Equality Act", Mapping(DISABILITY, ((DISABILITY, "Disabled"),), subtotal=True))
    add(
        "Not disabled under the Equality Act",
        Mapping(DISABILITY, ((DISABILITY, "Not disabled"),), subtotal=True),
    )
    for detail in ("Day-to-day activities limited a lot", "Day-to-day activities limited a little"):
        add(f"Disabled under the Equality Act: {detail}", Mapping(DISABILITY, ((DISABILITY, "Disabled"),)))
    for detail in (
        "Has long term physical or mental health condition but day-to-day activities are not limited",
        "No long term physical or mental health conditions",
    ):
        add(
            f"Not disabled under the Equality Act: {detail}",
            Mapping(DISABILITY, ((DISABILITY, "Not disabled"),)),
        )
    for published, sex in (("Female", "Female"), ("Females", "Female"), ("Male", "Male"), ("Males", "Male")):
        add(published, Mapping(SEX, ((SEX, sex),)))
    for orientation in ("Straight or Heterosexual", "Gay or Lesbian", "Bisexual", "Not answered"):
        add(orientation, Mapping(SEXUAL_ORIENTATION, ((SEXUAL_ORIENTATION, orientation),)))
    # "All other sexual orientations" (TS077) and its breakdown in the detailed table (TS079).
    for other in ("All other sexual orientations", "Pansexual", "Asexual", "Queer"):
        add(other, Mapping(SEXUAL_ORIENTATION, ((SEXUAL_ORIENTATION, "Other sexual orientation"),)))
    for identity in GENDER_IDENTITIES:
        add(identity, Mapping(GENDER_IDENTITY, ((GENDER_IDENTITY, identity),)))
    return table


CATEGORIES = _build_categories()
KNOWN_TABLES = "age, sex, ethnic group, religion, disability, sexual orientation and gender identity"

# Rows that are totals or cover people outside a question's scope (under-16s for sexual
# orientation, for instance): not a category of anyone's monitoring form.
_SKIP_PATTERNS = (
    re.compile(r"^total\b"),
    re.compile(r"^all persons$"),
    re.compile(r"^all people$"),
    re.compile(r"^all usual residents\b"),
    re.compile(r"^all categories\b"),
    re.compile(r"^does not apply$"),
)


def is_total(value: str) -> bool:
    """Whether a published category is a total or "Does not apply" row (skipped)."""
    key = label_key(value)
    return any(p.search(key) for p in _SKIP_PATTERNS)
