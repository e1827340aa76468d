"""Redaction against two synthetic labelled sets written for Heard (tests/data/redaction_*.txt):
'synthetic' was used while building the rules, 'holdout' was written afterwards and only measured."""

from pathlib import Path

import pytest

from heard_text.redaction import find, redact
from heard_text.tests.redaction_eval import load, score

DATA = Path(__file__).parent / "data"
PATTERN_TYPES = {"PHONE", "EMAIL", "POSTCODE", "ADDRESS", "VEHICLE_REG", "NI_NUMBER", "DOB", "CRIME_REF"}


def spans(text):
    return [(s.start, s.end, s.kind) for s in find(text)]


@pytest.mark.parametrize("name", ["redaction_synthetic.txt", "redaction_holdout.txt"])
def test_recall_goals(name):
    result = score(spans, load(DATA / name))
    assert set(result.total) >= PATTERN_TYPES
    assert result.recall(PATTERN_TYPES) >= 0.95, result.misses
    assert result.recall({"NAME"}) >= 0.85, result.misses
    assert result.precision >= 0.9, result.false_positives


def test_typed_placeholders():
    text = (
        "I'm Sarah Jones, call 07700 900123 or sarah.j@example.com. I live at 14 Elm Grove, M32 0PP. "
        "Car AB12 CDE, NI QQ123456C, born 01/02/1980, crime ref 06/12345/24, @sarahj on Instagram."
    )
    assert redact(text) == (
        "I'm [NAME], call [PHONE] or [EMAIL]. I live at [ADDRESS], [POSTCODE]. "
        "Car [VEHICLE_REG], NI [NI_NUMBER], born [DOB], crime ref [CRIME_REF], [HANDLE] on Instagram."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Call 101 or 999 in an emergency.",
        "Speeding on Chester Road and the A56.",
        "It happened on 12/03/2024 at about 10pm.",
        "May is the worst month, Will you help?",
        "Victoria Park and Longford Park need lighting.",
        "Grace periods would help.",
    ],
)
def test_leaves_ordinary_text_alone(text):
    assert redact(text) == text


def test_titles_stay_and_names_go():
    assert redact("PC Grace Taylor and Sgt Morris were great") == "PC [NAME] and Sgt [NAME] were great"
    assert redact("thanks to siobhan on reception") == "thanks to [NAME] on reception"


def test_card_numbers_need_a_valid_checksum():
    assert redact("card 4111 1111 1111 1111") == "card [CARD]"
    assert "[CARD]" not in redact("order 1234 5678 9012 3456")


def test_kinds_filter_and_empty():
    assert redact("Call Sarah on 07700 900123", kinds={"PHONE"}) == "Call Sarah on [PHONE]"
    assert redact("") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first name and a surname that are both English words ("john", "smith") at the start
        ("John Smith at the shop is selling knives", "[NAME] at the shop is selling knives"),
        ("Tom Brown carries a knife", "[NAME] carries a knife"),
        ("Bill Turner reported it twice", "[NAME] reported it twice"),
        # ... at the start of a later sentence, and inside one
        ("Dealing every night. Mark Wood runs it.", "Dealing every night. [NAME] runs it."),
        ("Yesterday John Smith was selling knives", "Yesterday [NAME] was selling knives"),
        # a known first name and a capitalised word that is not an English word
        ("Grace Kowalczyk sells vapes. Tom Adeyemi helps her.", "[NAME] sells vapes. [NAME] helps her."),
        ("Sarah Jones. Tom Brown carries a knife.", "[NAME]. [NAME] carries a knife."),
    ],
)
def test_names_at_the_start_of_a_sentence(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Street lighting is poor near the flats.",
        "Police should patrol more on Friday nights.",
        "Young people need somewhere to go.",
        "Rose Hill is dark at night.",
        "Hope Street floods every winter.",
        "Tom Brown Street is dark.",
        "The Robin Hood pub car park is where they meet.",
        "The Old Bill never come round here.",
        "Bill payments keep going up.",
        "May Day is always busy in the park.",
        "Victoria Park needs lights. Grace periods for parking would help.",
    ],
)
def test_sentence_initial_words_and_places_stay(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Beth yw barn y gymuned am y parc?",
        "Beth am fwy o oleuadau ar y stryd?",
        "Mae'r parc yn dywyll. Beth sydd angen ei newid?",
        "Beth ddylai’r heddlu ei wneud?",
        "Beth fydd yn digwydd i'r ganolfan ieuenctid?",
        "Mae'r heddlu yn dda iawn yma. Beth nesaf?",
    ],
)
def test_welsh_beth_opening_a_question_stays(text):
    """Welsh "Beth" means "what": at the start of a Welsh sentence it is not a first name."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beth Smith said the park is dirty.", "[NAME] said the park is dirty."),
        ("I spoke to Beth about it.", "I spoke to [NAME] about it."),
        ("Beth said the lights are broken.", "[NAME] said the lights are broken."),
        ("Beth Jones yw fy enw i ac rydw i'n byw yma.", "[NAME] yw fy enw i ac rydw i'n byw yma."),
        ("Diolch i Beth am ei help.", "Diolch i [NAME] am ei help."),
    ],
)
def test_beth_as_a_name_still_goes(text, expected):
    assert redact(text) == expected
