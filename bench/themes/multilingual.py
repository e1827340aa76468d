"""The multilingual case of the themes benchmark: SIB-200 sentences in English, Welsh, Polish, Urdu
and Punjabi (``bench/data/sib200_multilingual.csv``, 7 topics, the same 1,004 sentences in each).

* **Mixed**: each sentence once, in one of the five languages in turn (about 200 per language), as a
  consultation whose answers come in several languages. Themes should follow the topic, not the
  language: NMI against the topic is the score, NMI against the language the warning sign.
* **English**: the same sentences, all in English, for the English figures beside them.
* **Codeframe across languages**: an analyst codes 70% of the sentences in English; the other 30%
  arrive in each language and are coded from that (per-response F1, as for the NHS file).

Each is run with the model Heard chooses by itself (``auto``) and with each model forced.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

FILE = "sib200_multilingual.csv"
LANGUAGES = ("en", "cy", "pl", "ur", "pa")


class _Memo:
    """An embedder that remembers vectors, so each text is embedded once per model."""

    def __init__(self, kind: str) -> None:
        from heard_text.embed import get_embedder

        self.inner = get_embedder(kind)
        self.name = self.inner.name
        self.seconds = 0.0
        self._memo: dict[str, np.ndarray] = {}

    def prepare(self, corpus: Sequence[str]) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._memo})
        if missing:
            start = time.perf_counter()
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self._memo[text] = vector
            self.seconds += time.perf_counter() - start
        return np.array([self._memo[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)


def load(data: Path) -> dict[int, dict[str, tuple[str, str]]]:
    """{sentence id: {language: (topic, text)}}."""
    out: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    with (data / FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[int(row["index_id"])][row["language"]] = (row["category"], row["text"])
    return dict(out)


def _themes(texts: list[str], memo: _Memo) -> tuple[list[int], int, float]:
    from heard_text.themes import discover_themes

    start = time.perf_counter()
    result = discover_themes(texts, seed=0, embedder=memo)
    return result.assignments, len(result.themes), time.perf_counter() - start


def _codeframe_f1(sentences: dict[int, dict[str, tuple[str, str]]], memo: _Memo) -> dict[str, float]:
    from sklearn.model_selection import train_test_split

    from heard_text.codeframe import ThemeAssigner

    ids = sorted(sentences)
    topics = [sentences[i]["en"][0] for i in ids]
    train, test = train_test_split(ids, test_size=0.3, random_state=0, stratify=topics)
    assigner = ThemeAssigner(seed=0, embedder=memo).fit(
        [sentences[i]["en"][1] for i in train], [[sentences[i]["en"][0]] for i in train]
    )
    scores = {}
    for language in LANGUAGES:
        predicted = assigner.assign([sentences[i][language][1] for i in test])
        f1s = []
        for i, assignment in zip(test, predicted, strict=True):
            hits = int(sentences[i][language][0] in assignment.themes)
            f1s.append(0.0 if not hits else 2 * hits / (1 + len(assignment.themes)))
        scores[language] = float(np.mean(f1s))
    return scores


def run(data: Path) -> list[str]:
    """The lines of the multilingual table."""
    from heard_text.embed import get_embedder

    sentences = load(data)
    ids = sorted(sentences)
    mixed_languages = [LANGUAGES[n % len(LANGUAGES)] for n in range(len(ids))]
    mixed = [sentences[i][lang][1] for i, lang in zip(ids, mixed_languages, strict=True)]
    english = [sentences[i]["en"][1] for i in ids]
    topics = [sentences[i]["en"][0] for i in ids]
    memos = {kind: _Memo(kind) for kind in ("minilm", "e5")}
    chosen = {
        "mixed": get_embedder(texts=mixed).name,
        "English": get_embedder(texts=english).name,
    }
    lines = [
        f"SIB-200, {len(ids)} sentences, {len(set(topics))} topics; mixed = each sentence once, "
        f"languages in turn ({', '.join(LANGUAGES)})",
        f"{'set':<9} {'model':<28} {'NMI topic':>9} {'ARI topic':>9} {'NMI language':>12} {'themes':>7} "
        f"{'time s*':>7}",
    ]
    for name, texts in (("mixed", mixed), ("English", english)):
        for kind, memo in memos.items():
            assignments, found, seconds = _themes(texts, memo)
            by_language = (
                normalized_mutual_info_score(mixed_languages, assignments) if name == "mixed" else 0.0
            )
            auto = " (auto)" if memo.name == chosen[name] else ""
            lines.append(
                f"{name:<9} {kind + auto:<28} {normalized_mutual_info_score(topics, assignments):>9.4f} "
                f"{adjusted_rand_score(topics, assignments):>9.4f} "
                f"{by_language if name == 'mixed' else float('nan'):>12.4f} {found:>7} {seconds:>7.1f}"
            )
    lines.append("* embedding included. Coverage is 100% in every run.")
    lines.append("Codeframe learnt from 70% of the sentences coded in English;")
    lines.append("per-response F1 on the other 30%, given in each language:")
    lines.append(f"{'model':<10} " + " ".join(f"{lang:>6}" for lang in LANGUAGES))
    for kind, memo in memos.items():
        f1 = _codeframe_f1(sentences, memo)
        lines.append(f"{kind:<10} " + " ".join(f"{f1[lang]:>6.3f}" for lang in LANGUAGES))
    for kind, memo in memos.items():
        lines.append(f"embedding time with {kind}: {memo.seconds:.1f} s")
    return lines
