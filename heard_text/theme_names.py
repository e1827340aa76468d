"""Theme names an analyst could have written, and a two-sentence summary, made from the answers.

A theme is named after the short answer nearest its centre (or, without vectors, the answer that
uses most of its key terms), trimmed to a phrase: the sentence carrying most key terms, without
openers ("I think", "To be honest", "Can I"), the speaker ("I am", "We"), its trailing clause
("… because …") and its full stop, in sentence case, at most 60 characters. "I think the police
should listen to young people because they live here" becomes "Police should listen to young
people". The summary says what the theme is mostly about (its key phrases), gives the next most
typical points and what else is mentioned.

Hand-written rules rather than a language model: a model that writes names would have to ship
with its weights, run in the time budget on two CPU cores and still be checked for names and
personal details it might invent. These rules only ever reuse words the residents wrote, so
they are predictable, fast, the same on every run and safe:

- the answers given are redacted, and an answer holding a redaction placeholder ("[NAME]") is
  never the source of a phrase, so a name or a summary cannot carry one;
- every content word of a phrase must occur in at least two of the answers given, so a name the
  redaction missed, written by one person, cannot become a theme's name;
- phrases with long numbers, "@" or web addresses are skipped.

Names are distinct across the groups named together (in the order of the group ids); when no
answer gives a usable phrase, the name is made of the theme's key phrases ("Speed cameras and
school gates").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from heard_text.keyterms import Term, key_phrases
from heard_text.names import _lists as _name_lists
from heard_text.redaction import PLACEHOLDER
from heard_text.text import STOP_WORDS, normalise, stem, words

MAX_NAME = 60
CANDIDATES = 25  # answers looked at per theme, nearest the centre first
COVERAGE_WEIGHT = 0.5  # a phrase using the theme's key terms beats a slightly more central one
LENGTH_WEIGHT = 0.05  # per word beyond eight
FALLBACK_NAME = "Other comments"

_SENTENCES = re.compile(r"[.!?;:\n]+(?:\s+|$)|\s+[-\u2013\u2014]+\s+")
_BREAK = re.compile(
    r",?\s+\b(?:because|cause|cos|since|but|although|though|however|whereas|which|unless|otherwise|"
    r"especially|e\.g|i\.e|for example|for instance|such as|and then|so that|even if)\b"
    r"|,\s+(?:and|or|so|as|as well as|when|who|if|then|plus)\b|\s+\(|,\s+",
    re.IGNORECASE,
)
_OPENERS = [
    r"(?:yeah|yep|nope|ok|okay|oh|and|but|also|honestly|personally|basically|hi|hey|hello|hmm|um|erm|please|"
    r"sorry|again|plus|firstly|secondly|thirdly|finally|lastly|obviously|clearly|hopefully)\b,?",
    r"(?:yes|no|well|so|overall|generally|really|definitely|probably|maybe|perhaps|mainly|mostly|just),",
    r"(?:i|we)\s+(?:really\s+|do\s+|strongly\s+|personally\s+|still\s+|just\s+)?(?:think|believe|guess|"
    r"reckon|suppose|know|hope|would say|'d say)(?:\s+that)?\b,?",
    r"(?:i|we)\s+(?:really\s+|do\s+|strongly\s+)?(?:feel|felt|find|found|thought|agree)\s+(?:that|like)\b",
    r"in\s+(?:my|our)\s+(?:opinion|view|experience)\b,?|to\s+be\s+honest\b,?|for\s+me\b,?|"
    r"if\s+i'm\s+honest\b,?|as\s+far\s+as\s+i\s+(?:know|can\s+tell)\b,?",
    r"(?:because|cause|cos)(?:\s+of)?\b|(?:since|that|although|though)\b",
    r"it\s+would\s+be\s+(?:nice|good|great|better|helpful|useful|lovely)\s+(?:to\s+have|to\s+see)\b",
    r"there\s+(?:should|needs\s+to|need\s+to|must|has\s+to)\s+be\b",
    r"(?:would|'d)\s+(?:really\s+)?(?:like|love)\s+(?:to\s+see|there\s+to\s+be)\b|(?:want|need|wish)\s+to\s+see\b",
    r"there\s+(?:is|are|was|were)\b|there's\b",
    r"(?:could|can|would)\s+you\s+(?:please\s+)?",
    r"what\s+(?:can|should|do|must)\s+(?:i|we)\s+do\s+(?:if|about|when|to)?\b",
    r"(?:can|could|may|should|shall|will|would|must)\s+(?:i|we)\b",
    r"(?:do|does|did|am|is|are|was|were)\s+(?:i|we)\s+(?:have\s+to|need\s+to)?\b",
    r"(?:i'm|i've|i'd|i'll|we're|we've|we'd|we'll|i|we)\s+(?:am\s+|was\s+|were\s+|are\s+|have\s+been\s+|"
    r"had\s+been\s+|have\s+|had\s+|been\s+)?",
    r"(?:my|our|your|the|to)\b",  # "To offer young people incentives" -> "Offer young people incentives"
]
_OPENER = re.compile(r"^(?:" + "|".join(f"(?:{o})" for o in _OPENERS) + r")\s*", re.IGNORECASE)
_HOW = re.compile(r"^how\s+(?:do|can|should|would|could)\s+(?:i|we|you)\b", re.IGNORECASE)
_CONTRACTIONS = {"i'd": "would", "we'd": "would", "i'll": "will", "we'll": "will"}
_THEIR = {"my": "their", "our": "their", "me": "them", "us": "them", "myself": "themselves"}
_TRAILING = frozenset(
    {"and", "or", "but", "the", "a", "an", "to", "of", "for", "with", "in", "on", "at", "by", "from"}
    | {"their", "them", "my", "our", "is", "are", "was", "were", "be", "that", "this", "it", "as", "so"}
    | {"very", "really", "also", "etc", "if", "when", "who", "which", "not"}
)
_UNSAFE = re.compile(r"\d{3,}|@|https?:|www\.|\[|\]", re.IGNORECASE)
# a redaction placeholder, or a mask someone typed or a data set carries ("XXXX", "****")
_MASK = re.compile(PLACEHOLDER.pattern + r"|\b[xX]{3,}\b|\*{3,}", re.IGNORECASE)
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "we'll"})
_NEAR_DUPLICATE = 0.5
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class ThemeName:
    name: str
    summary: str


@dataclass(frozen=True)
class _Corpus:
    answers: Counter[str]  # in how many answers each word occurs
    written_lower: set[str]  # words someone wrote in lower case

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Corpus:
        answers: Counter[str] = Counter()
        written_lower: set[str] = set()
        for text in texts:
            tokens = _TOKEN.findall(_MASK.sub(" ", text).replace("\u2019", "'"))
            answers.update({t.lower() for t in tokens})
            written_lower.update(t for t in tokens if t.islower())
        return cls(answers, written_lower)


@dataclass(frozen=True)
class _Phrase:
    text: str
    score: float
    answer: int


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return stem(word)


def _words(text: str) -> list[str]:
    """Lower-case words of an already normalised text (:func:`heard_text.text.words`, faster)."""
    return [t.lower() for t in _TOKEN.findall(text)]


def _openers_off(phrase: str) -> str:
    while True:
        phrase = _HOW.sub("How to", phrase, count=1)
        if phrase.lower().startswith("how to"):
            return phrase
        first = phrase.split(" ", 1)[0].lower()
        if first in _CONTRACTIONS and " " in phrase:  # "I'd like more lighting" -> "Would like more lighting"
            phrase = f"{_CONTRACTIONS[first]} {phrase.split(' ', 1)[1]}"
        stripped = _OPENER.sub("", phrase, count=1).lstrip(" ,")
        if stripped == phrase or len(words(stripped)) < 2:
            return phrase
        phrase = stripped


def _cut(phrase: str) -> str:
    """The phrase without its trailing clause, when it is long, and at most MAX_NAME characters."""
    if len(phrase) > 40 or len(words(phrase)) > 7:
        for match in _BREAK.finditer(phrase):
            if len(words(phrase[: match.start()])) >= 3:
                phrase = phrase[: match.start()]
                break
    if len(phrase) > MAX_NAME:
        phrase = phrase[: MAX_NAME + 1].rsplit(" ", 1)[0]
    tokens = phrase.split()
    while tokens and (tokens[-1].lower().strip(",;:'\"") in _TRAILING or not re.search(r"\w", tokens[-1])):
        tokens.pop()
    return " ".join(tokens).strip(" ,;:-\"'()")


def _sentence_case(phrase: str) -> str:
    letters = [c for c in phrase if c.isalpha()]
    if len(letters) > 4 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        phrase = phrase.lower()  # A SHOUTED ANSWER
    tokens = phrase.split()
    if tokens and tokens[0].isupper() and tokens[0].lower() in STOP_WORDS:
        tokens[0] = tokens[0].capitalize()  # "IS there a fee", but not an acronym: "NHS staff"
    if not any(t.lower() in _FIRST_PERSON for t in tokens):
        # the speaker is gone ("I need to delete my account"): "Need to delete their account"
        tokens = [_THEIR.get(t, t) if t.islower() else t for t in tokens]
    tokens = ["I" if t == "i" else t for t in tokens]
    phrase = " ".join(tokens).replace('"', "")
    return phrase[:1].upper() + phrase[1:]


def trimmed(answer: str, key_stems: Mapping[str, float]) -> str:
    """The phrase an answer gives a theme's name, as written (empty when it gives none): its
    sentence carrying most key terms, without openers, speaker and trailing clause."""
    sentences = [s.strip() for s in _SENTENCES.split(answer) if s and s.strip()]
    if not sentences:
        return ""

    def weight(sentence: str) -> float:
        return sum(key_stems.get(_stem(w), 0.0) for w in set(_words(sentence)))

    best = max(enumerate(sentences), key=lambda item: (weight(item[1]), -item[0]))[1]
    phrase = _cut(_openers_off(best))
    return phrase if len(words(phrase)) >= 2 else ""


def phrase_of(answer: str, key_stems: Mapping[str, float] | None = None) -> str:
    """The name an answer would give its theme, before the safety checks: "I think the police
    should listen to young people because …" -> "Police should listen to young people"."""
    raw = trimmed(answer, key_stems or {})
    return _sentence_case(raw) if raw else ""


def _maybe_a_name(token: str, first: bool, corpus: _Corpus) -> bool:
    """A word of the redaction's name lists that is not also an English word ("Jen", "Kowalski"); a
    capitalised first name or surname that is also one ("Grace", "Baker"), unless it opens the
    phrase; or a capitalised word that is not English and nobody wrote in lower case."""
    lists = _name_lists()
    word = token.lower()
    if word in STOP_WORDS or (token.isupper() and len(token) > 1):
        return False  # a function word, or an acronym ("NHS", "PCSO")
    if word not in lists.english:
        return word in lists.first or word in lists.surnames or word not in corpus.written_lower
    return token[:1].isupper() and not first and (word in lists.ambiguous or word in lists.surnames)


def _safe(phrase: str, corpus: _Corpus) -> bool:
    """No placeholder, mask, long number or address; no word that may be a person's name; and every
    content word either used in at least two answers or an English word written in lower case."""
    if not phrase or _UNSAFE.search(phrase):
        return False
    tokens = _TOKEN.findall(phrase)
    if any(_maybe_a_name(t, i == 0, corpus) for i, t in enumerate(tokens)):
        return False
    english = _name_lists().english
    return all(
        corpus.answers[t.lower()] >= 2 or (t.islower() and t in english)
        for t in tokens
        if t.lower() not in STOP_WORDS and len(t) > 1
    )


