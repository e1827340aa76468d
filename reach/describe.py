"""How the participants differ from the population, in one plain sentence ("Respondents were
older and more often men than the people of Altrincham"), from the flags alone: a gap is named
only when it is more than noise, and the flags are what every reader sees (counts may be
hidden from them)."""

from collections.abc import Sequence

from places import census

from .engine import DimensionReach
from .stats import OVER, UNDER


def _direction(dimension: DimensionReach, category: str) -> int:
    """+1 when the category is over-represented, -1 under, 0 neither (or absent)."""
    for cell in dimension.cells:
        if cell.category == category:
            return {OVER: 1, UNDER: -1}.get(cell.flag, 0)
    return 0


MEAN_AGE_GAP = 3  # years: a smaller difference in average age is not worth a word


def _age(dimension: DimensionReach) -> str:
    """ "older" or "younger" when some age group's gap is more than noise and the participants'
    average age (from band midpoints) is at least MEAN_AGE_GAP years off the population's."""
    gap = dimension.mean_gap
    if gap is None or not (dimension.under or dimension.over) or abs(gap) < MEAN_AGE_GAP:
        return ""
    return "older" if gap > 0 else "younger"


def _sex(dimension: DimensionReach) -> str:
    men = _direction(dimension, "Male") - _direction(dimension, "Female")
    return "more often men" if men > 0 else "more often women" if men < 0 else ""


def _ethnicity(dimension: DimensionReach) -> str:
    white = _direction(dimension, census.WHITE)
    if white:
        return "more often White" if white > 0 else "less often White"
    over = [c.category for c in dimension.cells if c.flag == OVER]
    return f"more often {over[0].split(',')[0]}" if over else ""


def _disability(dimension: DimensionReach) -> str:
    disabled = _direction(dimension, "Disabled") - _direction(dimension, "Not disabled")
    return "more often disabled" if disabled > 0 else "less often disabled" if disabled < 0 else ""


def _religion(dimension: DimensionReach) -> str:
    over = [c.category for c in dimension.cells if c.flag == OVER]
    if not over:
        return ""
    return "more often of no religion" if over[0] == "No religion" else f"more often {over[0]}"


PHRASES = {
    census.AGE: _age,
    census.SEX: _sex,
    census.ETHNICITY: _ethnicity,
    census.DISABILITY: _disability,
    census.RELIGION: _religion,
}


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def differences(dimensions: Sequence[DimensionReach]) -> list[str]:
    return [phrase for d in dimensions if d.dimension in PHRASES and (phrase := PHRASES[d.dimension](d))]


def _phrase(found: list[str]) -> str:
    """ "older", "more often women", "more often White" -> "older and more often women and White"."""
    plain = [p for p in found if not p.startswith(("more often ", "less often "))]
    more = [p.removeprefix("more often ") for p in found if p.startswith("more often ")]
    less = [p.removeprefix("less often ") for p in found if p.startswith("less often ")]
    parts = (
        plain
        + ([f"more often {_join(more)}"] if more else [])
        + ([f"less often {_join(less)}"] if less else [])
    )
    if len(parts) > 2:
        return ", ".join(parts[:-1]) + ", and " + parts[-1]
    return _join(parts)


def sentence(
    dimensions: Sequence[DimensionReach], *, who: str, than_whom: str, forms: int | None = None
) -> str:
    """`who`: "Respondents", "Participants"; `than_whom`: "the people of Altrincham"."""
    if forms == 0:
        return f"Nobody has filled in the equality questions yet, so there is nothing to compare with {than_whom}."
    if not dimensions or not any(d.answered or d.answered is None for d in dimensions):
        return (
            f"Too few people answered the equality questions to compare the {who.lower()} with {than_whom}."
        )
    found = differences(dimensions)
    if not found:
        compared = _join([d.label.lower() for d in dimensions])
        return (
            f"{who} were much like {than_whom} in {compared}, as far as the equality answers can tell "
            "(no gap is larger than chance would explain)."
        )
    return f"{who} were {_phrase(found)} than {than_whom}."
