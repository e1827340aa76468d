"""Leiden's passes (heard_text.communities.leiden): bounded, and the same groups as igraph's own
"until nothing moves" wherever that ends; and the same answer never under two themes."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from heard_text.communities import (
    MAX_PASSES,
    _same_groups,
    leiden,
    neighbour_graph,
    partition,
    same_answers_together,
    unit,
)

ROOT = Path(__file__).resolve().parents[2]


def tied_vectors(clustered: int = 20, repeated: int = 40) -> np.ndarray:
    """Answers in eight loose clusters plus one answer sent ``repeated`` times word for word: on
    this graph igraph's ``n_iterations=-1`` moves the repeated answers back and forth for ever at
    resolution 2 (seen in the fault test, where simulated residents all type the same sentence)."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(8, 16))
    loose = centres[np.arange(clustered) % 8] + 0.3 * rng.normal(size=(clustered, 16))
    same = np.repeat(rng.normal(size=(1, 16)), repeated, axis=0)
    return unit(np.vstack([loose, same]).astype(np.float32))


def _igraph_until_still(graph: sp.coo_matrix, seed: int, resolution: float) -> list[int]:
    import igraph as ig

    g = ig.Graph(n=graph.shape[0], edges=np.column_stack([graph.row, graph.col]).tolist())
    g.es["weight"] = graph.data.tolist()
    ig.set_random_number_generator(random.Random(seed))
    try:
        return list(
            g.community_leiden(
                objective_function="modularity", weights="weight", resolution=resolution, n_iterations=-1
            ).membership
        )
    finally:
        ig.set_random_number_generator(random)


def test_a_graph_on_which_leiden_never_settles_still_gets_groups() -> None:
    """Run in a process of its own: a Leiden that never ends holds Python's lock, so no timeout
    inside this process could stop it."""
    script = textwrap.dedent(
        """
        from heard_text.communities import leiden, neighbour_graph
        from heard_text.tests.test_communities import tied_vectors
        groups = leiden(neighbour_graph(tied_vectors(), 15), seed=0, resolution=2.0)
        print(len(groups), len(set(groups.tolist())))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    answers, groups = map(int, done.stdout.split())
    assert answers == 60 and 2 <= groups < 60


@pytest.mark.parametrize(("resolution", "seed"), [(0.5, 0), (1.0, 0), (1.0, 1), (4.0, 2)])
def test_where_leiden_settles_the_groups_are_igraphs_own(resolution: float, seed: int) -> None:
    graph = neighbour_graph(tied_vectors(repeated=0), 10)
    ours = leiden(graph, seed=seed, resolution=resolution)
    assert _same_groups(ours.tolist(), _igraph_until_still(graph, seed, resolution))


def test_one_pass_is_one_pass_and_the_bound_is_several() -> None:
    graph = neighbour_graph(tied_vectors(), 15)
    assert MAX_PASSES >= 5
    one = leiden(graph, seed=0, resolution=2.0, passes=1)
    assert len(one) == 60
    assert not _same_groups(one.tolist(), leiden(graph, seed=0, resolution=2.0).tolist())


def test_same_groups_ignores_the_numbers_given_to_groups() -> None:
    assert _same_groups([0, 0, 1, 2], [5, 5, 3, 9])
    assert not _same_groups([0, 0, 1, 1], [0, 1, 1, 1])
    assert not _same_groups([0, 0, 1, 1], [0, 0, 0, 0])


@pytest.mark.parametrize("resolution", [1.0, 2.0, 4.0])
def test_the_same_answer_is_never_split_between_groups(resolution: float) -> None:
    """Two answers, each sent by 50 people: at finer resolutions Leiden alone deals the copies out
    among many groups."""
    two = unit(np.random.default_rng(1).normal(size=(2, 16)).astype(np.float32))
    vectors = two[[0, 1] * 50]
    graph = neighbour_graph(vectors, 15)
    groups = partition(vectors, graph, seed=0, resolution=resolution, minimum=3)
    assert len(set(groups[0::2].tolist())) == len(set(groups[1::2].tolist())) == 1
    assert groups[0] != groups[1]


def test_copies_join_the_group_most_of_them_are_in() -> None:
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    moved = same_answers_together(vectors, np.array([4, 2, 2, 4, 7]))
    assert moved.tolist() == [2, 2, 2, 4, 7]
    # of equals, the lowest: and a lone answer keeps its own group
    assert same_answers_together(vectors[:2], np.array([5, 3])).tolist() == [3, 3]
