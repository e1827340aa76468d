"""Text helpers shared by every part of heard_text: tokens, stop words, empty answers."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from heard_text import languages

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# Combining marks of the scripts Heard's languages use (Gurmukhi vowel signs, Arabic harakat, Latin
# accents left after NFKC): a word goes on through them, though Python's \w does not match them.
_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0a01-\u0a03\u0a3c-\u0a51\u0a70\u0a71\u0a75\u200c"
)
_LETTER = r"(?:[^\W_]|[" + _MARKS + r"])"
_WORD = re.compile(_LETTER + r"+(?:'" + _LETTER + r"+)?")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")

# scikit-learn's English list, plus spoken fillers and contraction pieces. Kept short on purpose:
# words such as "people", "young" or "police" carry meaning in consultation answers.
_EXTRA_STOP = {
    "im",
    "i'm",
    "ive",
    "i've",
    "i'd",
    "i'll",
    "dont",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "can't",
    "cant",
    "won't",
    "wont",
    "couldn't",
    "shouldn't",
    "wouldn't",
    "it's",
    "its",
    "that's",
    "there's",
    "they're",
    "we're",
    "you're",
    "let's",
    "just",
    "really",
    "bit",
    "lot",
    "lots",
    "like",
    "get",
    "got",
    "getting",
    "also",
    "would",
    "could",
    "should",
    "maybe",
    "think",
    "thing",
    "things",
    "way",
    "make",
    "need",
    "needs",
    "want",
    "know",
    "feel",
    "say",
    "said",
    "sure",
    "use",
    "used",
    "able",
    "going",
    "go",
    "went",
    "did",
    "does",
    "doing",
    "having",
    "ok",
    "okay",
    "yes",
    "etc",
    "s",
    "t",
    "u",
    "ur",
    "pls",
    "please",
}


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, kept as a data file so that reading them loads no
    scikit-learn (a web process that only compares a few titles must stay light)."""
    path = Path(__file__).parent / "data" / "english_stop_words.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


STOP_WORDS: frozenset[str] = _english_stop_words() | _EXTRA_STOP


def normalise(text: str) -> str:
    """NFKC, straight apostrophes, collapsed white space."""
    text = unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits, keeping contractions such as don't)."""
    return _WORD.findall(normalise(text).lower())


def stem(word: str) -> str:
    """A deliberately light normaliser for counting key terms: plural and possessive endings only."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics")):
        return word[:-1]
    return word


def analyser_tokens(text: str) -> list[str]:
    """Tokens for TF-IDF: lower-case, light stemming, no digits-only tokens."""
    return [stem(w) for w in words(text) if not w.isdigit()]


def content_tokens(text: str) -> list[str]:
    return [
        t
        for t in analyser_tokens(text)
        if t not in STOP_WORDS and t not in languages.STOP_WORDS and len(t) > 1
    ]


# --- empty answers -------------------------------------------------------------------------------------

#: Words that make an answer a non-answer when nothing else is said ("nothing", "n/a", "don't know").
_NON_ANSWER_CORE = {
    "nothing",
    "nothin",
    "none",
    "no",
    "nope",
    "nah",
    "nil",
    "nowt",
    "nada",
    "zilch",
    "na",
    "n",
    "idk",
    "dunno",
    "know",
    "sure",
    "unsure",
    "comment",
    "comments",
    "applicable",
    "pass",
    "nothing's",
    "nobody",
    "unknown",
    "zero",
}
#: Words that may stand beside those without adding content ("nothing to add at the moment").
_NON_ANSWER_FILLER = {
    "a",
    "absolutely",
    "all",
    "am",
    "an",
    "and",
    "answer",
    "any",
    "anything",
    "apply",
    "applies",
    "are",
    "as",
    "at",
    "be",
    "but",
    "can",
    "can't",
    "cannot",
    "cant",
    "change",
    "changed",
    "changes",
    "come",
    "comes",
    "could",
    "currently",
    "do",
    "don't",
    "dont",
    "else",
    "far",
    "for",
    "further",
    "have",
    "head",
    "honestly",
    "i",
    "i'm",
    "im",
    "improve",
    "improved",
    "improvement",
    "improvements",
    "in",
    "is",
    "it",
    "it's",
    "just",
    "me",
    "mention",
    "mind",
    "moment",
    "more",
    "much",
    "my",
    "need",
    "needed",
    "needs",
    "not",
    "now",
    "of",
    "off",
    "opinion",
    "other",
    "particular",
    "present",
    "question",
    "really",
    "say",
    "so",
    "sorry",
    "specific",
    "springs",
    "suggest",
    "suggestion",
    "suggestions",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "there",
    "there's",
    "think",
    "this",
    "time",
    "to",
    "top",
    "views",
    "what",
    "would",
    "yet",
    "you",
    "add",
    "thing",
    "right",
    "concerned",
    "concern",
    "concerns",
    "issue",
    "issues",
    "problem",
    "problems",
    "complaint",
    "complaints",
    "situation",
    "personally",
    "whatsoever",
    "here",
    "i've",
    "got",
    "on",
}
_NEGATIONS = {"not", "no", "can't", "cant", "cannot", "don't", "dont", "couldn't", "nothing"}
_MAX_EMPTY_WORDS = 14


def is_empty_answer(text: str | None) -> bool:
    """True for answers that say nothing: blank, punctuation, "nothing", "n/a", "don't know", "no comment".

    A word with content ("nothing, the officers were great", "no CCTV") makes it a real answer.
    """
    if text is None:
        return True
    cleaned = normalise(text).lower().replace("n/a", " na ").replace("n.a.", " na ")
    if not _LETTER_OR_DIGIT.search(cleaned):
        return True
    tokens = words(cleaned)
    if not tokens or len(tokens) > _MAX_EMPTY_WORDS:
        return not tokens
    negated_anything = "anything" in tokens and any(t in _NEGATIONS for t in tokens)
    core = _NON_ANSWER_CORE | languages.NON_ANSWER_CORE
    if not negated_anything and not any(t in core for t in tokens):
        return False
    return all(t in core or t in _NON_ANSWER_FILLER or t in languages.NON_ANSWER_FILLER for t in tokens)
