import re

import pytest

from heard_text.keyterms import class_terms
from heard_text.redaction import redact
from heard_text.tests.corpus import corpus
from heard_text.text import is_empty_answer
from heard_text.theme_names import MAX_NAME, name_groups, phrase_of
from heard_text.themes import discover_themes, label_groups

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _check(name: str) -> None:
    assert name and name[0].isupper(), name
    assert len(name) <= MAX_NAME + 12, name  # a told-apart name may carry "(…)"
    assert not name.endswith("."), name
    assert "[" not in name and "]" not in name, name


@pytest.fixture(scope="module")
def result(minilm):
    texts, _ = corpus()
    return discover_themes(texts, seed=0, embedder=minilm)


def test_names_read_like_an_analysts_and_are_distinct(result):
    names = [t.label for t in result.themes]
    for name in names:
        _check(name)
        assert len(name.split()) >= 2, name  # a phrase, not a keyword
        assert ", " not in name, name  # not a list of key terms
    assert len({n.lower() for n in names}) == len(names)


def test_summaries_have_two_sentences(result):
    for theme in result.themes:
        assert theme.summary.endswith(".")
        assert len(SENTENCE_END.findall(theme.summary)) == 2, theme.summary
        assert "[" not in theme.summary


def test_names_and_summaries_are_the_same_on_every_run(result, minilm):
    texts, _ = corpus()
    again = discover_themes(texts, seed=0, embedder=minilm)
    assert [(t.label, t.summary) for t in again.themes] == [(t.label, t.summary) for t in result.themes]


def test_answers_are_trimmed_to_a_phrase():
    assert phrase_of("I think the police should listen to young people because they live here") == (
        "Police should listen to young people"
    )
    assert phrase_of("I would like to see more bins in the park.") == "More bins in the park"
    assert phrase_of("What can I do if my card still hasn't arrived after 2 weeks?") == (
        "Card still hasn't arrived after 2 weeks"
    )
    assert phrase_of("NOBODY LISTENS TO US") == "Nobody listens to them"
    assert phrase_of("No lighting in the park") == "No lighting in the park"  # "no" is kept: it is the point
    assert len(phrase_of("Cars " + "and lorries " * 30 + "speed")) <= MAX_NAME


def test_works_without_vectors():
    texts, labels = corpus()
    rows = [(t, label) for t, label in zip(texts, labels, strict=True) if not is_empty_answer(t)]
    topics = sorted({label for _, label in rows})
    labelled = label_groups([t for t, _ in rows], [topics.index(label) for _, label in rows])
    assert len(labelled) == len(topics)
    names = [g.label for g in labelled.values()]
    for name in names:
        _check(name)
    assert len({n.lower() for n in names}) == len(names)
    for group in labelled.values():
        assert len(SENTENCE_END.findall(group.summary)) == 2, group.summary


PLANTED = [
    "Jen Kowalczyk keeps parking across my drive",
    "Jen Kowalczyk parks on the pavement every night",
    "Jen Kowalczyk blocks the road with her van",
]


def test_no_placeholder_and_no_name_in_names_or_summaries():
    texts = [redact(t) for t in PLANTED] + [
        "Cars parked on the pavement every night",
        "Parking on the pavement outside the school",
        "Vans parked on the pavement block the road",
        "Parking across drives and on the pavement",
    ]
    groups = [1] * len(texts)
    named = name_groups(texts, groups, class_terms(texts, groups))
    # and when the redaction missed the name: a word of the name lists is never used
    raw = PLANTED + texts[3:]
    missed = name_groups(raw, groups, class_terms(raw, groups))
    for found in (named[1], missed[1]):
        text = f"{found.name} {found.summary}"
        assert "[" not in text and "NAME" not in text, text
        assert "Jen" not in text and "Kowalczyk" not in text, text
        _check(found.name)


def test_a_word_one_person_wrote_is_not_a_name():
    # "Zorblatt" (not English, never in lower case, in one answer) may be a name the redaction missed
    texts = [
        "Zorblatt deals drugs behind the shops",
        "Drug dealing behind the shops at night",
        "Dealers behind the shops every evening",
    ]
    named = name_groups(texts, [1, 1, 1], class_terms(texts, [1, 1, 1]))
    assert "zorblatt" not in f"{named[1].name} {named[1].summary}".lower()


def test_groups_with_the_same_answers_get_different_names():
    texts = ["speeding cars near the school", "speeding cars near the shops", "speeding cars at night"]
    labelled = label_groups(texts * 3, [1, 1, 1, 2, 2, 2, 3, 3, 3])
    names = [g.label for g in labelled.values()]
    assert len({n.lower() for n in names}) == 3, names


def test_a_group_of_masked_answers_is_named_from_its_key_terms():
    texts = ["[NAME] was rude", "[NAME] was rude to me", "I reported [NAME] twice", "[NAME] ignored me"]
    named = name_groups(texts, [1] * 4, class_terms(texts, [1] * 4))
    assert "[" not in named[1].name
    assert len(SENTENCE_END.findall(named[1].summary)) == 2


WELSH = [
    "Mae gormod o geir yn goryrru ger yr ysgol",
    "Ceir yn goryrru ar y ffordd fawr bob bore",
    "Goryrru ger yr ysgol gynradd",
    "Dim digon o heddlu ar y strydoedd",
    "Hoffwn weld mwy o heddlu ar droed",
    "Mwy o heddlu yn y pentref",
]
POLISH = [
    "Samochody jeżdżą za szybko koło szkoły",
    "Za szybka jazda przy szkole każdego ranka",
    "Kierowcy przekraczają prędkość koło szkoły",
    "Za mało policji na ulicach",
    "Chcemy więcej policji na naszym osiedlu",
    "Więcej patroli policji wieczorem",
]


@pytest.mark.parametrize("texts", [WELSH, POLISH], ids=["welsh", "polish"])
def test_welsh_and_polish_answers_are_named(texts):
    groups = [1, 1, 1, 2, 2, 2]
    named = name_groups(texts, groups, class_terms(texts, groups))
    assert {named[1].name.lower(), named[2].name.lower()} and named[1].name != named[2].name
    for found in named.values():
        _check(found.name)
        assert len(SENTENCE_END.findall(found.summary)) == 2, found.summary
