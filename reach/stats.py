"""The statistics of reach, kept free of Django so they can be checked against known values:
the Wilson score interval for a share, the representation ratio and its flag, and Kish's
effective sample size of a set of weights.

Seed 002 point 14 asks to record demographics "to show which sections of the community you've
managed to reach"; a share of 3 in 40 against a population share of 12% is a gap only if it is
more than noise. The Wilson score interval (Wilson 1927) is used rather than the normal
approximation because it stays inside 0–1 and behaves for small counts and shares near 0, which
is exactly where under-representation is found."""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal: a 95% interval

UNDER, OVER, OK = "under", "over", "ok"


def wilson_interval(successes: int, trials: int, *, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion of `successes` in `trials`. (0, 1) when there
    are no trials: nothing is known."""
    if trials <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= trials:
        raise ValueError("successes must be between 0 and trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def flag_for(low: float, high: float, population_share: float) -> str:
    """`under` when the whole interval is below the population's share, `over` when it is above
    it, `ok` when the gap could be noise."""
    if high < population_share:
        return UNDER
    if low > population_share:
        return OVER
    return OK


@dataclass(frozen=True)
class Representation:
    """One category of one dimension: how many took part against how many live there."""

    category: str
    participants: int
    share: float | None  # of the participants who answered; None when nobody did
    population_share: float
    ratio: float | None  # share / population share; None when either is unknown or 0
    low: float | None
    high: float | None
    flag: str


def population_shares(population: Mapping[str, float]) -> dict[str, float]:
    total = sum(population.values())
    return {category: (amount / total if total else 0.0) for category, amount in population.items()}


def represent(
    participants: Mapping[str, int], population: Mapping[str, float], *, z: float = Z95
) -> list[Representation]:
    """Every category of the population (in its order), then any category only participants are
    in, compared. `participants` holds only those who answered (not "prefer not to say")."""
    shares = population_shares(population)
    answered = sum(participants.values())
    categories = list(population) + [c for c in participants if c not in population and participants[c]]
    rows = []
    for category in categories:
        count = participants.get(category, 0)
        pop_share = shares.get(category, 0.0)
        if answered:
            fraction = count / answered
            share: float | None = fraction
            low, high = wilson_interval(count, answered, z=z)
            flag = flag_for(low, high, pop_share)
            ratio = fraction / pop_share if pop_share else None
            interval: tuple[float | None, float | None] = (low, high)
        else:
            share, ratio, flag, interval = None, None, OK, (None, None)
        rows.append(
            Representation(
                category=category,
                participants=count,
                share=share,
                population_share=pop_share,
                ratio=ratio,
                low=interval[0],
                high=interval[1],
                flag=flag,
            )
        )
    return rows


def effective_sample_size(weights: Iterable[float]) -> float:
    """Kish's effective sample size, (Σw)² / Σw²: how many unweighted responses the weighted ones
    are worth. Equal weights give the number of responses."""
    values = list(weights)
    squares = sum(w * w for w in values)
    return (sum(values) ** 2) / squares if squares else 0.0


def rounded(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def mean_of_bands(shares: Sequence[tuple[float, float]]) -> float | None:
    """The mean of (midpoint, share) pairs, None when the shares are all 0."""
    total = sum(share for _, share in shares)
    return sum(mid * share for mid, share in shares) / total if total else None
