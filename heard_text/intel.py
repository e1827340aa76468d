"""Community-intelligence detection: specific, actionable information about crime.

An answer is intelligence when it describes criminal activity **and** gives detail police could act
on: an identifiable person (a name, nickname, description or where they live), a vehicle (make,
colour, registration), a precise place (an address, a house or flat, named premises, a spot "behind
the Co-op") or a time (a clock time, a day, a date, a regular pattern "every night after 10").
General concerns ("speeding is bad here", "drugs are a problem in Stretford") are not.

How: transparent rules find the cues (crime words, vehicles, registrations, people, addresses,
premises, streets, times, online identities, first-hand accounts, general wording); the sentence
embedding says what the answer is about and how close it is to descriptions of crime (the crime
themes of the policing codeframe). A logistic regression over all of these, learnt from 220 labelled
answers written for Heard (``data/intel_train.csv``, synthetic), gives ``intelligence_score``; 0.5
flags. The rule cues are returned as ``reasons`` so an analyst sees why an answer was flagged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from heard_text.embed import Embedder, LsaEmbedder, get_embedder
from heard_text.intel_rules import rule_features
from heard_text.text import normalise

THRESHOLD = 0.5


@dataclass
class IntelResult:
    intelligence: bool
    score: float
    reasons: list[str] = field(default_factory=list)


#: Codeframe themes whose examples describe criminal activity (semantic crime cue).
CRIME_THEMES = (
    "asb",
    "drugs",
    "burglary",
    "vehicle_crime",
    "violence",
    "vawg",
    "hate_crime",
    "fraud",
    "theft_robbery",
    "shop_business",
    "domestic_abuse",
    "exploitation",
    "off_road_bikes",
    "speeding",
)


def training_examples() -> list[tuple[str, int]]:
    """The labelled answers the detector learns from (synthetic, written for Heard: data/intel_train.csv)."""
    raw = resources.files("heard_text").joinpath("data/intel_train.csv").read_text("utf-8")
    return [(row["text"], int(row["intelligence"])) for row in csv.DictReader(io.StringIO(raw))]


class IntelDetector:
    """Logistic regression over the answer's embedding, the rule cues above and its similarity to
    crime descriptions, learnt from :func:`training_examples`. ``score`` is its probability."""

    def __init__(
        self, *, embedder: Embedder | None = None, seed: int = 0, threshold: float = THRESHOLD
    ) -> None:
        self.embedder = embedder or get_embedder(seed=seed)
        self.seed = seed
        self.threshold = threshold
        self._model: Any = None
        self._prototypes: np.ndarray | None = None

    def _features(self, texts: Sequence[str]) -> np.ndarray:
        if self._prototypes is None:
            raise RuntimeError("fit the detector first")
        vectors = self.embedder.embed([normalise(t) for t in texts])
        rules = np.array([rule_features(t)[0] for t in texts], dtype=np.float64).reshape(len(texts), -1)
        sims = vectors @ self._prototypes.T
        top = np.sort(sims, axis=1)[:, -3:]
        semantic = np.column_stack([top.mean(axis=1), top[:, -1]])
        return np.hstack([vectors.astype(np.float64), rules, semantic])

    def fit(self, corpus: Sequence[str] = ()) -> IntelDetector:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        from heard_text.codeframe import policing_codeframe

        examples = training_examples()
        prototypes = [
            example
            for theme in policing_codeframe().themes
            if theme.id in CRIME_THEMES
            for example in (theme.description, *theme.examples)
        ]
        texts = [t for t, _ in examples]
        self.embedder.prepare([*texts, *prototypes, *corpus])
        self._prototypes = self.embedder.embed(prototypes)
        model = make_pipeline(
            StandardScaler(),
            LogisticRegression(C=0.3, max_iter=5000, class_weight="balanced", random_state=self.seed),
        )
        model.fit(self._features(texts), np.array([label for _, label in examples]))
        self._model = model
        return self

    def detect_many(self, texts: Sequence[str]) -> list[IntelResult]:
        if self._model is None:
            self.fit(texts)
        if not texts:
            return []
        cleaned = [normalise(t or "") for t in texts]
        scores = self._model.predict_proba(self._features(cleaned))[:, 1]
        out = []
        for text, score in zip(cleaned, scores, strict=True):
            if not text:
                out.append(IntelResult(False, 0.0))
                continue
            reasons = rule_features(text)[1]
            out.append(IntelResult(bool(score >= self.threshold), round(float(score), 4), reasons))
        return out


_detectors: dict[str, IntelDetector] = {}


def detect_many(
    texts: Sequence[str], *, embedder: Embedder | None = None, languages: Sequence[str | None] = ()
) -> list[IntelResult]:
    """Flag community intelligence in ``texts`` (the detector for each model is trained once per
    process). The model is chosen for the answers, as for themes; ``languages`` are those recorded."""
    embedder = embedder or get_embedder(texts=texts, languages=languages)
    if isinstance(embedder, LsaEmbedder):
        # LSA vectors depend on the corpus, so the detector is fitted with these answers in view
        return IntelDetector(embedder=embedder).fit(texts).detect_many(texts)
    detector = _detectors.get(embedder.name)
    if detector is None:
        detector = _detectors[embedder.name] = IntelDetector(embedder=embedder).fit()
    return detector.detect_many(texts)
