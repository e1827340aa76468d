"""Codeframes and assigning their themes to answers (multi-label, with a confidence).

A codeframe is a JSON file::

    {"name": "...", "themes": [{"id": "drugs", "label": "Drugs", "description": "...",
                                "examples": ["Drug dealing on the corner", ...], "keywords": ["cannabis"]}]}

Assignment is one logistic regression per theme (one-vs-rest) over the sentence embedding, TF-IDF of
words and word pairs, and one "mentions a keyword of theme X" feature per theme. It learns from the
codeframe itself (each description and example is a training answer for its theme) and, once an
analyst has coded answers, from those too — coded answers count as much as examples, and there are
usually many more of them. A theme is given when its probability reaches 0.5; an answer with no such
theme gets its most likely theme if that reaches ``MIN_CONFIDENCE``, otherwise none (for an analyst).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from heard_text.embed import Embedder, get_embedder
from heard_text.embed_cache import CachedEmbedder, VectorStore
from heard_text.text import analyser_tokens, is_empty_answer, normalise

THRESHOLD = 0.5
MIN_CONFIDENCE = 0.2
TFIDF_WEIGHT = 0.5
KEYWORD_WEIGHT = 0.5


@dataclass(frozen=True)
class CodeframeTheme:
    id: str
    label: str
    description: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codeframe:
    name: str
    themes: tuple[CodeframeTheme, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Codeframe:
        themes = []
        seen: set[str] = set()
        for raw in data.get("themes", []):
            label = str(raw.get("label") or raw.get("name") or raw.get("id") or "").strip()
            theme_id = str(raw.get("id") or label).strip()
            if not label or theme_id in seen:
                raise ValueError(f"codeframe theme {raw!r} needs a unique id and a label")
            seen.add(theme_id)
            themes.append(
                CodeframeTheme(
                    id=theme_id,
                    label=label,
                    description=str(raw.get("description") or ""),
                    examples=tuple(str(e) for e in raw.get("examples") or ()),
                    keywords=tuple(str(k).lower() for k in raw.get("keywords") or ()),
                )
            )
        if not themes:
            raise ValueError("a codeframe needs at least one theme")
        return cls(name=str(data.get("name") or "codeframe"), themes=tuple(themes))

    @classmethod
    def load(cls, path: str | Path) -> Codeframe:
        with open(path, encoding="utf-8") as handle:
            return cls.from_dict(json.load(handle))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "themes": [
                {
                    "id": t.id,
                    "label": t.label,
                    "description": t.description,
                    "examples": list(t.examples),
                    "keywords": list(t.keywords),
                }
                for t in self.themes
            ],
        }

    def resolve(self, name: str) -> str:
        """A theme's label from its id or label (case-insensitive); unknown names are kept as they are."""
        key = name.strip().lower()
        for theme in self.themes:
            if key in (theme.id.lower(), theme.label.lower()):
                return theme.label
        return name.strip()


def policing_codeframe() -> Codeframe:
    """The policing codeframe shipped with Heard (``heard_text/data/policing_codeframe.json``)."""
    text = resources.files("heard_text").joinpath("data/policing_codeframe.json").read_text("utf-8")
    return Codeframe.from_dict(json.loads(text))


def split_labels(value: str | None, separator: str = "|") -> list[str]:
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


@dataclass
class Assignment:
    themes: list[str]
    scores: list[float]
    confidence: float


@dataclass
class _Keywords:
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def features(self, texts: Sequence[str]) -> sp.csr_matrix:
        data = np.zeros((len(texts), len(self.patterns)), dtype=np.float32)
        for i, text in enumerate(texts):
            lowered = normalise(text).lower()
            for j, pattern in enumerate(self.patterns):
                if pattern.search(lowered):
                    data[i, j] = 1.0
        return sp.csr_matrix(data)


def _keyword_pattern(words: Iterable[str], extra: str | None = None) -> re.Pattern[str]:
    """Any of ``words`` as whole words, or the regular expression ``extra`` (other languages' keywords)."""
    alternatives = sorted({re.escape(w.lower()) for w in words if w.strip()}, key=len, reverse=True)
    parts = [r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])"] if alternatives else []
    if extra:
        parts.append(extra)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(parts))


def _is_multilingual(embedder: Embedder) -> bool:
    from heard_text.embed import E5Embedder

    return embedder.name == E5Embedder.name