def _coverage(phrase: str, terms: Sequence[Term]) -> float:
    stems = {_stem(w) for w in _words(phrase)}
    total = sum(t.score for t in terms[:5]) or 1.0
    return min(1.0, sum(t.score for t in terms if t.parts <= stems) / total)


def _ranked_members(
    texts: Sequence[str], members: Sequence[int], terms: Sequence[Term], vectors: np.ndarray | None
) -> list[int]:
    """The members nearest the group's centre first; without vectors, those using most key terms."""
    if vectors is not None and len(members):
        rows = vectors[np.asarray(members)]
        centre = rows.mean(axis=0)
        centre = centre / (np.linalg.norm(centre) or 1.0)
        closeness = (rows @ centre).tolist()
    else:
        closeness = []
        for member in members:
            stems = {_stem(w) for w in _words(texts[member])}
            used = sum(t.score for t in terms if t.parts <= stems)
            closeness.append(used / (1.0 + 0.05 * len(stems)))
    order = sorted(range(len(members)), key=lambda i: (-float(closeness[i]), members[i]))
    return [members[i] for i in order]


def _phrases(
    texts: Sequence[str],
    members: Sequence[int],
    terms: Sequence[Term],
    vectors: np.ndarray | None,
    corpus: _Corpus,
) -> list[_Phrase]:
    """Usable phrases from the group's most typical answers, best first."""
    key_stems: dict[str, float] = {}
    for term in terms:
        for part in term.parts:
            key_stems[part] = max(key_stems.get(part, 0.0), term.score)
    out: list[_Phrase] = []
    seen: set[str] = set()
    looked = 0
    for member in _ranked_members(texts, members, terms, vectors):
        answer = normalise(texts[member])
        if looked >= CANDIDATES:
            break
        if not answer or answer.lower() in seen or _MASK.search(answer):
            continue
        seen.add(answer.lower())
        looked += 1
        raw = trimmed(answer, key_stems)
        if not _safe(raw, corpus):
            continue
        phrase = _sentence_case(raw)
        coverage = _coverage(phrase, terms)
        if terms and coverage == 0:
            continue
        length = len(words(phrase))
        score = (
            1.0
            - looked / CANDIDATES
            + COVERAGE_WEIGHT * coverage
            - LENGTH_WEIGHT * max(0, length - 8)
            - 0.1 * (length < 3)
        )
        out.append(_Phrase(text=phrase, score=score, answer=member))
    out.sort(key=lambda p: (-p.score, p.answer))
    return out


