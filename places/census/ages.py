"""Ages: the bands the monitoring form asks for, the ages a published category covers, and
spreading a published band over the target bands so every area's counts add up exactly."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .categories import label_key

DEFAULT_AGE_BANDS = ("0-15", "16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")

_YEARS = r"(?:\s+years?(?:\s+old)?)?"
_AGE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[int, int | None]]], ...] = (
    (re.compile(rf"^aged?\s+under\s+(\d+){_YEARS}$"), lambda m: (0, int(m[1]) - 1)),
    (re.compile(rf"^aged?\s+(\d+){_YEARS}\s+(?:and|or)\s+(?:under|younger)$"), lambda m: (0, int(m[1]))),
    (re.compile(rf"^aged?\s+(\d+){_YEARS}\s+(?:and|or)\s+(?:over|older)$"), lambda m: (int(m[1]), None)),
    (re.compile(rf"^aged?\s+(\d+)\s*\+{_YEARS}$"), lambda m: (int(m[1]), None)),
    (re.compile(rf"^aged?\s+(\d+)\s*(?:to|-)\s*(\d+){_YEARS}$"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(rf"^aged?\s+(\d+){_YEARS}$"), lambda m: (int(m[1]), int(m[1]))),
)


def parse_source_age(label: str) -> tuple[int, int | None] | None:
    """The ages (first, last; last None when open-ended) a published age category covers, or
    None when it is not an age: "Aged under 1 year" -> (0, 0), "Aged 4 years and under" ->
    (0, 4), "Aged 5 to 9 years" -> (5, 9), "Aged 90 years and over" -> (90, None)."""
    key = label_key(label)
    for pattern, extract in _AGE_PATTERNS:
        match = pattern.match(key)
        if match:
            low, high = extract(match)
            if high is not None and high < low:
                return None
            return low, high
    return None


@dataclass(frozen=True)
class AgeBand:
    label: str
    low: int
    high: int | None  # None: open-ended ("75+")

    def covers(self, age: int) -> bool:
        return age >= self.low and (self.high is None or age <= self.high)


_BAND_RE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)|(\+))\s*$")


def parse_age_band(label: str) -> AgeBand | None:
    """ "16-24" -> AgeBand(16, 24); "75+" -> AgeBand(75, None); anything else -> None."""
    match = _BAND_RE.match(label)
    if not match:
        return None
    low = int(match[1])
    high = None if match[3] else int(match[2])
    if high is not None and high < low:
        return None
    return AgeBand(label.strip(), low, high)


def parse_age_bands(labels: Sequence[str]) -> tuple[AgeBand, ...]:
    """Target bands from labels like "0-15", ..., "75+". They must start at 0, follow on
    without gaps and end with an open band, so that every person falls in exactly one."""
    bands: list[AgeBand] = []
    for label in labels:
        band = parse_age_band(label)
        if band is None:
            raise ValueError(f"Age band {label!r} is not like '16-24' or '75+'.")
        expected = 0 if not bands else (bands[-1].high or 0) + 1
        if bands and bands[-1].high is None:
            raise ValueError(f"Age band {bands[-1].label!r} is open-ended, so it must come last.")
        if band.low != expected:
            raise ValueError(f"Age band {label!r} should start at {expected}: bands must follow on from 0.")
        bands.append(band)
    if not bands or bands[-1].high is not None:
        raise ValueError("The last age band must be open-ended, like '75+'.")
    return tuple(bands)


def apportion(shares: Sequence[Fraction]) -> list[int]:
    """Round non-negative shares with a whole-number total to whole numbers with that same
    total, by the largest-remainder method (ties go to the earlier share)."""
    floors = [int(s) for s in shares]
    total = sum(shares, Fraction(0))
    if total.denominator != 1:
        raise ValueError("Shares must add up to a whole number.")
    left = int(total) - sum(floors)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return floors


def age_shares(
    low: int, high: int | None, count: int, bands: Sequence[AgeBand], *, label: str = ""
) -> list[Fraction]:
    """How much of `count` people aged `low`..`high` falls in each band, assuming they are
    spread evenly over those single years. An open-ended source band must fit in one band:
    there is nothing to spread it by."""
    shares = [Fraction(0)] * len(bands)
    if high is None:
        for i, band in enumerate(bands):
            if band.covers(low) and band.high is None:
                shares[i] = Fraction(count)
                return shares
        owner = next(b for b in bands if b.covers(low))
        raise ValueError(
            f"the open-ended age group {label or f'{low}+'!r} straddles the band {owner.label} and the "
            f"ones above it, so it cannot be split; use age bands whose last band starts at or below {low}"
        )
    years = high - low + 1
    for i, band in enumerate(bands):
        top = high if band.high is None else min(high, band.high)
        overlap = top - max(low, band.low) + 1
        if overlap > 0:
            shares[i] = Fraction(count * overlap, years)
    return shares