class ThemeAssigner:
    """Learns themes from a codeframe and/or coded answers, then assigns them to new answers."""

    def __init__(
        self,
        *,
        embedder: Embedder | None = None,
        seed: int = 0,
        c: float = 1.0,
        languages: Sequence[str | None] = (),
        store: VectorStore | None = None,
    ) -> None:
        """``store`` (:mod:`heard_text.embed_cache`) gives the vectors of texts embedded before
        and keeps the new ones; it wraps the embedder chosen for the texts."""
        self._embedder = embedder
        self._store = store
        self.seed = seed
        self.c = c
        self.languages = list(languages)
        self._corpus: list[str] = []
        self.labels: list[str] = []
        self._models: list[Any] = []
        self._vectorizer: Any = None
        self._keywords = _Keywords()
        # with the multilingual model: the same themes learnt without the English word features, for
        # answers in other languages (whose words the English TF-IDF cannot see)
        self._crosslingual: list[Any] = []
        self.skip_empty = True

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(seed=self.seed, texts=self._corpus, languages=self.languages)
            if self._store is not None:
                self._embedder = CachedEmbedder(self._embedder, self._store)
        return self._embedder

    def _parts(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
        cleaned = [normalise(t) for t in texts]
        dense = sp.csr_matrix(self.embedder.embed(cleaned))
        words = self._vectorizer.transform(cleaned) * TFIDF_WEIGHT
        keywords = self._keywords.features(cleaned) * KEYWORD_WEIGHT
        return dense, words, keywords

    def _features(self, texts: Sequence[str]) -> sp.csr_matrix:
        return sp.hstack(self._parts(texts)).tocsr()

    def _fit_models(self, features: sp.csr_matrix, train_labels: Sequence[Sequence[str]]) -> list[Any]:
        from sklearn.linear_model import LogisticRegression

        models: list[Any] = []
        for label in self.labels:
            target = np.array([label in group for group in train_labels], dtype=int)
            if target.min() == target.max():
                models.append(float(target[0]))
                continue
            model = LogisticRegression(
                C=self.c, max_iter=2000, random_state=self.seed, class_weight="balanced"
            )
            model.fit(features, target)
            models.append(model)
        return models

    def fit(
        self,
        texts: Sequence[str] = (),
        labels: Sequence[Sequence[str]] = (),
        *,
        codeframe: Codeframe | None = None,
        extra_corpus: Sequence[str] = (),
    ) -> ThemeAssigner:
        """Learn from coded answers (``labels[i]`` are the themes of ``texts[i]``) and/or a codeframe.

        ``extra_corpus`` (the answers to be coded) lets the LSA fallback see their words too, and
        chooses the model: answers in Welsh, Polish, Urdu or Punjabi (there or in ``texts``, or in the
        ``languages`` given to the constructor) are coded with the multilingual one, which matches
        them to the codeframe's English descriptions and examples.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer

        from heard_text.codeframe_multilingual import keyword_regex

        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        train_texts: list[str] = []
        train_labels: list[list[str]] = []
        for text, themes in zip(texts, labels, strict=True):
            names = [codeframe.resolve(t) if codeframe else t.strip() for t in themes if t.strip()]
            if names:
                train_texts.append(text)
                train_labels.append(names)
        # analysts who code "nothing" answers want them coded; with a codeframe only, they get no theme
        self.skip_empty = not train_texts
        keyword_lists: dict[str, list[str]] = {}
        theme_ids: dict[str, str] = {}
        if codeframe is not None:
            for theme in codeframe.themes:
                keyword_lists[theme.label] = list(theme.keywords)
                theme_ids[theme.label] = theme.id
                for sample in (theme.description, *theme.examples):
                    if sample.strip():
                        train_texts.append(sample)
                        train_labels.append([theme.label])
        if not train_texts:
            raise ValueError("nothing to learn from: give coded answers or a codeframe")
        self.labels = sorted({label for group in train_labels for label in group})
        self._corpus = [*texts, *extra_corpus]
        self.embedder.prepare([*train_texts, *extra_corpus])
        self._vectorizer = TfidfVectorizer(
            tokenizer=analyser_tokens,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            min_df=1,
            sublinear_tf=True,
        ).fit([normalise(t) for t in train_texts])
        multilingual = _is_multilingual(self.embedder)
        self._keywords = _Keywords(
            [
                _keyword_pattern(
                    keyword_lists.get(label, ()),
                    keyword_regex(theme_ids.get(label, "")) if multilingual else None,
                )
                for label in self.labels
            ]
        )
        dense, words, keywords = self._parts(train_texts)
        self._models = self._fit_models(sp.hstack([dense, words, keywords]).tocsr(), train_labels)
        self._crosslingual = []
        if multilingual:
            self._crosslingual = self._fit_models(sp.hstack([dense, keywords]).tocsr(), train_labels)
        return self

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if not self.labels:
            raise RuntimeError("fit the assigner first")
        if not texts:
            return np.zeros((0, len(self.labels)))
        dense, words, keywords = self._parts(texts)
        out = _predict(self._models, sp.hstack([dense, words, keywords]).tocsr())
        if self._crosslingual:
            from heard_text.languages import ENGLISH, detect_language

            others = [i for i, text in enumerate(texts) if detect_language(text) != ENGLISH]
            if others:
                crosslingual = sp.hstack([dense[others], keywords[others]]).tocsr()
                out[others] = _predict(self._crosslingual, crosslingual)
        return out

    def assign(self, texts: Sequence[str]) -> list[Assignment]:
        probabilities = self.probabilities(texts)
        out = []
        for text, row in zip(texts, probabilities, strict=True):
            if self.skip_empty and is_empty_answer(text):
                out.append(Assignment(themes=[], scores=[], confidence=1.0))
                continue
            chosen = [j for j in np.argsort(-row, kind="stable") if row[j] >= THRESHOLD]
            if not chosen:
                best = int(np.argmax(row))
                chosen = [best] if row[best] >= MIN_CONFIDENCE else []
            scores = [round(float(row[j]), 4) for j in chosen]
            # the least certain theme given; with none given, how likely the best guess was
            confidence = min(scores) if chosen else round(float(row.max()), 4)
            out.append(
                Assignment(themes=[self.labels[j] for j in chosen], scores=scores, confidence=confidence)
            )
        return out


def _predict(models: Sequence[Any], features: sp.csr_matrix) -> np.ndarray:
    """One column of probabilities per theme (a constant where only one class was ever seen)."""
    rows = features.shape[0]
    columns = [
        np.full(rows, model) if isinstance(model, float) else model.predict_proba(features)[:, 1]
        for model in models
    ]
    return np.column_stack(columns)
