"""The fallback embedder, fitted on the texts at hand (:class:`LsaEmbedder`), and what every
embedder shares: the matrix type and normalising rows to unit length. Kept apart from the model
embedders in :mod:`heard_text.embed`, which import these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

EmbeddingMatrix = np.ndarray[Any, np.dtype[np.float32]]


def normalise_rows(matrix: np.ndarray) -> EmbeddingMatrix:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


class LsaEmbedder:
    """TF-IDF (words and word pairs) reduced by truncated SVD, fitted on the analysis's own texts."""

    name = "tfidf-lsa"
    cacheable = False  # fitted on the texts at hand: its vectors mean nothing outside that fit

    def __init__(self, *, dimensions: int = 128, seed: int = 0) -> None:
        self.dimensions = dimensions
        self.seed = seed
        self._vectorizer: Any = None
        self._svd: Any = None

    def prepare(self, corpus: Sequence[str]) -> None:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        from heard_text.text import analyser_tokens, content_tokens

        docs = [t for t in corpus if t.strip()] or ["empty"]
        vectorizer = TfidfVectorizer(
            tokenizer=content_tokens,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            min_df=1 if len(docs) < 50 else 2,
            sublinear_tf=True,
        )
        try:
            matrix = vectorizer.fit_transform(docs)
        except ValueError:  # every word was a stop word
            vectorizer = TfidfVectorizer(tokenizer=analyser_tokens, token_pattern=None, lowercase=False)
            matrix = vectorizer.fit_transform(docs)
        self._vectorizer = vectorizer
        components = min(self.dimensions, matrix.shape[0] - 1, matrix.shape[1] - 1)
        self._svd = None
        if components >= 2:
            self._svd = TruncatedSVD(n_components=components, random_state=self.seed, algorithm="arpack")
            self._svd.fit(matrix)

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        if self._vectorizer is None:
            self.prepare(texts)
        matrix = self._vectorizer.transform(list(texts))
        dense = self._svd.transform(matrix) if self._svd is not None else matrix.toarray()
        return normalise_rows(dense)
