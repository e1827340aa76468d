"""Broader and finer themes from the same vectors: the middle level is theme discovery's own and
the number of groups rises from the broadest level to the finest."""

import numpy as np

from heard_text.granularity import LEVEL_NAMES, LEVELS, STANDARD, levels
from heard_text.themes import cluster, discover_themes, monotone


def _blobs(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(12, 24))
    # 12 tight groups in 3 families of 4: broad levels find the families, fine ones the groups
    families = rng.normal(size=(3, 24)) * 4
    rows = [families[i // 4] + centres[i] + rng.normal(scale=0.25, size=(30, 24)) for i in range(12)]
    vectors = np.vstack(rows)
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_the_middle_level_is_theme_discovery_s_own():
    vectors = _blobs()
    found = levels(vectors)
    assert len(found) == len(LEVELS) == len(LEVEL_NAMES)
    assert np.array_equal(found[STANDARD], cluster(vectors))


def test_broader_levels_have_fewer_groups():
    rng = np.random.default_rng(1)
    vectors = _blobs() + rng.normal(scale=0.5, size=_blobs().shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    counts = [int(groups.max()) + 1 for groups in levels(vectors)]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]


def test_small_inputs_are_one_group():
    assert [g.tolist() for g in levels(np.eye(3, dtype=np.float32))] == [[0, 0, 0]] * 5


def test_discovery_makes_the_levels_on_its_own_graph():
    texts = [f"answer {i} about {topic}" for topic in ("roads", "parks", "noise") for i in range(8)] + ["n/a"]
    vectors = np.vstack([_blobs()[i * 30 : i * 30 + 8] for i in range(3)] + [np.ones((1, 24), np.float32)])
    found = discover_themes(texts, vectors=vectors, resolutions=LEVELS)
    assert len(found.levels) == len(LEVELS)
    standard = found.levels[STANDARD]
    assert standard.groups == found.assignments and standard.groups[-1] == 0
    for theme in found.themes:
        quoted = sorted((q, i) for i, q in enumerate(standard.quotes) if q is not None and i in theme.members)
        assert [i for _, i in quoted] == theme.quote_members
    counts = [len(set(level.groups) - {0}) for level in found.levels]
    assert counts == sorted(counts)
    assert discover_themes(texts, vectors=vectors).levels == []


def test_broader_levels_never_have_more_groups_than_finer_ones():
    parts = [np.array(p) for p in ([0, 1, 2, 3], [0, 0, 1, 1], [0, 0, 1, 2], [0, 0, 0, 0], [0, 1, 2, 3])]
    counts = [len(set(p.tolist())) for p in monotone(parts, STANDARD)]
    assert counts == [2, 2, 3, 3, 4]
