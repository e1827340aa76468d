"""Raking: weights for respondents so that, dimension by dimension, the weighted respondents
match the population's shares (iterative proportional fitting on the margins, Deming and
Stephan 1940), with the weights capped so that no handful of respondents speaks for many.

Written here rather than taken from PyPI. What was evaluated (Python 3.11, numpy 2, no system
libraries allowed):

- balance 0.23 (Meta): on Python 3.11 it pins numpy<2, scipy<1.14 and scikit-learn<1.4, which
  Heard's text analysis cannot go back to, and brings matplotlib, seaborn, plotly and IPython;
- samplics 0.6: superseded by its authors' `svy`; both need polars with pyarrow (svy also a
  Rust extension) and are in beta;
- ipfn 1.4.4: last released in 2021; it fits contingency tables, not respondents' weights, and
  has no caps;
- weightipy 0.4.2: works (when every respondent answered every dimension its RIM raking gives
  this module's weights to 1e-9; it holds non-respondents' weights at 1 where this module lets
  the other dimensions move them), but it needs pandas and installs `watchdog` and `requests`,
  which it never imports, and its own source marks its capping as needing "more rigorous
  testing".

Raking is a few lines of numpy, which Heard already has; the tests check it converges to the
margins, respects the caps and gives the effective sample size.

Respondents who did not answer a dimension (or answered "prefer not to say") keep their weight
for that dimension: the answered ones are raked among themselves, so non-response neither
shrinks nor inflates anyone. A category of the population with no respondents cannot be
represented by weighting; its share is spread over the others (the page says so)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .stats import effective_sample_size

DEFAULT_CAP = 5.0  # no weight above 5 times the mean, nor below a fifth of it


@dataclass(frozen=True)
class Margin:
    """One dimension: each respondent's category (None: not answered) and the population's
    amount per category (counts or shares: only their proportions matter)."""

    name: str
    values: Sequence[str | None]
    targets: Mapping[str, float]


@dataclass(frozen=True)
class RakeResult:
    weights: np.ndarray  # one per respondent, mean 1
    iterations: int
    converged: bool
    largest_gap: float  # the largest |weighted share - target share| left, over every margin
    capped: int  # how many weights sit at a cap
    effective_size: float
    missing: dict[str, list[str]]  # margin -> population categories no respondent is in

    @property
    def efficiency(self) -> float:
        return self.effective_size / len(self.weights) if len(self.weights) else 0.0


@dataclass
class _Coded:
    name: str
    codes: np.ndarray  # category index per respondent, -1 when not raked
    shares: np.ndarray  # target share per category, over the categories respondents are in


def _code(margin: Margin, size: int) -> tuple[_Coded, list[str]]:
    if len(margin.values) != size:
        raise ValueError(f"{margin.name}: {len(margin.values)} values for {size} respondents")
    categories = [c for c, amount in margin.targets.items() if amount > 0]
    index = {c: i for i, c in enumerate(categories)}
    codes = np.array([index.get(v, -1) if v is not None else -1 for v in margin.values], dtype=np.int64)
    present = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
    amounts = np.array([margin.targets[c] for c in categories], dtype=float) * present
    total = amounts.sum()
    shares = amounts / total if total else amounts
    missing = [c for c, there in zip(categories, present, strict=True) if not there]
    return _Coded(margin.name, codes, shares), missing


def _gap(weights: np.ndarray, coded: list[_Coded]) -> float:
    gap = 0.0
    for margin in coded:
        answered = margin.codes >= 0
        total = weights[answered].sum()
        if not total:
            continue
        sums = np.bincount(margin.codes[answered], weights=weights[answered], minlength=len(margin.shares))
        gap = max(gap, float(np.abs(sums / total - margin.shares).max()))
    return gap


def _cap(weights: np.ndarray, cap: float) -> np.ndarray:
    """Weights scaled to mean 1 and held between 1/cap and cap; the clipping moves the mean, so
    it is repeated until the weights settle (a few rounds)."""
    for _ in range(50):
        weights = weights / weights.mean()
        clipped = np.clip(weights, 1 / cap, cap)
        if np.allclose(clipped, weights, rtol=0, atol=1e-12):
            return clipped
        weights = clipped
    return weights


def rake(
    margins: Sequence[Margin],
    *,
    size: int,
    cap: float | None = DEFAULT_CAP,
    tolerance: float = 1e-6,
    max_iterations: int = 500,
) -> RakeResult:
    """Weights for `size` respondents matching every margin's shares as closely as the caps let.
    `cap` None: no caps (exact margins whenever raking can reach them)."""
    if cap is not None and cap <= 1:
        raise ValueError("cap must be above 1")
    coded, missing = [], {}
    for margin in margins:
        one, absent = _code(margin, size)
        coded.append(one)
        if absent:
            missing[margin.name] = absent
    weights = np.ones(size, dtype=float)
    iterations, gap = 0, _gap(weights, coded) if size else 0.0
    while size and gap > tolerance and iterations < max_iterations:
        before = weights.copy()
        for one in coded:
            answered = one.codes >= 0
            total = weights[answered].sum()
            sums = np.bincount(one.codes[answered], weights=weights[answered], minlength=len(one.shares))
            factors = np.divide(one.shares * total, sums, out=np.ones_like(sums), where=sums > 0)
            weights[answered] *= factors[one.codes[answered]]
        weights = _cap(weights, cap) if cap is not None else weights / weights.mean()
        iterations += 1
        gap = _gap(weights, coded)
        if np.abs(weights - before).max() < 1e-12:
            break  # the caps hold the weights where they are: no pass changes them now
    at_cap = 0
    if cap is not None and size:
        at_cap = int(np.sum(np.isclose(weights, cap) | np.isclose(weights, 1 / cap)))
    return RakeResult(
        weights=weights,
        iterations=iterations,
        converged=gap <= tolerance,
        largest_gap=gap,
        capped=at_cap,
        effective_size=effective_sample_size(weights.tolist()),
        missing=missing,
    )
