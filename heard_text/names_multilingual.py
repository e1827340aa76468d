"""Names introduced in Welsh, Polish, Urdu or Punjabi ("fy enw i yw …", "nazywam się …", "میرا نام …",
"ਮੇਰਾ ਨਾਮ …"), for :mod:`heard_text.redaction`.

The English name finder (:mod:`heard_text.names`) leans on a gazetteer of Latin-script names and on
English context words; a name in Urdu or Punjabi script is in no gazetteer, and "nazywam się" means
nothing to it. These cues say for certain that a name follows, so whatever follows is redacted: in
Welsh and Polish one word, and a second when both are capitalised ("Jan Kowalski"); in Urdu and
Punjabi, where the verb comes last ("میرا نام احمد خان ہے"), up to two words before the verb.
Written by hand: the cues are fixed phrases of four languages.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0a01-\u0a03\u0a3c-\u0a51\u0a70\u0a71\u0a75"
_TOKEN = re.compile(r"(?:[^\W\d_]|[" + _MARKS + r"])(?:[^\W\d_]|[" + _MARKS + r"]|['’\-])*")

_CUES = [
    # Welsh: my name is, (someone) called, named
    r"fy enw(?: i)? (?:yw|ydy|ydi)",
    r"(?:ei|eu) enw (?:yw|ydy|ydi)",
    r"o'r enw",
    r"(?:yn cael ei |sy'n cael ei |ei )?[cg]?alw'n",
    # Polish: my name is, is called, by the name / surname of, nicknamed
    r"nazywam się",
    r"mam na imię",
    r"ma na imię",
    r"nazywa się",
    r"o imieniu",
    r"o nazwisku",
    r"o ksywie",
    r"ksywa",
    # Urdu: my / his / her / whose name
    r"(?:میرا|میری|اس کا|اُس کا|اس کی|ان کا|جس کا|جن کا) نام",
    # Punjabi: my / his / her / whose name
    r"(?:ਮੇਰਾ|ਉਸ ਦਾ|ਉਸਦਾ|ਉਸ ਦੀ|ਜਿਸ ਦਾ|ਜਿਸਦਾ|ਉਹਨਾਂ ਦਾ) (?:ਨਾਮ|ਨਾਂ)",
]
_CUE = re.compile(
    r"(?<![\w\u0600-\u06ff\u0a00-\u0a7f])(?:"
    + "|".join(unicodedata.normalize("NFKC", c) for c in _CUES)
    + r")(?:\s*[:\-–])?\s+",
    re.IGNORECASE,
)
#: the verb or joining word that ends a name in Urdu and Punjabi ("… ہے", "… ਹੈ"), or "is" before it
_ENDS = frozenset(str.split("ہے ہیں تھا تھی تھے ہوں ہو اور جو کو نے ਹੈ ਹਨ ਸੀ ਹਾਂ ਅਤੇ ਜੋ ਨੂੰ ਨੇ"))
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")


def _latin_name(tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    first = tokens[0]
    if len(tokens) > 1 and first.group(0)[:1].isupper() and tokens[1].group(0)[:1].isupper():
        return tokens[:2]
    return [first]


def _verb_final_name(tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    if tokens and tokens[0].group(0) in _ENDS:  # "میرا نام ہے احمد": the verb came first
        tokens = tokens[1:]
    name: list[re.Match[str]] = []
    for token in tokens[:2]:
        if token.group(0) in _ENDS:
            break
        name.append(token)
    return name


def cued_name_spans(text: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each name that follows one of the cues, outside the ``blocked`` ranges."""
    spans: list[tuple[int, int]] = []
    for cue in _CUE.finditer(text):
        rest = text[cue.end() :]
        clause = re.split(r"[.,;!?\u060c\u06d4\u0964\n]", rest, maxsplit=1)[0]
        tokens = list(_TOKEN.finditer(clause))[:3]
        if not tokens:
            continue
        name = _latin_name(tokens) if _LATIN.match(tokens[0].group(0)) else _verb_final_name(tokens)
        if not name:
            continue
        start, end = cue.end() + name[0].start(), cue.end() + name[-1].end()
        if all(end <= b0 or start >= b1 for b0, b1 in blocked):
            spans.append((start, end))
    return spans
