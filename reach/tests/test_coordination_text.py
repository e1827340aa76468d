"""Comparing the words of two activities' titles and aims."""

import pytest

from reach.coordination_text import bag, shared_terms, similarity


def test_the_same_words_are_alike_and_different_words_are_not():
    knife = bag(["Knife crime focus group", "Hear young people on knife crime"])
    assert similarity(knife, knife) == pytest.approx(1.0)
    assert similarity(knife, bag(["Skate park design", "Plan the new skate park"])) == 0.0
    assert 0 < similarity(knife, bag(["Youth knife crime survey"])) < 1


def test_words_every_activity_uses_and_place_names_do_not_make_two_alike():
    first = bag(["Stretford community consultation meeting"], leave_out=["Stretford"])
    second = bag(["Stretford residents' public consultation event"], leave_out=["Stretford"])
    assert similarity(first, second) == 0.0


def test_a_pair_scores_the_same_whatever_else_is_compared():
    """No IDF: the score of a pair depends on the two alone."""
    a, b = bag(["Knife crime and youth safety"]), bag(["Youth safety and knife crime workshop"])
    before = similarity(a, b)
    bag(["Knife crime"] * 50)
    assert similarity(a, b) == before


def test_shared_terms_read_as_the_texts_write_them():
    texts = [
        "PACT meeting: anti-social behaviour and burglaries",
        "Anti-social behaviour and burglaries on the estate: PACT",
    ]
    a, b = bag(texts[:1]), bag(texts[1:])
    assert shared_terms(a, b, texts=texts, limit=3) == ["anti-social behaviour", "burglaries", "PACT"]
    assert shared_terms(a, b, texts=texts, leave_out=["PACT meeting"], limit=3) == [
        "anti-social behaviour",
        "burglaries",
    ]