def _similar(a: str, b: str) -> bool:
    left, right = set(words(a)) - STOP_WORDS, set(words(b)) - STOP_WORDS
    if not left or not right:
        return a.lower() == b.lower()
    return len(left & right) / len(left | right) >= _NEAR_DUPLICATE


def _listed(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _lower_first(phrase: str) -> str:
    first = phrase.split(" ", 1)[0]
    if first == "I" or (len(first) > 1 and first[1:2].isupper()):
        return phrase  # "I …", "PCSOs …"
    return phrase[:1].lower() + phrase[1:]


def summary_of(name: str, phrases: Sequence[_Phrase], phrase_terms: Sequence[str], size: int) -> str:
    """Two sentences: what the answers are mostly about, then typical points and what else comes up."""
    topics = [f"\u201c{t}\u201d" for t in phrase_terms[:3]]
    if not topics:
        first = "These answers have little wording in common."
    elif size == 1:
        first = f"This answer mentions {_listed(topics)}."
    else:
        first = f"These answers often mention {_listed(topics)}."
    points: list[str] = []
    for phrase in phrases:
        if len(points) == 2:
            break
        if not any(_similar(phrase.text, other) for other in [name, *points]):
            points.append(phrase.text)
    said = " ".join([name, *points]).lower()
    others = [f"\u201c{t}\u201d" for t in phrase_terms[3:] if t.lower() not in said][:2]
    typical = "; ".join(_lower_first(p) for p in points)
    if points and others:
        second = f"Typical points: {typical}; others mention {_listed(others)}."
    elif points:
        second = f"Typical point{'s' if len(points) > 1 else ''}: {typical}."
    elif others:
        second = f"Others mention {_listed(others)}."
    else:
        second = "Each answer puts it in its own words."
    return f"{first} {second}"


def _fallback_name(phrase_terms: Sequence[str]) -> str:
    if not phrase_terms:
        return FALLBACK_NAME
    name = _listed(phrase_terms[:2])
    return name[:1].upper() + name[1:]


def name_groups(
    texts: Sequence[str],
    groups: Sequence[int],
    terms: Mapping[int, Sequence[Term]],
    *,
    vectors: np.ndarray | None = None,
) -> dict[int, ThemeName]:
    """A distinct name and a summary for each group of ``texts`` (redacted; ``groups[i]`` is the
    group of ``texts[i]``), from its answers and its key terms (``terms``, as
    :func:`heard_text.keyterms.class_terms` gives them). ``vectors``, unit rows one per text, find
    the answers nearest each group's centre."""
    corpus = _Corpus.of(texts)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    matrix = None if vectors is None else np.asarray(vectors, dtype=np.float32)
    used: set[str] = set()
    out: dict[int, ThemeName] = {}
    for group in sorted(members):
        group_terms = list(terms.get(group, []))
        phrase_terms = [t.text for t in key_phrases(group_terms, count=10)]
        phrases = _phrases(texts, members[group], group_terms, matrix, corpus)
        chosen = next((p for p in phrases if p.text.lower() not in used), None)
        name = chosen.text if chosen else _fallback_name(phrase_terms)
        if name.lower() in used:
            extra = [t for t in phrase_terms if t.lower() not in name.lower()]
            name = f"{name} ({extra[0]})" if extra and f"{name} ({extra[0]})".lower() not in used else name
        number = 2
        base = name
        while name.lower() in used:
            name, number = f"{base} ({number})", number + 1
        used.add(name.lower())
        rest = [p for p in phrases if p is not chosen]
        out[group] = ThemeName(name=name, summary=summary_of(name, rest, phrase_terms, len(members[group])))
    return out
