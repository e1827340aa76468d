from collections import Counter

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from heard_text.tests.corpus import corpus
from heard_text.text import normalise
from heard_text.themes import EMPTY_THEME_ID, discover_themes, label_groups


@pytest.fixture(scope="module")
def result(minilm):
    texts, _ = corpus()
    return discover_themes(texts, seed=0, embedder=minilm)


def test_every_answer_has_a_theme_or_the_empty_bucket(result):
    texts, labels = corpus()
    assert len(result.assignments) == len(texts)
    assert result.coverage == 1.0
    ids = {t.id for t in result.themes}
    for text, label, theme_id in zip(texts, labels, result.assignments, strict=True):
        if label == "empty":
            assert theme_id == EMPTY_THEME_ID, text
        else:
            assert theme_id in ids, text
    assert sum(t.size for t in result.themes) + len(result.empty) == len(texts)


def test_number_of_themes_is_found_and_themes_match_topics(result):
    _, labels = corpus()
    assert 4 <= len(result.themes) <= 10
    answered = [i for i, label in enumerate(labels) if label != "empty"]
    nmi = normalized_mutual_info_score(
        [labels[i] for i in answered], [result.assignments[i] for i in answered]
    )
    assert nmi > 0.7


def test_themes_have_labels_key_terms_and_quotes(result):
    texts, _ = corpus()
    for theme in result.themes:
        assert theme.label and theme.label != "Other comments"
        assert theme.key_terms
        assert 1 <= len(theme.quotes) <= 3
        members = {texts[i] for i in theme.members}
        assert all(q in members for q in theme.quotes)
    assert len({t.label for t in result.themes}) == len(result.themes)
    # the biggest themes come first
    sizes = [t.size for t in result.themes]
    assert sizes == sorted(sizes, reverse=True)


def test_labels_name_the_topic(result):
    _, labels = corpus()
    for theme in result.themes:
        topic = Counter(labels[i] for i in theme.members).most_common(1)[0][0]
        keywords = {
            "speeding": ("speed", "cars", "driv", "rac", "traffic"),
            "drugs": ("drug", "deal", "cannabis", "weed", "needle"),
            "police_visibility": ("police", "patrol", "officer", "bobb", "pcso"),
            "litter": ("litter", "rubbish", "fly", "dump", "graffiti", "mess", "bin"),
            "lighting": ("light", "cctv", "dark", "camera", "lamp"),
            "youth": ("young", "youth", "teen", "kids", "activit", "club", "children"),
        }[topic]
        assert any(k in " ".join(theme.key_terms[:5]).lower() for k in keywords), (theme.label, topic)


def test_deterministic_for_the_same_input_and_seed(minilm, result):
    texts, _ = corpus()
    again = discover_themes(texts, seed=0, embedder=minilm)
    assert again.assignments == result.assignments
    assert [t.label for t in again.themes] == [t.label for t in result.themes]
    assert [t.quotes for t in again.themes] == [t.quotes for t in result.themes]


def test_precomputed_vectors_give_the_same_result(minilm, result):
    texts, _ = corpus()
    vectors = minilm.embed(texts)
    assert discover_themes(texts, seed=0, vectors=vectors).assignments == result.assignments


def test_lsa_fallback_themes(lsa):
    texts, labels = corpus()
    fallback = discover_themes(texts, seed=0, embedder=lsa)
    assert fallback.coverage == 1.0
    assert fallback.embedder == "tfidf-lsa"
    assert all(
        (a == EMPTY_THEME_ID) == (lab == "empty") for a, lab in zip(fallback.assignments, labels, strict=True)
    )
    assert len(fallback.themes) >= 2


@pytest.mark.parametrize(
    "texts", [[], ["Nothing"], ["n/a", ""], ["Speeding cars"], ["Speeding", "Drugs", "Litter"]]
)
def test_tiny_inputs(minilm, texts):
    result = discover_themes(texts, embedder=minilm)
    assert len(result.assignments) == len(texts)
    assert result.coverage == 1.0


def test_small_groups_are_folded(minilm):
    texts, _ = corpus()
    result = discover_themes(texts, embedder=minilm, min_size=20)
    assert all(t.size >= 20 for t in result.themes)
    assert result.coverage == 1.0


def test_centroids_are_unit_vectors(result):
    for theme in result.themes:
        assert np.isclose(np.linalg.norm(theme.centroid), 1.0, atol=1e-4)


def test_quote_members_are_the_quoted_answers(result):
    texts, _ = corpus()
    assert result.empty  # so an index among the answered texts would point at the wrong answer
    for theme in result.themes:
        assert theme.quote_members
        assert set(theme.quote_members) <= set(theme.members)
        assert [normalise(texts[i]) for i in theme.quote_members] == theme.quotes


def test_label_groups_gives_an_unchanged_set_its_labels_back(result, minilm):
    texts, _ = corpus()
    # the answers of each theme, theme by theme, with ids like a database's (same order as the themes)
    rows = [(i, 100 + 7 * theme.id) for theme in reversed(result.themes) for i in theme.members]
    vectors = minilm.embed([normalise(texts[i]) for i, _ in rows])
    labelled = label_groups([texts[i] for i, _ in rows], [group for _, group in rows], vectors=vectors)
    assert {group: (g.label, g.summary, g.key_terms) for group, g in labelled.items()} == {
        100 + 7 * t.id: (t.label, t.summary, t.key_terms) for t in result.themes
    }
    # without the vectors (a theme changed after the run) the key terms are the same
    again = label_groups([texts[i] for i, _ in rows], [group for _, group in rows])
    assert {group: g.key_terms for group, g in again.items()} == {
        group: g.key_terms for group, g in labelled.items()
    }


def test_label_groups_tells_apart_the_same_label_in_order_of_group_id():
    texts = ["speeding cars on the high street", "speeding cars near the school", "speeding cars at night"]
    labelled = label_groups(texts * 2, [9, 9, 9, 4, 4, 4])
    assert labelled[4].label == "Speeding cars at night"  # the first group has the first choice
    assert labelled[9].label == "Speeding cars near the school"
    assert labelled[9].label != labelled[4].label
    assert labelled[4].key_terms == labelled[9].key_terms
