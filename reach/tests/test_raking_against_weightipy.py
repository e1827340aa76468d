"""reach/raking.py is written here (its docstring says why); weightipy, a maintained RIM-weighting
library, is the second opinion. For any sample in which every respondent answered every
dimension and every category has someone in it, uncapped raking must give weightipy's weights."""

import warnings

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from weightipy import scheme_from_dict, weight

from reach.raking import Margin, rake


@st.composite
def samples(draw):  # type: ignore[no-untyped-def]
    """2–3 dimensions of 2–4 categories, 40–250 respondents, every category held by at least
    five of them (in a shuffled order, so that no dimension mirrors another: raking cannot
    meet margins that contradict each other, and neither library claims to)."""
    size = draw(st.integers(40, 250))
    dimensions: dict[str, tuple[list[str], dict[str, float]]] = {}
    for d in range(draw(st.integers(2, 3))):
        categories = [f"c{k}" for k in range(draw(st.integers(2, 4)))]
        floor = categories * 5
        picks = draw(st.lists(st.sampled_from(categories), min_size=size - len(floor), max_size=size))
        values = draw(st.permutations(floor + picks[: size - len(floor)]))
        targets = {c: float(draw(st.integers(5, 60))) for c in categories}
        dimensions[f"d{d}"] = (values, targets)
    return size, dimensions


@settings(max_examples=15, deadline=None, derandomize=True)
@given(samples())
def test_uncapped_raking_gives_weightipys_weights(sample):
    size, dimensions = sample
    ours = rake(
        [Margin(name, values, targets) for name, (values, targets) in dimensions.items()],
        size=size,
        cap=None,
        tolerance=1e-12,
        max_iterations=5000,
    )
    assume(ours.converged)  # margins that contradict each other (one dimension mirroring another)
    scheme = scheme_from_dict(
        {name: targets for name, (_, targets) in dimensions.items()},
        rim_params={"convcrit": 1e-11, "max_iterations": 5000},
    )
    frame = pd.DataFrame({name: values for name, (values, _) in dimensions.items()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' own deprecations, inside weightipy
        theirs = weight(frame, scheme).to_numpy(dtype=float)
    theirs = theirs / theirs.mean()
    assert np.allclose(ours.weights, theirs, rtol=1e-5, atol=1e-8), np.abs(ours.weights - theirs).max()
