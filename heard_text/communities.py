"""The graph side of theme discovery (:mod:`heard_text.themes`): nearest neighbours, the
shared-nearest-neighbour graph, Leiden communities at a resolution, and small groups folded into
the nearest large one. :mod:`heard_text.granularity` runs the same steps at several resolutions.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

from heard_text import progress as stages


def min_theme_size(n: int) -> int:
    """Groups smaller than this are folded into their nearest theme: 3 answers, or 0.1% of a large set."""
    return max(3, math.ceil(0.001 * n))


def knn(
    vectors: np.ndarray, k: int, *, block: int = 1024, progress: Callable[[float], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k nearest neighbours (rows are unit vectors), excluding each row itself."""
    n = vectors.shape[0]
    k = min(k, n - 1)
    neighbours = np.zeros((n, k), dtype=np.int64)
    similarity = np.zeros((n, k), dtype=np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        sims = vectors[start:stop] @ vectors.T
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        part = np.argpartition(sims, n - k, axis=1)[:, n - k :]
        # order each row's neighbours by similarity, then index, so ties cannot depend on the sort
        part_sims = np.take_along_axis(sims, part, axis=1)
        order = np.lexsort((part, -part_sims), axis=1)
        neighbours[start:stop] = np.take_along_axis(part, order, axis=1)
        similarity[start:stop] = np.take_along_axis(part_sims, order, axis=1)
        if progress is not None:
            progress(stop / n)
    return neighbours, similarity


def snn_graph(neighbours: np.ndarray) -> sp.coo_matrix:
    """Symmetric kNN graph weighted by the Jaccard overlap of the two answers' neighbourhoods."""
    n, k = neighbours.shape
    rows = np.repeat(np.arange(n), k)
    cols = neighbours.ravel()
    membership = sp.csr_matrix((np.ones(n * k), (rows, cols)), shape=(n, n)) + sp.identity(n, format="csr")
    adjacency = sp.csr_matrix((np.ones(n * k), (rows, cols)), shape=(n, n))
    adjacency = sp.triu(adjacency.maximum(adjacency.T), k=1).tocoo()
    shared = np.asarray(membership[adjacency.row].multiply(membership[adjacency.col]).sum(axis=1)).ravel()
    weights = shared / (2 * (k + 1) - shared)
    return sp.coo_matrix((weights, (adjacency.row, adjacency.col)), shape=(n, n))


#: Leiden passes at most. Each pass starts from the groups the last one left, and the passes stop
#: as soon as one moves no answer (usually after two to five). igraph's own "until nothing moves"
#: (``n_iterations=-1``) has no such bound, and on a graph of near-identical answers it can move
#: answers back and forth for ever: an analysis then never ends, and the worker holds Python's lock
#: throughout, so not even its heartbeat is stamped.
MAX_PASSES = 20


def leiden(graph: sp.coo_matrix, *, seed: int, resolution: float, passes: int = MAX_PASSES) -> np.ndarray:
    """Leiden communities maximising modularity (igraph), with igraph's random numbers seeded,
    repeated from the last pass's groups until a pass moves nothing, ``passes`` at most."""
    import igraph as ig

    n = graph.shape[0]
    g = ig.Graph(n=n, edges=np.column_stack([graph.row, graph.col]).tolist(), directed=False)
    g.es["weight"] = graph.data.tolist()
    options = {"objective_function": "modularity", "weights": "weight", "resolution": resolution}
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))  # noqa: S311 - reproducibility, not secrecy
    try:
        membership = g.community_leiden(n_iterations=1, **options).membership
        for _ in range(passes - 1):
            moved = g.community_leiden(n_iterations=1, initial_membership=membership, **options).membership
            if _same_groups(moved, membership):
                break
            membership = moved
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    return np.asarray(membership, dtype=np.int64)


def _same_groups(a: list[int], b: list[int]) -> bool:
    """Whether two memberships group the nodes alike, whatever numbers they give the groups."""
    pairs = np.unique(np.column_stack([a, b]), axis=0)
    return len(pairs) == len(set(a)) == len(set(b))


def unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def fold_small_groups(vectors: np.ndarray, groups: np.ndarray, minimum: int) -> np.ndarray:
    """Move every member of a group smaller than ``minimum`` to the nearest large group's centre."""
    ids, counts = np.unique(groups, return_counts=True)
    large = ids[counts >= minimum]
    if len(large) == 0:
        # nothing is big enough to stand alone: keep the largest group, fold the rest into it
        large = ids[[int(np.argmax(counts))]]
    if len(large) == len(ids):
        return groups
    centres = unit(np.stack([vectors[groups == g].mean(axis=0) for g in large]))
    small_members = np.where(~np.isin(groups, large))[0]
    out = groups.copy()
    out[small_members] = large[np.argmax(vectors[small_members] @ centres.T, axis=1)]
    return out


def neighbour_graph(
    vectors: np.ndarray, neighbours: int, *, progress: stages.Progress | None = None
) -> sp.coo_matrix:
    """The shared-nearest-neighbour graph of unit row vectors (at least 4 rows)."""
    nbrs, _ = knn(
        vectors, neighbours, progress=stages.part(progress, stages.NEIGHBOURS, "linking neighbours")
    )
    return snn_graph(nbrs)


def numbered(groups: np.ndarray) -> np.ndarray:
    """Group ids renumbered 0..k-1 by decreasing size (ties: first member)."""
    ids, first, counts = np.unique(groups, return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-counts[i], first[i]))
    renumber = {int(ids[i]): rank for rank, i in enumerate(order)}
    return np.array([renumber[int(g)] for g in groups], dtype=np.int64)


def same_answers_together(vectors: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Rows with the same vector (the same answer sent by several people, embedded once) all in the
    group most of them are in (of equals, the lowest). Leiden can share identical nodes out among
    neighbouring groups, and a reader would see the same words under two themes."""
    rows_of: dict[bytes, list[int]] = {}
    for i, row in enumerate(vectors):
        rows_of.setdefault(row.tobytes(), []).append(i)
    out = groups.copy()
    for rows in rows_of.values():
        if len(rows) > 1:
            ids, counts = np.unique(groups[rows], return_counts=True)
            out[rows] = ids[int(np.argmax(counts))]
    return out


def partition(
    vectors: np.ndarray, graph: sp.coo_matrix, *, seed: int, resolution: float, minimum: int
) -> np.ndarray:
    """Leiden's groups of ``graph`` at ``resolution``, the same answers kept together, small groups
    folded in, numbered by size."""
    groups = same_answers_together(vectors, leiden(graph, seed=seed, resolution=resolution))
    return numbered(fold_small_groups(vectors, groups, minimum))
