"""A cache of sentence vectors by text, so that a re-run or a re-analysis embeds nothing twice.

:class:`CachedEmbedder` wraps any :class:`~heard_text.embed.Embedder` and a :class:`VectorStore`:
each text is looked up by the embedder's name and the SHA-256 of its normalised form
(:func:`text_key`); only the texts the store lacks are embedded (in that normalised form, as theme
discovery embeds them), then stored. The vectors are the embedder's own, bit for bit, so a cached
analysis gives the same themes as an uncached one.

Where the vectors are kept is the caller's business: :class:`MemoryStore` keeps them for the life
of the process (the command line, the benchmark); Heard's application keeps them beside the
answers they came from, so that they go when the answers go. An embedder fitted on the texts at
hand (LSA, ``cacheable = False``) is never cached: its vectors mean nothing outside that fit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from heard_text.embed import Embedder, EmbeddingMatrix
from heard_text.text import normalise

#: Called with (texts embedded so far, texts to embed) while the missing texts are embedded.
EmbedProgress = Callable[[int, int], None]
CHUNK = 512


def text_key(text: str) -> str:
    """The cache key of a text: SHA-256 of its normalised form (spacing and Unicode form)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@runtime_checkable
class VectorStore(Protocol):
    """Vectors by (embedder name, text key). ``get_many`` returns those it has."""

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None: ...


class MemoryStore:
    """A store in a dict, for one process."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self._vectors[(model, k)] for k in keys if (model, k) in self._vectors}

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        for key, vector in vectors.items():
            self._vectors[(model, key)] = np.asarray(vector, dtype=np.float32)


def embed_in_chunks(
    embedder: Embedder, texts: Sequence[str], progress: EmbedProgress | None = None, *, chunk: int = CHUNK
) -> EmbeddingMatrix:
    """``embedder.embed(texts)`` a chunk at a time, calling ``progress`` after each chunk. The texts
    are taken shortest first, so each chunk's batches are padded little."""
    if not texts:
        return embedder.embed([])
    if progress is None or len(texts) <= chunk:
        vectors = embedder.embed(texts)
        if progress is not None:
            progress(len(texts), len(texts))
        return vectors
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    parts = [order[start : start + chunk] for start in range(0, len(order), chunk)]
    first = embedder.embed([texts[i] for i in parts[0]])
    out = np.zeros((len(texts), first.shape[1]), dtype=np.float32)
    out[parts[0]] = first
    done = len(parts[0])
    progress(done, len(texts))
    for part in parts[1:]:
        out[part] = embedder.embed([texts[i] for i in part])
        done += len(part)
        progress(done, len(texts))
    return out


class CachedEmbedder:
    """``embedder`` with ``store`` in front of it: each distinct text is embedded at most once.

    ``hits`` and ``misses`` count the distinct texts found in the store and embedded, over the
    life of the object. ``progress`` (texts embedded so far, texts to embed) follows the misses.
    """

    def __init__(self, embedder: Embedder, store: VectorStore, *, progress: EmbedProgress | None = None):
        self.embedder = embedder
        self.store = store
        self.name = embedder.name
        self.progress = progress
        self.hits = 0
        self.misses = 0

    @property
    def cacheable(self) -> bool:
        return bool(getattr(self.embedder, "cacheable", True))

    def prepare(self, corpus: Sequence[str]) -> None:
        self.embedder.prepare(corpus)

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        if not self.cacheable:
            return embed_in_chunks(self.embedder, texts, self.progress)
        keys = [text_key(t) for t in texts]
        distinct: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            distinct.setdefault(key, normalise(text))
        found = self.store.get_many(self.name, list(distinct)) if distinct else {}
        missing = [k for k in distinct if k not in found]
        self.hits += len(distinct) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = embed_in_chunks(self.embedder, [distinct[k] for k in missing], self.progress)
            new = {k: fresh[i] for i, k in enumerate(missing)}
            self.store.put_many(self.name, new)
            found = {**found, **new}
        elif self.progress is not None:
            self.progress(0, 0)
        if not texts:
            return self.embedder.embed([])
        return np.stack([np.asarray(found[k], dtype=np.float32) for k in keys]).astype(np.float32)
