import pytest

from heard_text.text import is_empty_answer, stem, words


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "-",
        "?",
        "...",
        "Nothing",
        "nothing.",
        "N/A",
        "n/a",
        "NA",
        "none",
        "No comment",
        "no comments",
        "Don't know",
        "dont know",
        "I don't know",
        "Not sure",
        "nothing to add",
        "Nothing at the moment",
        "Can't think of anything",
        "No, thank you",
        "Nope",
        "nil",
        "Not applicable",
        "No concerns",
        "idk",
        "Nothing really",
        "None at present",
        None,
    ],
)
def test_empty_answers(text):
    assert is_empty_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "No CCTV",
        "Nothing for young people to do",
        "No police presence",
        "Nothing, the officers were great",
        "Speeding",
        "More police",
        "I don't know who my local officer is",
        "none of the street lights work",
        "Not enough patrols",
        "n/a but the parking is awful",
        "Nothing gets done about drug dealing",
    ],
)
def test_real_answers_are_not_empty(text):
    assert not is_empty_answer(text)


def test_words_and_stem():
    assert words("Don’t  SPEED!") == ["don't", "speed"]
    assert stem("cars") == "car"
    assert stem("burglaries") == "burglary"
    assert stem("bus") == "bus"
