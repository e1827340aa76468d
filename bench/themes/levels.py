"""Broader or finer themes in the themes benchmark: on each labelled set, the groups at every level
the analyst can choose (heard_text/granularity.py, from the vectors the run embedded), their number
against the human categories', NMI against those categories, and how long the five levels took."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import normalized_mutual_info_score


@dataclass
class Levels:
    dataset: str
    categories: int
    counts: list[int]
    nmi: list[float]
    seconds: float


FOUND: list[Levels] = []


def measure_levels(name: str, vectors: np.ndarray, labels: list[str]) -> None:
    from heard_text.granularity import levels

    start = time.perf_counter()
    groups = levels(vectors)
    seconds = time.perf_counter() - start
    FOUND.append(
        Levels(
            dataset=name,
            categories=len(set(labels)),
            counts=[len(set(g.tolist())) for g in groups],
            nmi=[float(normalized_mutual_info_score(labels, g)) for g in groups],
            seconds=seconds,
        )
    )


def print_levels() -> None:
    from heard_text.granularity import LEVEL_NAMES

    print()
    print("Broader or finer themes: themes (NMI against the first human labels) at each level")
    header = (
        f"{'dataset':<22} {'human':>6} " + " ".join(f"{n:>16}" for n in LEVEL_NAMES) + f" {'all 5, s':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in FOUND:
        cells = " ".join(f"{f'{c} ({nmi:.3f})':>16}" for c, nmi in zip(row.counts, row.nmi, strict=True))
        print(f"{row.dataset:<22} {row.categories:>6} {cells} {row.seconds:>9.1f}")
