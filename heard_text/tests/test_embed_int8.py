"""The int8 model Heard derives from the shipped file: its graph is the file's model, its weighted
products really are integer, it is derived from the checked file only, and each text is run
alone, so its vector does not depend on the texts embedded with it."""

import numpy as np
import onnx
import pytest

from heard_text import embed
from heard_text.embed import MiniLMEmbedder, ModelIntegrityError, model_path
from heard_text.embed_int8 import embed_each, float_model, int8_model


@pytest.fixture(scope="module")
def derived() -> onnx.ModelProto:
    return onnx.load_from_string(int8_model(model_path()))


def test_every_weighted_product_is_integer(derived):
    ops = [node.op_type for node in derived.graph.node]
    constants = {init.name for init in derived.graph.initializer}
    float_weighted = [
        n for n in derived.graph.node if n.op_type == "MatMul" and any(i in constants for i in n.input)
    ]
    # six layers, each with one attention (query, key and value in one integer product, its own
    # products in float) and the output and two feed-forward products
    assert ops.count("QAttention") == 6 and "Attention" not in ops
    assert ops.count("MatMulInteger") == 18
    assert float_weighted == []
    # the fused graph: a few nodes a layer, not the exported file's forty-odd
    assert len(ops) < 150


def test_the_rewritten_graph_is_the_files_model():
    """In float, Heard's one-text graph gives the shipped file's own mean-pooled vectors."""
    import onnxruntime as ort

    texts = [[101, 7592, 2088, 102], [101, 2116, 2024, 8489, 2000, 1996, 2082, 102], [101, 102]]
    ours = ort.InferenceSession(float_model(model_path()), providers=["CPUExecutionProvider"])
    theirs = ort.InferenceSession(str(model_path()), providers=["CPUExecutionProvider"])
    for ids in texts:
        tokens = np.asarray([ids], dtype=np.int64)
        (sentence,) = ours.run(None, {"input_ids": tokens})
        file_hidden = theirs.run(
            None,
            {
                "input_ids": tokens,
                "attention_mask": np.ones_like(tokens),
                "token_type_ids": np.zeros_like(tokens),
            },
        )[0]
        assert sentence.shape == (1, 384)
        assert np.allclose(sentence[0], file_hidden[0].mean(axis=0), atol=2e-5)


def test_the_derivation_is_the_same_every_time(derived):
    again = onnx.load_from_string(int8_model(model_path()))
    weights = {i.name: onnx.numpy_helper.to_array(i) for i in derived.graph.initializer}
    for init in again.graph.initializer:
        assert np.array_equal(onnx.numpy_helper.to_array(init), weights[init.name])


def test_names_keep_int8_and_float_vectors_apart(minilm):
    assert minilm.name == MiniLMEmbedder.INT8_NAME
    assert MiniLMEmbedder(int8=False).name == MiniLMEmbedder.FLOAT_NAME != MiniLMEmbedder.INT8_NAME


def test_a_tampered_file_is_refused_before_anything_is_derived(tmp_path, monkeypatch):
    bad = tmp_path / "model.onnx"
    bad.write_bytes(model_path().read_bytes()[:-10] + b"0123456789")
    monkeypatch.setenv("HEARD_TEXT_ONNX_MODEL", str(bad))
    derived: list[object] = []
    monkeypatch.setattr(embed, "int8_model", lambda path: derived.append(path) or b"")
    with pytest.raises(ModelIntegrityError):
        MiniLMEmbedder()
    assert derived == []


def test_int8_vectors_rank_neighbours_as_float_ones_do(minilm):
    texts = [
        "Drug dealing on our street",
        "People selling drugs on the road",
        "Cars speeding past the school",
        "Drivers go far too fast near the primary school",
        "The park is full of litter",
        "Rubbish and fly-tipping in the park",
        "More police on foot in the town centre",
        "We never see an officer walking the high street",
    ]
    ints, floats = minilm.embed(texts), MiniLMEmbedder(int8=False).embed(texts)
    assert (ints * floats).sum(axis=1).min() > 0.97
    for vectors in (ints, floats):
        similar = vectors @ vectors.T - 2 * np.eye(len(texts))
        assert list(similar.argmax(axis=1)) == [1, 0, 3, 2, 5, 4, 7, 6]


class Session:
    """A stand-in for onnxruntime's session: each token's vector is its id, so a text's mean is
    known; the id 13 fails, as a model run can."""

    def run(self, outputs, feed):
        ids = feed["input_ids"]
        assert ids.shape[0] == 1 and list(feed) == ["input_ids"]  # one text a run, no padding
        if 13 in ids:
            raise RuntimeError("the run failed")
        return [np.repeat(ids.mean(axis=1, keepdims=True).astype(np.float32), 2, axis=1)]


def test_each_text_is_run_alone_and_pooled_in_its_place():
    token_ids = [[1, 3], [2], [4, 4, 7], [10, 20], [5]]
    for workers in (1, 2, 3, 8):
        out = embed_each(Session(), token_ids, workers, dim=2)
        assert out[:, 0].tolist() == [2.0, 2.0, 5.0, 15.0, 5.0]


def test_a_failed_run_in_any_thread_is_raised():
    with pytest.raises(RuntimeError, match="the run failed"):
        embed_each(Session(), [[1], [2], [3], [13]], 2, dim=2)


def test_float_arithmetic_can_be_chosen(monkeypatch):
    monkeypatch.setenv("HEARD_TEXT_INT8", "0")
    embed._cached_minilm.cache_clear()
    try:
        assert embed.get_embedder("minilm").name == MiniLMEmbedder.FLOAT_NAME
    finally:
        embed._cached_minilm.cache_clear()
