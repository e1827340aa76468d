"""Theme discovery: every answer gets a theme, empty answers get their own bucket.

How it works (see heard_text/README.md for the reasoning):

1. Answers that say nothing ("nothing", "n/a", "don't know", "no comment", blank) go to the empty
   bucket, theme id 0. They are never a theme.
2. The other answers are embedded (MiniLM, or LSA without the model) and linked to their 15 nearest
   neighbours by cosine similarity. Each link is weighted by how many neighbours the two answers share
   (Jaccard; the shared-nearest-neighbour graph of PhenoGraph).
3. Leiden community detection maximises modularity on that graph at resolution 0.7 (a little broader
   than the standard 1, which splits the labelled sets in bench/data finer than people do).
   The number of themes follows from the data: there is no k to choose and nothing is left out.
4. Groups smaller than the minimum theme size are folded into the theme whose centre is nearest,
   so coverage stays 100% without a catch-all "outlier" bucket.
5. Themes are numbered by size; each gets key terms (class-based TF-IDF), a name and a summary
   made from its most central answers (:mod:`heard_text.theme_names`) and the answers nearest its
   centre as representative quotes. :func:`label_groups` makes names, summaries and key terms the
   same way for groups changed afterwards.

The result depends only on the input texts, the seed and the embedder: the same call gives the same
themes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from heard_text import progress as stages
from heard_text.embed import Embedder, get_embedder
from heard_text.embed_cache import embed_in_chunks
from heard_text.keyterms import class_terms, key_phrases
from heard_text.text import is_empty_answer, normalise, words
from heard_text.theme_names import name_groups

EMPTY_THEME_ID = 0
EMPTY_THEME_LABEL = "No answer / nothing to add"
NEIGHBOURS = 15
#: Below modularity's standard 1: on the labelled sets in bench/data the number of themes then comes
#: closest to the human categories (banking77: 77 themes for 77 intents) with NMI as good or better.
RESOLUTION = 0.7
QUOTES = 3
KEY_TERMS = 10


@dataclass
class Theme:
    id: int
    label: str
    key_terms: list[str]
    quotes: list[str]
    members: list[int]
    quote_members: list[int]  # the members whose answers are ``quotes``, in the same order
    centroid: np.ndarray[Any, np.dtype[np.float32]] = field(repr=False)
    summary: str = ""  # two sentences: what the answers are mostly about, typical points

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class ThemeResult:
    """Themes and, for every input text, its theme id (``EMPTY_THEME_ID`` for empty answers)."""

    assignments: list[int]
    themes: list[Theme]
    empty: list[int]
    embedder: str
    seed: int

    @property
    def coverage(self) -> float:
        """Share of answers placed in a theme or in the empty bucket (always 1.0 here)."""
        if not self.assignments:
            return 1.0
        return sum(1 for a in self.assignments if a >= 0) / len(self.assignments)

    def label(self, theme_id: int) -> str:
        if theme_id == EMPTY_THEME_ID:
            return EMPTY_THEME_LABEL
        return self.theme(theme_id).label

    def theme(self, theme_id: int) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


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


def leiden(graph: sp.coo_matrix, *, seed: int, resolution: float = RESOLUTION) -> np.ndarray:
    """Leiden communities maximising modularity (igraph), with igraph's random numbers seeded."""
    import igraph as ig

    n = graph.shape[0]
    g = ig.Graph(n=n, edges=np.column_stack([graph.row, graph.col]).tolist(), directed=False)
    g.es["weight"] = graph.data.tolist()
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))  # noqa: S311 - reproducibility, not secrecy
    try:
        partition = g.community_leiden(
            objective_function="modularity", weights="weight", resolution=resolution, n_iterations=-1
        )
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    return np.asarray(partition.membership, dtype=np.int64)


def _unit(matrix: np.ndarray) -> np.ndarray:
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
    centres = _unit(np.stack([vectors[groups == g].mean(axis=0) for g in large]))
    small_members = np.where(~np.isin(groups, large))[0]
    out = groups.copy()
    out[small_members] = large[np.argmax(vectors[small_members] @ centres.T, axis=1)]
    return out


def cluster(
    vectors: np.ndarray,
    *,
    seed: int = 0,
    neighbours: int = NEIGHBOURS,
    resolution: float = RESOLUTION,
    minimum: int | None = None,
    progress: stages.Progress | None = None,
) -> np.ndarray:
    """Group ids 0..k-1 for unit row vectors, numbered by decreasing size (ties: first member)."""
    n = vectors.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n < 4:
        groups = np.zeros(n, dtype=np.int64)
    else:
        nbrs, _ = knn(
            vectors, neighbours, progress=stages.part(progress, stages.NEIGHBOURS, "linking neighbours")
        )
        stages.part(progress, stages.COMMUNITIES, "finding communities")(0.0)
        groups = leiden(snn_graph(nbrs), seed=seed, resolution=resolution)
        groups = fold_small_groups(vectors, groups, minimum or min_theme_size(n))
    ids, first, counts = np.unique(groups, return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-counts[i], first[i]))
    renumber = {int(ids[i]): rank for rank, i in enumerate(order)}
    return np.array([renumber[int(g)] for g in groups], dtype=np.int64)


