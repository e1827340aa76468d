"""MiniLM's layers rewritten as one plain BERT graph of onnxruntime's fused operators.

The shipped file was exported by PyTorch's newer exporter, which spells each attention out as some
forty small steps (shape arithmetic, transposes by reshape, the softmax's NaN guard): about 300
nodes in all, each a separate call for every text. onnxruntime's own transformer optimiser, the
library way to fuse them, does not recognise this exporter's attention, so Heard writes the graph
itself, from the file's own weights: per layer one ``Attention`` (query, key and value in one
product), two ``SkipLayerNormalization`` and a ``BiasGelu``, with the mean over the tokens in
the graph, about 50 nodes. Run on the shipped weights in float it gives the file's own vectors
(``heard_text/tests/test_embed_int8.py`` checks it); quantised, it is about a fifth faster than
the file's graph quantised the same way (``heard_text/README.md``).

It takes one text a run, as :func:`heard_text.embed_int8.embed_each` runs them: ``input_ids`` of
shape (1, length), no padding, so no attention mask, and every token of type 0, as
sentence-transformers gives a single sentence. The output ``sentence`` is the mean of the last
layer over the tokens, not yet normalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

LAYERS = 6
HEADS = 12
#: BERT's LayerNorm epsilon, as the shipped file has it.
EPSILON = 1e-12
DENSE = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


@dataclass(frozen=True)
class Layer:
    dense: dict[str, tuple[np.ndarray, np.ndarray]]  # (weight as (in, out), bias) by DENSE name
    attention_norm: tuple[np.ndarray, np.ndarray]
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Weights:
    words: np.ndarray
    positions: np.ndarray
    token_type_zero: np.ndarray
    norm: tuple[np.ndarray, np.ndarray]
    layers: list[Layer]


def weights(model: Any) -> Weights:
    """The weights of ``model`` (an ONNX ``ModelProto`` whose weighted products take constant
    weights, as ``quant_pre_process`` leaves the shipped file), found by the names of the biases
    the exporter kept from the PyTorch module: a product's weight is the constant its bias is added to."""
    from onnx import numpy_helper

    constants = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    made_by = {out: node for node in model.graph.node for out in node.output}
    adds = {i: node for node in model.graph.node if node.op_type == "Add" for i in node.input}

    def dense(bias: str) -> tuple[np.ndarray, np.ndarray]:
        add = adds[bias]
        product = made_by[next(i for i in add.input if i != bias)]
        if product.op_type != "MatMul" or product.input[1] not in constants:
            raise ValueError(f"{bias} is not added to a product with a constant weight")
        return constants[product.input[1]], constants[bias]

    def norm(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return constants[f"{prefix}.weight"], constants[f"{prefix}.bias"]

    layers = []
    for n in range(LAYERS):
        at = f"inner.encoder.layer.{n}."
        layers.append(
            Layer(
                dense={name: dense(f"{at}{name}.bias") for name in DENSE},
                attention_norm=norm(f"{at}attention.output.LayerNorm"),
                output_norm=norm(f"{at}output.LayerNorm"),
            )
        )
    return Weights(
        words=constants["inner.embeddings.word_embeddings.weight"],
        positions=constants["inner.embeddings.position_embeddings.weight"],
        token_type_zero=constants["inner.embeddings.token_type_embeddings.weight"][0],
        norm=norm("inner.embeddings.LayerNorm"),
        layers=layers,
    )


class _Graph:
    """Nodes and constants as they are added."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.constants: list[Any] = []

    def constant(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.constants.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], output: str, **attributes: Any) -> str:
        from onnx import helper

        fused = op in ("Attention", "SkipLayerNormalization", "BiasGelu")
        domain = "com.microsoft" if fused else ""
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, domain=domain, **attributes))
        return output


def _embeddings(g: _Graph, w: Weights) -> str:
    g.constant("zero", np.array([0], dtype=np.int64))
    g.constant("one", np.array([1], dtype=np.int64))
    g.constant("two", np.array([2], dtype=np.int64))
    words = g.node("Gather", [g.constant("words", w.words), "input_ids"], "word_vectors")
    length = g.node("Slice", [g.node("Shape", ["input_ids"], "shape"), "one", "two"], "length")
    positions = g.node(
        "Slice", [g.constant("positions", w.positions), "zero", length, "zero"], "position_vectors"
    )
    summed = g.node("Add", [words, positions], "words_and_positions")
    typed = g.node("Add", [summed, g.constant("token_type", w.token_type_zero)], "embedded")
    gamma, beta = w.norm
    return g.node(
        "LayerNormalization",
        [typed, g.constant("norm_gamma", gamma), g.constant("norm_beta", beta)],
        "layer_input_0",
        epsilon=EPSILON,
        axis=-1,
    )


def _layer(g: _Graph, n: int, layer: Layer, x: str) -> str:
    d, at = layer.dense, f"l{n}_"
    qkv = [d["attention.self.query"], d["attention.self.key"], d["attention.self.value"]]
    attended = g.node(
        "Attention",
        [
            x,
            g.constant(at + "qkv_weight", np.concatenate([weight for weight, _ in qkv], axis=1)),
            g.constant(at + "qkv_bias", np.concatenate([bias for _, bias in qkv])),
        ],
        at + "attended",
        num_heads=HEADS,
    )
    h = _dense_then_norm(
        g, at + "attention_out", attended, x, d["attention.output.dense"], layer.attention_norm
    )
    weight, bias = d["intermediate.dense"]
    widened = g.node("MatMul", [h, g.constant(at + "ff_in_weight", weight)], at + "ff_in")
    gelu = g.node("BiasGelu", [widened, g.constant(at + "ff_in_bias", bias)], at + "gelu")
    return _dense_then_norm(g, f"layer_input_{n + 1}", gelu, h, d["output.dense"], layer.output_norm)


def _dense_then_norm(
    g: _Graph,
    out: str,
    x: str,
    skip: str,
    dense: tuple[np.ndarray, np.ndarray],
    norm: tuple[np.ndarray, np.ndarray],
) -> str:
    """LayerNorm(x @ weight + bias + skip): BERT's residual step, as one fused normalisation."""
    weight, bias = dense
    product = g.node("MatMul", [x, g.constant(out + "_weight", weight)], out + "_product")
    gamma, beta = norm
    inputs = [product, skip, g.constant(out + "_gamma", gamma), g.constant(out + "_beta", beta)]
    return g.node("SkipLayerNormalization", [*inputs, g.constant(out + "_bias", bias)], out, epsilon=EPSILON)


def sentence_graph(w: Weights) -> Any:
    """The ONNX model: ``input_ids`` (1, length) int64 to ``sentence`` (1, 384), the tokens' mean."""
    from onnx import TensorProto, helper

    g = _Graph()
    x = _embeddings(g, w)
    for n, layer in enumerate(w.layers):
        x = _layer(g, n, layer, x)
    g.node("ReduceMean", [x, "one"], "sentence", keepdims=0)
    width = w.words.shape[1]
    graph = helper.make_graph(
        g.nodes,
        "minilm_sentence",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "length"])],
        [helper.make_tensor_value_info("sentence", TensorProto.FLOAT, [1, width])],
        g.constants,
    )
    opsets = [helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="heard_text")
    model.ir_version = 9
    return model
