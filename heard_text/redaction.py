"""Personal-data redaction to typed placeholders.

``redact("Call Sarah on 07700 900123")`` → ``"Call [NAME] on [PHONE]"``.

Types: [NAME], [PHONE], [EMAIL], [POSTCODE], [ADDRESS] (a house or flat: "14 Elm Grove", "Flat 3"),
[VEHICLE_REG], [NI_NUMBER], [DOB] (a date next to "born", "DOB", "date of birth"), [CRIME_REF] (crime,
incident, log and Action Fraud references), [HANDLE] (@usernames) and [CARD] (payment card numbers).

Patterns find the structured types. Names come from a gazetteer of first names and surnames (built
from Faker's person data, MIT; see data/README.md) and context: a title ("PC", "Mrs", "Sgt"), an
introduction ("called", "known as", "thanks to", "my son"), a first name followed by a surname
(:mod:`heard_text.names`). A first name that is also an English word ("Grace", "May", "Tom") is
redacted only when the context says it is a name. In Welsh, Polish, Urdu and Punjabi answers, a name
after "my name is" and its kin ("fy enw i yw", "nazywam się", "میرا نام", "ਮੇਰਾ ਨਾਮ") is redacted
(:mod:`heard_text.names_multilingual`); phone numbers, e-mail addresses and the other patterns do not
depend on the language. Street and place names ("Victoria Park", "Chester
Road") are left alone: they matter for analysis and are not personal data on their own; a house number
with its street is an [ADDRESS].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from heard_text.names import name_spans
from heard_text.names_multilingual import cued_name_spans
from heard_text.names_words import STREET_SUFFIX
from heard_text.text import STOP_WORDS

#: the kinds of personal data, each replaced by its placeholder: "[NAME]"
KINDS = (
    "NAME",
    "PHONE",
    "EMAIL",
    "POSTCODE",
    "ADDRESS",
    "VEHICLE_REG",
    "NI_NUMBER",
    "DOB",
    "CRIME_REF",
    "HANDLE",
    "CARD",
)
#: a placeholder left by :func:`redact` (or typed by someone who redacted their own answer: "[name]")
PLACEHOLDER = re.compile(r"\[(?:" + "|".join(KINDS) + r")\]", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str


_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])?\b")
# UK numbers: 07… mobiles, 01/02/03 landlines, 08 services, +44 forms; spaces, dashes, brackets allowed
_PHONE = re.compile(
    r"(?<![\w/])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s\-)]{0,2}){8,10}\d(?![\w/])",
)
_POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b",
    re.IGNORECASE,
)
# any two letters: HMRC's own examples use QQ, and a mistyped number is still personal data
_NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
_REG_CURRENT = re.compile(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b", re.IGNORECASE)
_REG_OLD = re.compile(r"\b(?:[A-Z]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-Z])\b")
_REG_CONTEXT = re.compile(
    r"\b(?:reg(?:istration)?(?: (?:number|no\.?|plate))?|number plate|plate|index)"
    r"(?: (?:is|was|of|starts?(?: with)?|starting(?: with)?|ends?(?: in| with)?|ending(?: in| with)?))?[:\s]+"
    r"((?=[A-Z0-9 ]*\d)(?=[A-Z0-9 ]*[A-Z])[A-Z0-9]{2,4}(?: ?[A-Z0-9]{3})?)\b",
    re.IGNORECASE,
)
_CARD = re.compile(r"\b(?:\d[ -]?){15,18}\d\b")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)?(?: of)? " + _MONTH + r",? (?:\d{4}|'?\d{2})"
    r"|" + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?,? \d{4})"
)
_DOB = re.compile(
    r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday(?: is)?)(?:\s*(?:is|was|:|-))?\s*("
    + _DATE
    + r")",
    re.IGNORECASE,
)
_CRIME_CONTEXT = re.compile(
    r"\b(?:crime (?:ref(?:erence)?|number|no\.?)(?: (?:number|no\.?))?|(?:my |the |a |our )ref(?:erence)?"
    r"(?: (?:number|no\.?))?|ref(?:erence)?(?: (?:number|no\.?))?|incident (?:number|no\.?|log|ref)|"
    r"log (?:number|no\.?)|log|occurrence (?:number|no\.?)|urn|cad(?: number)?|case (?:number|no\.?|ref))"
    r"(?: is| was)?[:\s#]+"
    r"((?=[\w/\-]*\d)[A-Z0-9][\w/\-]{2,30}(?: (?:of|on) \d{1,2}/\d{1,2}/\d{2,4})?)",
    re.IGNORECASE,
)
_CRIME_PATTERN = re.compile(
    r"\b(?:\d{2}/\d{4,7}/\d{2}|CRI/?\d{2}/\d{4,7}/\d{2}|NFRC\d{8,14}|[A-Z]{2,4}-\d{2,4}-\d{4,8})\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"\b(?:(?i:flat|apartment|apt|unit)\s+\d{1,4}[a-z]?,?\s+)?\d{1,4}[a-z]?,? (?:[A-Z][a-z']+ ){1,3}"
    + STREET_SUFFIX
    + r"\b|\b(?i:flat|apartment|apt)\s+\d{1,4}[a-z]?\b(?:,? (?:[A-Z][a-z']+ ){1,3}"
    + STREET_SUFFIX
    + r"\b)?",
)
# an all-lower-case answer ("i live at 14 elm grove")
_ADDRESS_LOWER = re.compile(
    r"\b(?:(?:flat|apartment|apt)\s+\d{1,4}[a-z]?,?\s+)?\d{1,4}[a-z]?,? (?:[a-z']+ ){1,2}"
    + STREET_SUFFIX.lower()
    + r"\b",
)


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def find(text: str) -> list[Span]:
    """Spans of personal data in ``text``, without overlaps, in order."""
    candidates: list[Span] = []

    def add(pattern: re.Pattern[str], kind: str, group: int = 0) -> None:
        for match in pattern.finditer(text):
            candidates.append(Span(match.start(group), match.end(group), kind))

    add(_EMAIL, "EMAIL")
    add(_DOB, "DOB", 1)
    add(_CRIME_CONTEXT, "CRIME_REF", 1)
    add(_CRIME_PATTERN, "CRIME_REF")
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 16 <= len(digits) <= 19 and _luhn(digits):
            candidates.append(Span(match.start(), match.end(), "CARD"))
    add(_NI, "NI_NUMBER")
    add(_PHONE, "PHONE")
    add(_REG_CONTEXT, "VEHICLE_REG", 1)
    add(_REG_CURRENT, "VEHICLE_REG")
    add(_REG_OLD, "VEHICLE_REG")
    add(_POSTCODE, "POSTCODE")
    add(_ADDRESS, "ADDRESS")
    if text == text.lower():
        for match in _ADDRESS_LOWER.finditer(text):
            street_words = match.group(0).split()[1:-1]
            if not any(w in STOP_WORDS for w in street_words):
                candidates.append(Span(match.start(), match.end(), "ADDRESS"))
    add(_HANDLE, "HANDLE")
    chosen: list[Span] = []
    # earlier-listed kinds win ties; longer spans win overlaps
    priority = {kind: rank for rank, kind in enumerate(dict.fromkeys(c.kind for c in candidates))}
    for span in sorted(candidates, key=lambda s: (-(s.end - s.start), priority[s.kind], s.start)):
        if span.start < span.end and all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    chosen.extend(
        Span(start, end, "NAME") for start, end in name_spans(text, [(c.start, c.end) for c in chosen])
    )
    # names after "fy enw i yw", "nazywam się", "میرا نام", "ਮੇਰਾ ਨਾਮ" (heard_text/names_multilingual.py)
    chosen.extend(
        Span(start, end, "NAME") for start, end in cued_name_spans(text, [(c.start, c.end) for c in chosen])
    )
    return sorted(chosen)


def redact(text: str, *, kinds: Iterable[str] | None = None) -> str:
    """``text`` with each piece of personal data replaced by its placeholder, e.g. ``[NAME]``."""
    if not text:
        return text
    wanted = set(kinds) if kinds is not None else None
    out = []
    position = 0
    for span in find(text):
        if wanted is not None and span.kind not in wanted:
            continue
        out.append(text[position : span.start])
        out.append(f"[{span.kind}]")
        position = span.end
    out.append(text[position:])
    return "".join(out)
