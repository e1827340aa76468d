import subprocess
import sys
from pathlib import Path

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


def test_importing_the_package_loads_nothing_heavy():
    """A web process imports heard_text through the insight app; only an analysis should pay for
    NumPy, SciPy and scikit-learn."""
    root = Path(__file__).resolve().parents[2]
    probe = (
        "import sys, heard_text; print(sorted(m for m in ('numpy', 'scipy', 'sklearn') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    lazy = (
        "import heard_text.redaction, heard_text; "  # a submodule first: the name must still be the function
        "print(heard_text.is_empty_answer('n/a'), heard_text.redact('Call 07700 900123') == 'Call [PHONE]')"
    )
    done = subprocess.run([sys.executable, "-c", lazy], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_the_stop_words_are_scikit_learns():
    """The data file holds exactly scikit-learn's list (plus Heard's own additions in text.py)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from heard_text.text import STOP_WORDS

    assert frozenset(ENGLISH_STOP_WORDS) <= STOP_WORDS
