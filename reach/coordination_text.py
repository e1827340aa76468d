"""The one place coordination reaches the text package `heard_text`: the words of two activities'
titles and aims, compared.

Each activity becomes a bag of its content words and adjacent word pairs (heard_text's own
tokens: stop words out, plurals folded), weighted by sublinear term frequency and scaled to unit
length; two activities' similarity is the cosine of their bags. There is no IDF on purpose: a
pair's score depends on the two activities alone, so the activity's page and the register-wide
report agree, and activities a reader may not see cannot shift it. The words every engagement
activity uses ("consultation", "residents", "community") and the names of the activity's own
places and method are left out, since place, audience and kind are compared separately. It runs
offline and, comparing only the candidate pairs, in well under a second for a whole register.
"""

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from heard_text.text import STOP_WORDS, analyser_tokens, content_tokens

# Words any engagement activity may use, which say nothing of what it is about.
DOMAIN_WORDS = frozenset(
    {
        "activity",
        "agree",
        "community",
        "consult",
        "consultation",
        "engage",
        "engagement",
        "event",
        "hear",
        "local",
        "matter",
        "meeting",
        "people",
        "public",
        "resident",
        "session",
        "survey",
        "view",
        "voice",
        "work",
    }
)

Bag = dict[str, float]


def _dropped(leave_out: Iterable[str]) -> set[str]:
    return {token for name in leave_out for token in content_tokens(name)}


def _content(token: str) -> bool:
    return token not in STOP_WORDS and len(token) > 1


def bag(pieces: Sequence[str], *, leave_out: Iterable[str] = ()) -> Bag:
    """The unit-length weighted bag of the content words of `pieces` (a title, each aim) and
    of the word pairs within each piece, without the words of `leave_out` (place names, say)."""
    dropped = _dropped(leave_out)
    terms: list[str] = []
    for piece in pieces:
        tokens = [t for t in analyser_tokens(piece) if t not in dropped]
        content = [t for t in tokens if t not in STOP_WORDS and len(t) > 1]
        terms += [t for t in content if t not in DOMAIN_WORDS]
        # Pairs of words side by side in the text: "knife crime", but not "behaviour (and) burglary".
        terms += [
            f"{a} {b}"
            for a, b in itertools.pairwise(tokens)
            if _content(a) and _content(b) and not (a in DOMAIN_WORDS and b in DOMAIN_WORDS)
        ]
    weights = {term: 1 + math.log(n) for term, n in Counter(terms).items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def similarity(a: Bag, b: Bag) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return min(1.0, sum(w * large.get(term, 0.0) for term, w in small.items()))


def _joined(chosen: list[list[str]], words: list[str]) -> bool:
    """Join `words` onto a chosen term it continues ("anti social" + "social behaviour");
    whether it was joined or overlaps one (and so adds nothing)."""
    for term in chosen:
        if term[-1] == words[0] and words[-1] not in term:
            term.append(words[-1])
            return True
        if term[0] == words[-1] and words[0] not in term:
            term.insert(0, words[0])
            return True
        if set(words) & set(term):
            return True
    return False


def _surface(words: list[str], texts: Sequence[str]) -> str:
    """How the texts write a term: "burglaries" for the folded "burglary", "PACT" in capitals,
    "anti-social" with its hyphen."""
    pattern = r"\W{0,3}".join(rf"({re.escape(w[:-1] if len(w) > 3 else w)}\w*)" for w in words)
    for text in texts:
        found = re.search(rf"\b{pattern}\b", text, flags=re.IGNORECASE)
        if found:
            phrase = found.group(0)
            return phrase if phrase.isupper() and len(phrase) > 1 else phrase.lower()
    return " ".join(words)


def shared_terms(
    a: Bag, b: Bag, *, texts: Sequence[str], limit: int = 2, leave_out: Iterable[str] = ()
) -> list[str]:
    """What two activities are both about, as `texts` (their titles and aims) write it,
    strongest first: word pairs before single words, none of `leave_out`'s words, nothing twice."""
    dropped = _dropped(leave_out) | DOMAIN_WORDS
    shared = sorted(
        (term for term in a.keys() & b.keys() if not set(term.split()) & dropped),
        key=lambda term: (-(" " in term), -min(a[term], b[term]), term),
    )
    chosen: list[list[str]] = []
    for term in shared:
        words = term.split()
        if not _joined(chosen, words) and len(chosen) < limit:
            chosen.append(words)
    return [_surface(words, texts) for words in chosen]
