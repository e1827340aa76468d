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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from heard_text import progress as stages
from heard_text.communities import min_theme_size, neighbour_graph, partition, unit
from heard_text.embed import Embedder, get_embedder
from heard_text.embed_cache import embed_in_chunks
from heard_text.keyterms import class_terms, key_phrases
from heard_text.text import is_empty_answer, normalise, words
from heard_text.theme_names import name_groups

EMPTY_THEME_ID = 0
EMPTY_THEME_LABEL = "No answer / nothing to add"
NEIGHBOURS = 15
#: Modularity's standard 1. With MiniLM's int8 vectors it gives the best NMI on both labelled sets
#: in bench/data among 0.7-1.2 and 10-30 neighbours that keep the theme count near the human
#: categories (banking77: 83-84 themes for 77 intents, NMI 0.810; 0.7 gave 78 and 0.801).
RESOLUTION = 1.0
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
class Level:
    """The answers grouped at one resolution (:mod:`heard_text.granularity`), kept so that an analyst
    can ask for broader or finer themes without anything being embedded again."""

    groups: list[int]  # for every input text, like ``ThemeResult.assignments``: 1..k, or EMPTY_THEME_ID
    quotes: list[int | None]  # for every input text, its place among its group's quotes, or None


@dataclass
class ThemeResult:
    """Themes and, for every input text, its theme id (``EMPTY_THEME_ID`` for empty answers)."""

    assignments: list[int]
    themes: list[Theme]
    empty: list[int]
    embedder: str
    seed: int
    levels: list[Level] = field(default_factory=list)  # one per resolution asked for, if any

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


def cluster(
    vectors: np.ndarray,
    *,
    seed: int = 0,
    neighbours: int = NEIGHBOURS,
    resolution: float = RESOLUTION,
    minimum: int | None = None,
    progress: stages.Progress | None = None,
    graph: sp.coo_matrix | None = None,
) -> np.ndarray:
    """Group ids 0..k-1 for unit row vectors, numbered by decreasing size (ties: first member).
    ``graph`` (from :func:`neighbour_graph`) saves building it again."""
    n = vectors.shape[0]
    if n < 4:
        return np.zeros(n, dtype=np.int64)
    if graph is None:
        graph = neighbour_graph(vectors, neighbours, progress=progress)
    stages.part(progress, stages.COMMUNITIES, "finding communities")(0.0)
    return partition(vectors, graph, seed=seed, resolution=resolution, minimum=minimum or min_theme_size(n))


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
    resolutions: Sequence[float] = (),
) -> ThemeResult:
    """Find themes in free-text answers. ``vectors`` (unit rows, one per text) skips embedding.
    ``resolutions`` also group the answers at those resolutions (``ThemeResult.levels``), on the
    same neighbour graph.

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
    sub = unit(sub)
    graph = neighbour_graph(sub, neighbours, progress=progress) if resolutions and len(sub) >= 4 else None
    groups = cluster(
        sub,
        seed=seed,
        neighbours=neighbours,
        resolution=resolution,
        minimum=min_size,
        progress=progress,
        graph=graph,
    )
    stages.part(progress, stages.NAMING, "naming themes")(0.0)
    for row, group in zip(answered, groups, strict=True):
        assignments[row] = int(group) + 1
    answers = [texts[i] for i in answered]
    labelled = label_groups(answers, [int(g) for g in groups], vectors=sub)
    themes: list[Theme] = []
    for group, found in sorted(labelled.items()):
        local = np.where(groups == group)[0]
        centre = unit(sub[local].mean(axis=0)).astype(np.float32)
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
    smallest = min_size or min_theme_size(len(sub))
    found_levels = answer_levels(
        texts,
        answered,
        sub,
        graph,
        groups,
        seed=seed,
        at=resolution,
        resolutions=resolutions,
        minimum=smallest,
    )
    stages.part(progress, stages.NAMING, "naming themes")(1.0)
    return ThemeResult(
        assignments=assignments,
        themes=themes,
        empty=empty,
        embedder=embedder_name,
        seed=seed,
        levels=found_levels,
    )


def answer_levels(
    texts: Sequence[str],
    answered: Sequence[int],
    vectors: np.ndarray,
    graph: sp.coo_matrix | None,
    groups: np.ndarray,
    *,
    seed: int,
    at: float,
    resolutions: Sequence[float],
    minimum: int,
) -> list[Level]:
    """Theme discovery's levels: ``groups`` (found at resolution ``at`` on ``graph``) and the
    groups at each other resolution, indexed like ``texts`` (``vectors`` are the ``answered``
    ones'), each group with its quotes chosen as discovery chooses them."""
    partitions = [
        groups
        if r == at or graph is None
        else partition(vectors, graph, seed=seed, resolution=r, minimum=minimum)
        for r in resolutions
    ]
    if at in resolutions:
        partitions = monotone(partitions, list(resolutions).index(at))
    return [_level(texts, answered, vectors, p) for p in partitions]


def _level(texts: Sequence[str], answered: Sequence[int], vectors: np.ndarray, groups: np.ndarray) -> Level:
    out = Level(groups=[EMPTY_THEME_ID] * len(texts), quotes=[None] * len(texts))
    answers = [texts[i] for i in answered]
    for group in np.unique(groups):
        local = np.where(groups == group)[0]
        centre = unit(vectors[local].mean(axis=0)).astype(np.float32)
        for place, i in enumerate(representative_members(answers, local.tolist(), vectors, centre)):
            out.quotes[answered[i]] = place
        for i in local:
            out.groups[answered[i]] = int(group) + 1
    return out


def monotone(partitions: list[np.ndarray], standard: int) -> list[np.ndarray]:
    """The partitions, broadest first, made never to have more groups than a finer one: a broader
    level with more groups than the next finer level takes that level's groups, a finer level with
    fewer than the next broader one takes that one's, working out from ``standard``. On a few
    dozen answers Leiden at a low resolution can find more communities than at a higher one, and
    "Broader" must never show more themes than "As found"."""
    out = list(partitions)
    count = [len(np.unique(p)) for p in out]
    for i in range(standard - 1, -1, -1):
        if count[i] > count[i + 1]:
            out[i], count[i] = out[i + 1], count[i + 1]
    for i in range(standard + 1, len(out)):
        if count[i] < count[i - 1]:
            out[i], count[i] = out[i - 1], count[i - 1]
    return out