def representative_members(
    texts: Sequence[str], members: Sequence[int], vectors: np.ndarray, centre: np.ndarray, count: int = QUOTES
) -> list[int]:
    """The members (indexes into ``texts``) nearest the theme's centre, skipping repeated answers and
    very short or very long ones unless nothing else is left."""
    member_array = np.asarray(members)
    sims = vectors[member_array] @ centre
    order = sorted(range(len(member_array)), key=lambda i: (-float(sims[i]), int(member_array[i])))
    chosen: list[int] = []
    seen: set[str] = set()
    fallback: list[int] = []
    for i in order:
        member = int(member_array[i])
        text = normalise(texts[member])
        key = text.lower()
        if key in seen:
            continue
        seen.add(key)
        if 3 <= len(words(text)) <= 60:
            chosen.append(member)
        else:
            fallback.append(member)
        if len(chosen) >= count:
            break
    return (chosen + fallback)[:count]


@dataclass(frozen=True)
class GroupLabel:
    label: str  # the theme's name, e.g. "Police should listen to young people"
    key_terms: list[str]
    summary: str = ""


def label_groups(
    texts: Sequence[str], groups: Sequence[int], *, vectors: np.ndarray | None = None
) -> dict[int, GroupLabel]:
    """The name, summary and key terms of each group of ``texts`` (``groups[i]`` is the group of
    ``texts[i]``), made as :func:`discover_themes` makes them: key terms weigh each group against all
    the groups given, names are distinct, in the order of the group ids (see
    :mod:`heard_text.theme_names`). ``vectors`` (unit rows, one per text) name a group after the
    answers nearest its centre; without them, after those using most of its key terms. For themes
    whose answers changed (removed, moved, merged): an unchanged set gets its labels back."""
    stats = class_terms(texts, groups)
    group_ids = sorted(stats)
    terms = {g: [t.text for t in key_phrases(stats[g], count=KEY_TERMS)] for g in group_ids}
    names = name_groups(texts, groups, stats, vectors=vectors)
    return {
        g: GroupLabel(label=names[g].name, key_terms=terms[g], summary=names[g].summary) for g in group_ids
    }


def discover_themes(
    texts: Sequence[str],
    *,
    seed: int = 0,
    embedder: Embedder | None = None,
    vectors: np.ndarray | None = None,
    neighbours: int = NEIGHBOURS,
    resolution: float = RESOLUTION,
    min_size: int | None = None,
    languages: Sequence[str | None] = (),
    progress: stages.Progress | None = None,
) -> ThemeResult:
    """Find themes in free-text answers. ``vectors`` (unit rows, one per text) skips embedding.

    Without an ``embedder``, the model is chosen for these answers (English or multilingual, see
    :func:`heard_text.embed.get_embedder`); ``languages`` are the languages recorded with them, if any.
    ``progress(share, stage)`` is called as the work goes (:mod:`heard_text.progress`).
    """
    texts = [t if isinstance(t, str) else "" for t in texts]
    empty = [i for i, t in enumerate(texts) if is_empty_answer(t)]
    empty_set = set(empty)
    answered = [i for i in range(len(texts)) if i not in empty_set]
    assignments = [EMPTY_THEME_ID] * len(texts)
    embedder_name = "precomputed"
    if vectors is None:
        answered_texts = [normalise(texts[i]) for i in answered]
        model = embedder or get_embedder(seed=seed, texts=answered_texts, languages=languages)
        embedder_name = model.name
        model.prepare(answered_texts)
        unique = sorted(set(answered_texts))
        embedding = stages.part(progress, stages.EMBEDDING, "embedding answers")
        unique_vectors = (
            embed_in_chunks(model, unique, lambda done, total: embedding(done / max(total, 1)))
            if unique
            else np.zeros((0, 1), dtype=np.float32)
        )
        position = {t: i for i, t in enumerate(unique)}
        sub = (
            unique_vectors[[position[t] for t in answered_texts]]
            if answered
            else np.zeros((0, 1), dtype=np.float32)
        )
    else:
        sub = np.asarray(vectors, dtype=np.float32)[answered] if answered else np.zeros((0, 1), np.float32)
    sub = _unit(sub)
    groups = cluster(
        sub, seed=seed, neighbours=neighbours, resolution=resolution, minimum=min_size, progress=progress
    )
    stages.part(progress, stages.NAMING, "naming themes")(0.0)
    for row, group in zip(answered, groups, strict=True):
        assignments[row] = int(group) + 1
    answers = [texts[i] for i in answered]
    labelled = label_groups(answers, [int(g) for g in groups], vectors=sub)
    themes: list[Theme] = []
    for group, found in sorted(labelled.items()):
        local = np.where(groups == group)[0]
        centre = _unit(sub[local].mean(axis=0)).astype(np.float32)
        quote_members = [answered[i] for i in representative_members(answers, local.tolist(), sub, centre)]
        themes.append(
            Theme(
                id=group + 1,
                label=found.label,
                summary=found.summary,
                key_terms=found.key_terms,
                quotes=[normalise(texts[i]) for i in quote_members],
                members=[answered[i] for i in local],
                quote_members=quote_members,
                centroid=centre,
            )
        )
    stages.part(progress, stages.NAMING, "naming themes")(1.0)
    return ThemeResult(assignments=assignments, themes=themes, empty=empty, embedder=embedder_name, seed=seed)
