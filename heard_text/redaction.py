"""Personal-data redaction to typed placeholders.

``redact("Call Sarah on 07700 900123")`` → ``"Call [NAME] on [PHONE]"``.

Types: [NAME], [PHONE], [EMAIL], [POSTCODE], [ADDRESS] (a house or flat: "14 Elm Grove", "Flat 3"),
[VEHICLE_REG], [NI_NUMBER], [DOB] (a date next to "born", "DOB", "date of birth"), [CRIME_REF] (crime,
incident, log and Action Fraud references), [HANDLE] (@usernames) and [CARD] (payment card numbers).

Patterns find the structured types. Names come from a gazetteer of first names and surnames (built
from Faker's person data, MIT; see data/README.md) and context: a title ("PC", "Mrs", "Sgt"), an
introduction ("called", "known as", "thanks to", "my son"), a first name followed by a surname.
A first name that is also an English word ("Grace", "May") is redacted only when the context says it
is a name. Street and place names ("Victoria Park", "Chester Road") are left alone: they matter for
analysis and are not personal data on their own; a house number with its street is an [ADDRESS].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heard_text.text import STOP_WORDS


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str


_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Grove|Place|Pl|Terrace|"
    r"Gardens|Gdns|Square|Sq|Walk|Row|Court|Ct|Mews|Park|Parade|Hill|Green|Brow|Bank|Vale|View|Rise|Fold|"
    r"Croft|Meadow|Meadows|Wharf|Yard|Heights|Chase|Approach|Boulevard|Gate|End)"
)
_STREET_WORDS = {w.lower() for w in _STREET_SUFFIX.strip("(?:)").split("|")}
_PLACE_WORDS = _STREET_WORDS | {
    "centre",
    "center",
    "station",
    "school",
    "academy",
    "college",
    "university",
    "hospital",
    "surgery",
    "church",
    "mosque",
    "estate",
    "mall",
    "precinct",
    "house",
    "hall",
    "library",
    "market",
    "bridge",
    "cross",
    "army",
    "club",
    "arms",
    "inn",
    "hotel",
    "football",
    "united",
    "city",
    "council",
    "police",
    "trust",
    "nhs",
}

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
    + _STREET_SUFFIX
    + r"\b|\b(?i:flat|apartment|apt)\s+\d{1,4}[a-z]?\b(?:,? (?:[A-Z][a-z']+ ){1,3}"
    + _STREET_SUFFIX
    + r"\b)?",
)
# an all-lower-case answer ("i live at 14 elm grove")
_ADDRESS_LOWER = re.compile(
    r"\b(?:(?:flat|apartment|apt)\s+\d{1,4}[a-z]?,?\s+)?\d{1,4}[a-z]?,? (?:[a-z']+ ){1,2}"
    + _STREET_SUFFIX.lower()
    + r"\b",
)

_TITLES = {
    "pc",
    "pcso",
    "dc",
    "ds",
    "di",
    "dci",
    "dsi",
    "sgt",
    "sergeant",
    "inspector",
    "constable",
    "officer",
    "detective",
    "chief",
    "superintendent",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "doctor",
    "nurse",
    "sister",
    "prof",
    "professor",
    "cllr",
    "councillor",
    "rev",
    "reverend",
    "father",
    "imam",
    "rabbi",
    "sir",
    "dame",
    "lord",
    "lady",
}
_INTRODUCERS = {
    "called",
    "named",
    "nicknamed",
    "thank",
    "thanks",
    "to",
    "ask",
    "asked",
    "ring",
    "call",
    "contact",
    "email",
    "tell",
    "told",
    "met",
    "saw",
    "is",
}
_STRONG_INTRODUCERS = {"called", "named", "nicknamed", "as"}  # "known as"
_RELATIONS = {
    "son",
    "daughter",
    "brother",
    "sister",
    "wife",
    "husband",
    "partner",
    "mum",
    "mother",
    "dad",
    "father",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "cousin",
    "neighbour",
    "neighbor",
    "friend",
    "boyfriend",
    "girlfriend",
    "ex",
    "colleague",
    "manager",
    "tenant",
    "landlord",
    "eldest",
    "youngest",
    "boss",
    "carer",
    "grandad",
    "grandma",
    "nan",
    "uncle",
    "aunt",
    "auntie",
}
_CALENDAR = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "eid",
    "diwali",
    "ramadan",
}
#: (previous word, the word before it) pairs that introduce a name: "thanks to", "speak to", "name is"
_CLEAR_PAIRS = {
    ("to", "thanks"),
    ("to", "speak"),
    ("to", "spoke"),
    ("to", "talk"),
    ("to", "talked"),
    ("for", "ask"),
    ("for", "asked"),
    ("is", "name"),
    ("am", "i"),
    ("to", "thanks"),
    ("to", "grateful"),
}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True)
class _Lists:
    first: frozenset[str]
    ambiguous: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    def read(name: str) -> frozenset[str]:
        text = resources.files("heard_text").joinpath(f"data/{name}").read_text("utf-8")
        return frozenset(
            line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
        )

    english = read("english_words.txt")
    first = (read("first_names.txt") | read("first_names_extra.txt")) - english
    return _Lists(first, read("first_names_ambiguous.txt"), read("surnames.txt"), english)


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _name_spans(text: str, taken: list[Span]) -> list[Span]:
    lists = _lists()
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    blocked = [(s.start, s.end) for s in taken]
    shouting = text.upper() == text

    def free(start: int, end: int) -> bool:
        return all(end <= b0 or start >= b1 for b0, b1 in blocked)

    def sentence_start(index: int) -> bool:
        if index == 0:
            return True
        between = text[tokens[index - 1][1] : tokens[index][0]]
        return bool(re.search(r"[.!?:\n]", between))

    def adjacent(index: int) -> bool:
        """The token follows the previous one with only a space (no comma or full stop between)."""
        return index > 0 and text[tokens[index - 1][1] : tokens[index][0]] in {" ", "  "}

    def folded(index: int) -> str:
        return tokens[index][2].casefold().replace("’", "'") if 0 <= index < len(tokens) else ""

    def capital(index: int) -> bool:
        token = tokens[index][2]
        if not token[:1].isupper():
            return False
        # an acronym (CCTV, PACT, NINO) is not a name unless the whole answer is in capitals
        return shouting or not (token.isupper() and len(token) > 1)

    def is_place(index: int) -> bool:
        return index + 1 < len(tokens) and adjacent(index + 1) and folded(index + 1) in _PLACE_WORDS

    def unknown(index: int) -> bool:
        """Not a known name and not an English word: often a name the lists lack."""
        word = folded(index)
        return (
            word not in lists.english
            and word not in lists.first
            and word not in lists.ambiguous
            and word not in STOP_WORDS
            and word not in _TITLES
            and word not in _PLACE_WORDS
            and not word.endswith("'s")
        )

    def namelike(index: int) -> bool:
        word = folded(index)
        return capital(index) and (word in lists.first or word in lists.surnames or unknown(index))

    def coordinated(index: int) -> bool:
        """Could be a name when joined by "and" to a name: "Harry and George"."""
        word = folded(index)
        return (
            capital(index)
            and word not in _CALENDAR
            and (word in lists.first or word in lists.ambiguous or unknown(index))
        )

    def surname_like(index: int) -> bool:
        """After a name: "Smith", "Smith-Jones", "O'Brien", an unknown capitalised word, "smith"."""
        word = folded(index)
        if capital(index):
            known = word in lists.surnames or word in lists.first or "-" in word or "'" in word
            return known or (capital(index - 1) and word not in lists.english)
        return word in lists.surnames and word not in lists.english

    marks = [False] * len(tokens)
    for i, (start, end, _token) in enumerate(tokens):
        word = folded(i)
        titled = i > 0 and adjacent(i) and folded(i - 1) in _TITLES
        if not free(start, end) or word in _TITLES or (is_place(i) and not titled):
            continue
        if word in STOP_WORDS and word not in lists.first:
            continue
        previous = folded(i - 1) if adjacent(i) else ""
        before = folded(i - 2) if i > 1 and adjacent(i - 1) else ""
        following = folded(i + 1) if i + 1 < len(tokens) and adjacent(i + 1) else ""
        title = previous in _TITLES and (previous != "sister" or capital(i))
        strong = previous in _STRONG_INTRODUCERS or title
        relation = previous in _RELATIONS and before in {"my", "our", "his", "her", "their", "the"}
        introduced = previous in _INTRODUCERS or relation or (previous == "you" and before == "thank")
        next_name = (
            following != "" and namelike(i + 1) and not is_place(i + 1) and folded(i + 1) not in lists.english
        )
        role_follows = following in {"from", "at"} and not sentence_start(i + 1)
        if word in lists.first:
            name = capital(i) or strong or introduced or next_name
        elif word in lists.ambiguous:
            name = (capital(i) and (strong or introduced or next_name or role_follows)) or title
        elif capital(i) and unknown(i) and word not in _CALENDAR:
            # a word the lists lack needs a clear sign ("thanks to Raj", "my name is Tariq", "Deepak at the")
            clear = previous in {"thanks", "thank"} or (previous, before) in _CLEAR_PAIRS
            name = strong or relation or clear or (previous == "you" and before == "thank") or next_name
            name = name or role_follows
        else:
            name = (strong and capital(i)) or (title and word in lists.surnames)
        marks[i] = bool(name)
    # surnames after a marked name; names joined to a marked name by "and"
    for _ in range(2):
        for i in range(len(tokens)):
            word = folded(i)
            after_name = i > 0 and marks[i - 1] and folded(i - 1) in lists.first and word in lists.surnames
            if marks[i] or not free(tokens[i][0], tokens[i][1]):
                continue
            if (is_place(i) or word in _PLACE_WORDS) and not after_name:
                continue
            follows_name = i > 0 and marks[i - 1] and adjacent(i)
            if follows_name and word not in STOP_WORDS and word not in _CALENDAR and surname_like(i):
                marks[i] = True
            joined = i >= 2 and folded(i - 1) == "and" and adjacent(i) and adjacent(i - 1)
            if not marks[i] and joined and marks[i - 2] and coordinated(i):
                marks[i] = True
            before_name = i + 2 < len(tokens) and folded(i + 1) == "and" and marks[i + 2]
            if before_name and adjacent(i + 1) and adjacent(i + 2) and coordinated(i):
                marks[i] = True
    spans: list[Span] = []
    for i, (start, end, _) in enumerate(tokens):
        if not marks[i]:
            continue
        if spans and i > 0 and marks[i - 1] and adjacent(i):
            spans[-1] = Span(spans[-1].start, end, "NAME")
        else:
            spans.append(Span(start, end, "NAME"))
    return spans


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
    chosen.extend(_name_spans(text, chosen))
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
