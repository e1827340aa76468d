"""The statistics of reach against known values: the Wilson score interval, the representation
ratio and its flag, Kish's effective sample size, and raking (margins met, caps held)."""

import numpy as np
import pytest

from reach.raking import Margin, rake
from reach.stats import effective_sample_size, flag_for, represent, wilson_interval


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (5, 10, 0.2366, 0.7634),  # Wilson (1927); Newcombe (1998), table I
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),  # Newcombe's example 81/263
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_the_wilson_interval_has_the_published_values(successes, trials, low, high):
    found = wilson_interval(successes, trials)
    assert found == pytest.approx((low, high), abs=5e-5)


def test_no_trials_know_nothing_and_impossible_counts_are_refused():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_flags_are_under_over_or_ok_by_the_whole_interval():
    assert flag_for(0.05, 0.15, 0.20) == "under"
    assert flag_for(0.25, 0.40, 0.20) == "over"
    assert flag_for(0.10, 0.30, 0.20) == "ok"
    assert flag_for(0.10, 0.20, 0.20) == "ok"  # touching is not a gap


def test_represent_gives_share_ratio_interval_and_flag_per_category():
    rows = {r.category: r for r in represent({"Female": 30, "Male": 10}, {"Female": 510, "Male": 490})}
    women = rows["Female"]
    assert women.participants == 30 and women.share == 0.75
    assert women.population_share == pytest.approx(0.51)
    assert women.ratio == pytest.approx(0.75 / 0.51)
    assert (women.low, women.high) == pytest.approx(wilson_interval(30, 40))
    assert women.flag == "over" and rows["Male"].flag == "under"


def test_represent_lists_population_categories_first_and_any_others_after():
    rows = represent({"B": 2, "Z": 1}, {"A": 1, "B": 1})
    assert [r.category for r in rows] == ["A", "B", "Z"]
    assert rows[0].participants == 0 and rows[2].population_share == 0 and rows[2].ratio is None


def test_nobody_answering_gives_no_share_and_no_flag():
    rows = represent({}, {"A": 1, "B": 3})
    assert all(r.share is None and r.low is None and r.flag == "ok" for r in rows)


def test_kish_effective_sample_size():
    assert effective_sample_size([1, 1, 1, 1]) == 4
    assert effective_sample_size([2, 1, 1]) == pytest.approx(16 / 6)
    assert effective_sample_size([]) == 0


def _shares(values, weights):
    total = sum(w for v, w in zip(values, weights, strict=True) if v is not None)
    found = {}
    for value, weight in zip(values, weights, strict=True):
        if value is not None:
            found[value] = found.get(value, 0) + weight / total
    return found


def test_raking_meets_every_margin():
    rng = np.random.default_rng(3)
    n = 300
    age = list(rng.choice(["young", "middle", "old"], n, p=[0.15, 0.35, 0.5]))
    sex = list(rng.choice(["F", "M"], n, p=[0.35, 0.65]))
    result = rake(
        [
            Margin("age", age, {"young": 35, "middle": 35, "old": 30}),
            Margin("sex", sex, {"F": 51, "M": 49}),
        ],
        size=n,
        cap=None,
        tolerance=1e-9,
    )
    assert result.converged and result.largest_gap < 1e-9
    assert _shares(age, result.weights) == pytest.approx({"young": 0.35, "middle": 0.35, "old": 0.30})
    assert _shares(sex, result.weights) == pytest.approx({"F": 0.51, "M": 0.49})
    assert result.weights.mean() == pytest.approx(1)
    assert result.effective_size == pytest.approx(effective_sample_size(result.weights.tolist()))
    assert result.effective_size < n  # weighting costs precision


def test_raking_one_margin_is_post_stratification():
    """With one dimension the weights are the population share over the sample share."""
    values = ["a"] * 30 + ["b"] * 10
    result = rake([Margin("x", values, {"a": 50, "b": 50})], size=40, cap=None)
    assert result.weights[0] == pytest.approx(0.5 / 0.75) and result.weights[-1] == pytest.approx(0.5 / 0.25)


def test_capped_weights_stay_within_the_cap():
    values = ["a"] * 95 + ["b"] * 5
    uncapped = rake([Margin("x", values, {"a": 50, "b": 50})], size=100, cap=None)
    assert uncapped.weights.max() == pytest.approx(10)  # 0.5 / 0.05
    capped = rake([Margin("x", values, {"a": 50, "b": 50})], size=100, cap=3)
    assert capped.weights.max() <= 3 + 1e-9 and capped.weights.min() >= 1 / 3 - 1e-9
    assert capped.capped > 0 and not capped.converged and capped.largest_gap > 0.1
    assert capped.weights.mean() == pytest.approx(1)
    assert capped.effective_size > uncapped.effective_size


def test_non_respondents_keep_their_weight_and_absent_groups_are_reported():
    values = ["a"] * 20 + ["b"] * 10 + [None] * 10
    result = rake([Margin("x", values, {"a": 40, "b": 40, "c": 20})], size=40, cap=None)
    assert result.missing == {"x": ["c"]}
    assert _shares(values, result.weights) == pytest.approx({"a": 0.5, "b": 0.5})  # c's share spread
    assert result.weights[-1] == pytest.approx(1)


def test_cap_must_be_above_one():
    with pytest.raises(ValueError):
        rake([], size=0, cap=1)
