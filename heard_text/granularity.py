"""Broader or finer themes from the same vectors: the partition at several resolutions at once.

The nearest-neighbour graph is built once and Leiden runs at each resolution of :data:`LEVELS`, so
an analyst can move between much broader and much finer themes without anything being embedded
again. Each level's groups are folded and numbered as :func:`heard_text.themes.cluster` does.
:func:`heard_text.themes.discover_themes` makes the same levels while it finds themes, when asked
(``resolutions=LEVELS``), on the graph it builds anyway.
"""

from __future__ import annotations

import numpy as np

from heard_text.communities import min_theme_size, neighbour_graph, partition
from heard_text.themes import NEIGHBOURS, RESOLUTION, monotone

#: Five levels, from much broader to much finer; the middle one is theme discovery's own.
LEVELS = (RESOLUTION * 0.25, RESOLUTION * 0.5, RESOLUTION, RESOLUTION * 2, RESOLUTION * 4)
LEVEL_NAMES = ("Much broader", "Broader", "As found", "Finer", "Much finer")
STANDARD = 2


def levels(
    vectors: np.ndarray,
    *,
    seed: int = 0,
    resolutions: tuple[float, ...] = LEVELS,
    neighbours: int = NEIGHBOURS,
    minimum: int | None = None,
) -> list[np.ndarray]:
    """For each resolution, group ids 0..k-1 of the unit row ``vectors`` (largest group first)."""
    n = vectors.shape[0]
    if n < 4:
        return [np.zeros(n, dtype=np.int64) for _ in resolutions]
    graph = neighbour_graph(vectors, neighbours)
    smallest = minimum or min_theme_size(n)
    found = [partition(vectors, graph, seed=seed, resolution=r, minimum=smallest) for r in resolutions]
    return monotone(found, resolutions.index(RESOLUTION)) if RESOLUTION in resolutions else found
