"""Embedding speed in the themes benchmark: MiniLM with the settings before batching by word
pieces and int8 arithmetic (the baseline, measured in the same run: float products in batches of
64 texts), then today's embedder through a vector cache,
nothing cached and then everything cached; printed as texts per second and their ratio."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np


@dataclass
class Speed:
    dataset: str
    texts: int
    baseline: float  # seconds, MiniLM as before: float products, batches of 64 texts
    first: float  # seconds, today's MiniLM through the cache, nothing cached yet
    again: float  # seconds, the same texts again: every vector from the cache
    cosine: float  # the lowest cosine between a baseline vector and today's
    mean_cosine: float  # and their mean: int8 products move every vector a little
    load_before: float  # seconds to load the model with the earlier settings
    load_now: float  # seconds to load today's: deriving the int8 model, once per process


SPEEDS: list[Speed] = []


def measure_embedding(name: str, texts: list[str]) -> tuple[np.ndarray, float]:
    """Embed ``texts`` with the earlier settings, then today's through a vector cache, twice."""
    from heard_text.embed import MiniLMEmbedder
    from heard_text.embed_cache import CachedEmbedder, MemoryStore
    from heard_text.text import normalise

    texts = [normalise(t) for t in texts]  # as theme discovery embeds them
    start = time.perf_counter()
    baseline = MiniLMEmbedder(batch_tokens=None, batch_size=64, spinning=True, int8=False)
    load_before = time.perf_counter() - start
    start = time.perf_counter()
    before = baseline.embed(texts)
    seconds = [time.perf_counter() - start]
    start = time.perf_counter()
    cached = CachedEmbedder(MiniLMEmbedder(), MemoryStore())
    load_now = time.perf_counter() - start
    for _ in range(2):
        start = time.perf_counter()
        vectors = cached.embed(texts)
        seconds.append(time.perf_counter() - start)
    cosines = (before * vectors).sum(axis=1) if len(texts) else np.ones(1)
    SPEEDS.append(
        Speed(
            name,
            len(texts),
            *seconds,
            cosine=float(cosines.min()),
            mean_cosine=float(cosines.mean()),
            load_before=load_before,
            load_now=load_now,
        )
    )
    print(f"  embedded: {len(texts) / seconds[0]:.0f} texts/s before, {len(texts) / seconds[1]:.0f} now")
    return vectors, seconds[1]


def print_speeds() -> None:
    print()
    print("Embedding speed, MiniLM (texts per second, on this machine's cores, all texts incl. repeats)")
    header = (
        f"{'dataset':<22} {'texts':>6} {'before':>8} {'now':>8} {'ratio':>6} {'re-run (cache)':>15} "
        f"{'min cos':>8} {'mean cos':>8}"
    )
    print(header)
    print("-" * len(header))
    for s in SPEEDS:
        rate = [s.texts / max(t, 1e-9) for t in (s.baseline, s.first, s.again)]
        print(
            f"{s.dataset:<22} {s.texts:>6} {rate[0]:>8.0f} {rate[1]:>8.0f} {rate[1] / rate[0]:>5.2f}x "
            f"{rate[2]:>15.0f} {s.cosine:>8.4f} {s.mean_cosine:>8.4f}"
        )
    for s in SPEEDS[:1]:
        print(
            f"Loading the model (once per process, not in the rates above): {s.load_before:.1f} s before, "
            f"{s.load_now:.1f} s now (deriving its int8 products)"
        )
