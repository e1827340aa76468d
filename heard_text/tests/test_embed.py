import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from heard_text import embed
from heard_text.embed import (
    MODEL_SHA256,
    LsaEmbedder,
    MiniLMEmbedder,
    ModelIntegrityError,
    get_embedder,
    model_path,
    sha256_file,
)

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text())


def test_nothing_goes_online():
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


def test_model_file_has_pinned_hash():
    assert sha256_file(model_path()) == MODEL_SHA256


def test_vectors_match_reference():
    vectors = MiniLMEmbedder(int8=False).embed(REFERENCE["sentences"])
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    stored = np.array(REFERENCE["onnx_int8"])
    assert np.abs(vectors - stored).max() < 2e-3  # the same file on any CPU
    original = np.array(REFERENCE["fp32_original"])
    # and it is all-MiniLM-L6-v2: int8 weights stay within 0.995 cosine of the original fp32 model
    assert (vectors * original).sum(axis=1).min() > 0.995


def test_int8_products_stay_close_to_the_original_model(minilm):
    vectors = minilm.embed(REFERENCE["sentences"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * np.array(REFERENCE["fp32_original"])).sum(axis=1)
    assert cosines.min() > 0.975 and cosines.mean() > 0.985


def test_similar_sentences_are_close(minilm):
    a, b, c = minilm.embed(
        ["Drug dealing on our street", "People selling drugs on the road", "Lovely weather"]
    )
    assert a @ b > a @ c + 0.2


def test_tampered_model_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "model.onnx"
    shutil.copyfile(model_path(), bad)
    with bad.open("r+b") as handle:
        handle.seek(1000)
        byte = handle.read(1)
        handle.seek(1000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    monkeypatch.setenv("HEARD_TEXT_ONNX_MODEL", str(bad))
    with pytest.raises(ModelIntegrityError):
        MiniLMEmbedder()


def test_fallback_to_lsa_when_the_model_package_is_absent(monkeypatch):
    monkeypatch.setattr(embed, "MODEL_PACKAGE", "no_such_model_package_heard")
    embed._cached_minilm.cache_clear()
    try:
        embedder = get_embedder()
        assert isinstance(embedder, LsaEmbedder)
        with pytest.raises(embed.ModelUnavailableError):
            get_embedder("minilm")
    finally:
        embed._cached_minilm.cache_clear()


def test_lsa_embeds(lsa):
    texts = [
        "speeding cars on the road",
        "cars speeding past school",
        "litter in the park",
        "rubbish in park",
    ]
    lsa.prepare(texts)
    vectors = lsa.embed(texts)
    assert vectors.shape[0] == 4
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_empty_input(minilm):
    assert minilm.embed([]).shape == (0, 384)
