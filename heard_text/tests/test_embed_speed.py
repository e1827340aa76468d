"""Batching by tokens and the vector cache: the same vectors as before, each text embedded once,
and progress reported while embedding and theming."""

import numpy as np

from heard_text.embed import MiniLMEmbedder
from heard_text.embed_cache import CachedEmbedder, MemoryStore, embed_in_chunks, text_key
from heard_text.progress import part
from heard_text.text import normalise
from heard_text.themes import discover_themes

TEXTS = [
    "Speeding cars outside the school",
    "The park is full of litter",
    "",
    "Drivers go far too fast past the school gates every single morning, and nobody stops them "
    "even though the road is used by hundreds of children " * 6,
    "More police on foot in the town centre at night",
    "Speeding cars outside the school",
    "Fly-tipping in the alley behind the shops",
] * 5


class Counting:
    """An embedder that counts the texts it is asked to embed."""

    name = "counting"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def prepare(self, corpus):
        return None

    def embed(self, texts):
        self.embedded += list(texts)
        out = np.array([[len(t) + 1.0, (sum(map(ord, t)) % 97) + 1.0, 1.0] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True) if len(texts) else out.reshape(0, 3)


def test_batching_by_tokens_gives_the_vectors_of_the_earlier_settings(minilm):
    before = MiniLMEmbedder(batch_tokens=None, batch_size=64, spinning=True, int8=False).embed(TEXTS)
    floats = MiniLMEmbedder(int8=False).embed(TEXTS)
    small = MiniLMEmbedder(batch_tokens=64, batch_size=3).embed(TEXTS)
    assert (before * floats).sum(axis=1).min() >= 0.999
    # int8 runs each text alone, so its vector is the same whatever it is embedded with
    assert np.array_equal(minilm.embed(TEXTS), small)
    alone = np.vstack([minilm.embed([text]) for text in TEXTS[:7]])
    assert np.array_equal(alone, small[:7])


def test_batches_hold_about_the_token_budget(minilm):
    embedder = MiniLMEmbedder(batch_tokens=40, batch_size=100)
    batches = list(embedder._batches(list(range(6)), [10, 10, 10, 10, 20, 30]))
    assert batches == [[0, 1, 2, 3], [4, 5]] or all(len(b) * 30 <= 60 for b in batches[1:])
    assert sorted(i for b in batches for i in b) == list(range(6))
    assert all(len(b) <= 4 for b in batches)


def test_a_cached_embedder_embeds_each_distinct_text_once():
    inner = Counting()
    store = MemoryStore()
    cached = CachedEmbedder(inner, store)
    first = cached.embed(TEXTS)
    assert len(inner.embedded) == len(set(TEXTS)) and cached.misses == len(set(TEXTS))
    again = CachedEmbedder(inner, store).embed([*TEXTS, "Speeding  cars outside the school"])
    assert len(inner.embedded) == len(set(TEXTS))  # nothing new: normalised spacing is the same text
    assert np.array_equal(first, again[: len(TEXTS)])
    # the embedder's own vectors of the normalised texts (as theme discovery embeds them), bit for bit
    assert np.array_equal(first, inner.embed([normalise(t) for t in TEXTS]))


def test_keys_are_of_the_normalised_text_and_the_model():
    assert text_key("a  b ") == text_key("a b") != text_key("a c")
    store = MemoryStore()
    store.put_many("one", {text_key("a"): np.ones(2)})
    assert store.get_many("two", [text_key("a")]) == {}


def test_an_embedder_fitted_on_the_texts_is_not_cached(lsa):
    store = MemoryStore()
    CachedEmbedder(lsa, store).embed(["litter in the park", "speeding cars", "more police"])
    assert len(store) == 0


def test_chunks_report_progress_and_keep_the_order():
    inner = Counting()
    seen: list[tuple[int, int]] = []
    texts = [f"answer number {i} " * (i % 7 + 1) for i in range(50)]
    vectors = embed_in_chunks(inner, texts, lambda done, total: seen.append((done, total)), chunk=8)
    assert np.array_equal(vectors, Counting().embed(texts))
    assert seen[-1] == (50, 50) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_theme_discovery_reports_progress_inside_each_stage():
    reports: list[tuple[float, str]] = []
    texts = [f"{topic} {i}" for i in range(40) for topic in ("litter in the park", "speeding cars")][:80]
    discover_themes(texts, embedder=Counting(), progress=lambda share, stage: reports.append((share, stage)))
    stages = [stage for _, stage in reports]
    for stage in ("embedding answers", "linking neighbours", "finding communities", "naming themes"):
        assert stage in stages
    shares = [share for share, _ in reports]
    assert shares == sorted(shares) and shares[-1] == 1.0


def test_a_stage_maps_its_share_into_its_span():
    got: list[float] = []
    part(lambda share, stage: got.append(share), (0.5, 0.7), "x")(0.5)
    assert abs(got[0] - 0.6) < 1e-9
    part(None, (0, 1), "x")(1.0)  # no callback: nothing happens
