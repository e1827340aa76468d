"""Names in free text, from a gazetteer and the words around them (used by :mod:`heard_text.redaction`).

The gazetteer holds first names and surnames built from Faker's person data (MIT; see data/README.md).
A capitalised known first name is a name; a first name that is also an English word ("Grace", "Tom")
needs context: a title ("PC", "Mrs"), an introduction ("called", "thanks to", "my son") or a surname
after it ("Tom Brown"). A word the lists lack needs a clear sign. Street and place names ("Victoria
Park", "Chester Road") are left alone: they matter for analysis and are not personal data on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from heard_text.languages import detect_language
from heard_text.names_words import (
    CALENDAR,
    CLEAR_PAIRS,
    INTRODUCERS,
    PLACE_OR_VENUE,
    PLACE_WORDS,
    RELATIONS,
    STRONG_INTRODUCERS,
    TITLES,
)
from heard_text.text import STOP_WORDS

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


_OWNERS = {"my", "our", "his", "her", "their", "the"}
#: a first name, though scikit-learn's stop words (from the Glasgow list) include it
_NOT_STOP_WORDS = {"bill"}
#: Welsh words that follow "Beth" ("what") when it opens a question or a clause: "Beth yw …",
#: "Beth am …", "Beth sydd …", "Beth ddylai …", mutated forms included.
_WELSH_AFTER_BETH_WORDS = (
    "yw ydy ydi am sydd sy sy'n fydd fyddai fyddech fyddwn oedd roedd ydych ydyn ydw wyt dych "
    "rydych mae mae'n ddylai ddylen ddylid dylai allwn allai alla allen allwch all gallwn gall "
    "hoffech hoffwch wnaeth wnewch wnawn wnes wnei ddigwyddodd ddigwyddith arall bynnag chi "
    "chi'n ti ti'n yn ni nhw"
)
_AFTER_WELSH_BETH = frozenset(_WELSH_AFTER_BETH_WORDS.split())


@dataclass(frozen=True)
class _Cues:
    """What the words just before and after a token say about it."""

    previous: str  # the word before, when only a space separates them ("" otherwise)
    before: str  # the word before that, on the same terms
    title: bool  # "PC", "Mrs", "Sgt" before it
    strong: bool  # a title, or "called", "named", "known as"
    relation: bool  # "my son", "our neighbour"
    introduced: bool  # a relation, "thanks", "ask", "met", "thank you"
    next_name: bool  # a name-like word that is not an English word follows: "Tom Kowalczyk"
    role_follows: bool  # "Deepak at the shop", "Jay from the youth club"
    surname_follows: bool  # a capitalised surname follows: "Tom Brown", "John Smith"


class _Tokens:
    """The words of one text, and what the gazetteer and their neighbours say about each of them."""

    def __init__(self, text: str, blocked: list[tuple[int, int]]) -> None:
        self.text = text
        self.lists = _lists()
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        self.blocked = blocked
        self.shouting = text.upper() == text

    def __len__(self) -> int:
        return len(self.tokens)

    @cached_property
    def welsh(self) -> bool:
        """Whether the whole text reads as Welsh (worked out only when a word needs it)."""
        return detect_language(self.text) == "cy"

    def free(self, index: int) -> bool:
        """Not inside personal data found already (an address, an e-mail address)."""
        start, end, _ = self.tokens[index]
        return all(end <= b0 or start >= b1 for b0, b1 in self.blocked)

    def gap(self, index: int) -> str:
        """The characters between this token and the previous one."""
        return self.text[self.tokens[index - 1][1] : self.tokens[index][0]]

    def sentence_start(self, index: int) -> bool:
        return index == 0 or bool(re.search(r"[.!?:\n]", self.gap(index)))

    def adjacent(self, index: int) -> bool:
        """The token follows the previous one with only a space (no comma or full stop between)."""
        return 0 < index < len(self.tokens) and self.gap(index) in {" ", "  "}

    def folded(self, index: int) -> str:
        if not 0 <= index < len(self.tokens):
            return ""
        return self.tokens[index][2].casefold().replace("’", "'")

    def capital(self, index: int) -> bool:
        token = self.tokens[index][2]
        if not token[:1].isupper():
            return False
        # an acronym (CCTV, PACT, NINO) is not a name unless the whole answer is in capitals
        return self.shouting or not (token.isupper() and len(token) > 1)

    def is_place(self, index: int) -> bool:
        """The next word makes this one part of a place name: "Victoria Park", "Chester Road"."""
        return self.adjacent(index + 1) and self.folded(index + 1) in PLACE_WORDS

    def unknown(self, index: int) -> bool:
        """Not a known name and not an English word: often a name the lists lack."""
        word = self.folded(index)
        lists = self.lists
        return (
            word not in lists.english
            and word not in lists.first
            and word not in lists.ambiguous
            and word not in STOP_WORDS
            and word not in TITLES
            and word not in PLACE_WORDS
            and not word.endswith("'s")
        )

    def namelike(self, index: int) -> bool:
        word = self.folded(index)
        known = word in self.lists.first or word in self.lists.surnames
        return self.capital(index) and (known or self.unknown(index))

    def coordinated(self, index: int) -> bool:
        """Could be a name when joined by "and" to a name: "Harry and George"."""
        word = self.folded(index)
        known = word in self.lists.first or word in self.lists.ambiguous
        return self.capital(index) and word not in CALENDAR and (known or self.unknown(index))

    def surname_like(self, index: int) -> bool:
        """After a name: "Smith", "Smith-Jones", "O'Brien", an unknown capitalised word, "smith"."""
        word = self.folded(index)
        lists = self.lists
        if self.capital(index):
            known = word in lists.surnames or word in lists.first or "-" in word or "'" in word
            return known or (self.capital(index - 1) and word not in lists.english)
        return word in lists.surnames and word not in lists.english

    def surname_follows(self, index: int) -> bool:
        """A capitalised surname follows, and is not the start of a place name ("Tom Brown" but not
        "Tom Brown Street"). Capitals say nothing when the whole answer is in capitals."""
        after = self.folded(index + 1)
        return (
            not self.shouting
            and self.adjacent(index + 1)
            and self.capital(index + 1)
            and after in self.lists.surnames
            and after not in CALENDAR
            and not (self.adjacent(index + 2) and self.folded(index + 2) in PLACE_OR_VENUE)
        )

    def cues(self, index: int) -> _Cues:
        previous = self.folded(index - 1) if self.adjacent(index) else ""
        before = self.folded(index - 2) if self.adjacent(index - 1) else ""
        following = self.folded(index + 1) if self.adjacent(index + 1) else ""
        title = previous in TITLES and (previous != "sister" or self.capital(index))
        relation = previous in RELATIONS and before in _OWNERS
        thanked = previous == "you" and before == "thank"
        next_name = (
            following != ""
            and self.namelike(index + 1)
            and not self.is_place(index + 1)
            and following not in self.lists.english
        )
        return _Cues(
            previous=previous,
            before=before,
            title=title,
            strong=previous in STRONG_INTRODUCERS or title,
            relation=relation,
            introduced=previous in INTRODUCERS or relation or thanked,
            next_name=next_name,
            role_follows=following in {"from", "at"} and not self.sentence_start(index + 1),
            surname_follows=self.surname_follows(index),
        )


def _welsh_what(tokens: _Tokens, index: int) -> bool:
    """Welsh "Beth" ("what") opening a sentence: "Beth yw …", or any sentence-opening "Beth" in a
    Welsh text that no surname follows. "Beth Smith said" and "I spoke to Beth" stay names."""
    if tokens.folded(index) != "beth" or not tokens.sentence_start(index):
        return False
    following = tokens.folded(index + 1) if tokens.adjacent(index + 1) else ""
    # "ddylai'r", "sy'n": the word with "the" or "yn" run on
    if following in _AFTER_WELSH_BETH or re.sub(r"'[rn]$", "", following) in _AFTER_WELSH_BETH:
        return True
    return tokens.welsh and not tokens.surname_follows(index)


def _skipped(tokens: _Tokens, index: int) -> bool:
    """Never a name on its own: found already, a title, the start of a place name, a stop word,
    Welsh "Beth" ("what") opening a question."""
    word = tokens.folded(index)
    if _welsh_what(tokens, index):
        return True
    titled = tokens.adjacent(index) and tokens.folded(index - 1) in TITLES
    if not tokens.free(index) or word in TITLES or (tokens.is_place(index) and not titled):
        return True
    return word in STOP_WORDS and word not in tokens.lists.first and word not in _NOT_STOP_WORDS


def _first_name(tokens: _Tokens, index: int, cues: _Cues) -> bool:
    return tokens.capital(index) or cues.strong or cues.introduced or cues.next_name


def _ambiguous_name(tokens: _Tokens, index: int, cues: _Cues) -> bool:
    """A first name that is also an English word ("Grace", "Tom") needs a sign that it is a name."""
    if cues.title:
        return True
    if not tokens.capital(index):
        return False
    surname = cues.surname_follows and tokens.folded(index) not in CALENDAR
    return cues.strong or cues.introduced or cues.next_name or cues.role_follows or surname


def _unknown_name(cues: _Cues) -> bool:
    """A word the lists lack needs a clear sign ("thanks to Raj", "my name is Tariq", "Deepak at the")."""
    clear = cues.previous in {"thanks", "thank"} or (cues.previous, cues.before) in CLEAR_PAIRS
    return cues.strong or cues.relation or clear or cues.next_name or cues.role_follows


def _is_name(tokens: _Tokens, index: int) -> bool:
    """Whether the token is a name by itself (surnames and "and" are handled by :func:`_extend`)."""
    word = tokens.folded(index)
    cues = tokens.cues(index)
    if word in tokens.lists.first:
        return _first_name(tokens, index, cues)
    if word in tokens.lists.ambiguous:
        return _ambiguous_name(tokens, index, cues)
    if tokens.capital(index) and tokens.unknown(index) and word not in CALENDAR:
        return _unknown_name(cues)
    return (cues.strong and tokens.capital(index)) or (cues.title and word in tokens.lists.surnames)


def _joins_a_name(tokens: _Tokens, marks: list[bool], index: int) -> bool:
    """A surname after a marked name, or a name joined to a marked name by "and"."""
    word = tokens.folded(index)
    lists = tokens.lists
    marked_before = index > 0 and marks[index - 1]
    after_first_name = marked_before and tokens.folded(index - 1) in lists.first and word in lists.surnames
    if (tokens.is_place(index) or word in PLACE_WORDS) and not after_first_name:
        return False
    follows_name = marked_before and tokens.adjacent(index)
    if follows_name and word not in STOP_WORDS and word not in CALENDAR and tokens.surname_like(index):
        return True
    joined = index >= 2 and tokens.folded(index - 1) == "and" and tokens.adjacent(index)
    if joined and tokens.adjacent(index - 1) and marks[index - 2] and tokens.coordinated(index):
        return True
    before_name = index + 2 < len(tokens) and tokens.folded(index + 1) == "and" and marks[index + 2]
    return (
        before_name
        and tokens.adjacent(index + 1)
        and tokens.adjacent(index + 2)
        and tokens.coordinated(index)
    )


def _extend(tokens: _Tokens, marks: list[bool]) -> None:
    """Mark surnames after marked names, and names joined to them by "and" (twice, for chains)."""
    for _ in range(2):
        for index in range(len(tokens)):
            if not marks[index] and tokens.free(index) and _joins_a_name(tokens, marks, index):
                marks[index] = True


def name_spans(text: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each name in ``text``, outside the ``blocked`` ranges; adjacent words merge."""
    tokens = _Tokens(text, blocked)
    marks = [not _skipped(tokens, i) and _is_name(tokens, i) for i in range(len(tokens))]
    _extend(tokens, marks)
    spans: list[tuple[int, int]] = []
    for index, (start, end, _) in enumerate(tokens.tokens):
        if not marks[index]:
            continue
        if spans and marks[index - 1] and tokens.adjacent(index):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans
