"""Key terms and readable labels for groups of answers (class-based TF-IDF).

Every answer is turned into content tokens (lower case, plural endings folded, stop words dropped) and
the pairs of adjacent content words. A term scores high for a theme when it is frequent inside the
theme and rare across the other themes: ``tf(term, theme) * log(1 + A / f(term))`` with ``tf``
normalised by the theme's size, ``A`` the average number of terms per theme and ``f`` the term's
frequency over all themes (the c-TF-IDF of BERTopic). Terms are shown in the form people used most.
Redaction placeholders ("[NAME]", "[POSTCODE]") are never terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from heard_text.redaction import PLACEHOLDER
from heard_text.text import STOP_WORDS, stem, words


@dataclass(frozen=True)
class Term:
    key: str  # folded form: "charge twice"
    text: str  # as people wrote it most often: "charged twice"
    score: float
    answers: int  # answers of the group that use it

    @property
    def parts(self) -> frozenset[str]:
        return frozenset(self.key.split())


def _doc_terms(text: str, surface: dict[str, Counter[str]]) -> list[str]:
    # answers are analysed redacted: a placeholder ("[NAME]") is neither a term nor a link in a pair
    return [term for piece in PLACEHOLDER.split(text) for term in _piece_terms(piece, surface)]


def _piece_terms(text: str, surface: dict[str, Counter[str]]) -> list[str]:
    tokens = words(text)
    out: list[str] = []
    previous: tuple[str, str] | None = None
    for token in tokens:
        if token.isdigit() or len(token) < 2:
            previous = None
            continue
        key = stem(token)
        if token in STOP_WORDS or key in STOP_WORDS:
            previous = None
            continue
        surface[key][token] += 1
        out.append(key)
        if previous is not None and previous[0] != key:
            pair = f"{previous[0]} {key}"
            surface[pair][f"{previous[1]} {token}"] += 1
            out.append(pair)
        previous = (key, token)
    return out


def class_terms(
    texts: Sequence[str], groups: Sequence[int], *, top: int = 20, min_share: float = 0.02
) -> dict[int, list[Term]]:
    """The ``top`` key terms of each group, most distinctive first.

    A term must occur in at least two answers of the group (or all of a smaller group) and in
    ``min_share`` of them, so that a word used once does not name a theme.
    """
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    group_ids = sorted(set(groups))
    doc_freq: dict[int, Counter[str]] = {g: Counter() for g in group_ids}
    term_freq: dict[int, Counter[str]] = {g: Counter() for g in group_ids}
    sizes: Counter[int] = Counter(groups)
    for text, group in zip(texts, groups, strict=True):
        terms = _doc_terms(text, surface)
        term_freq[group].update(terms)
        doc_freq[group].update(set(terms))
    total: Counter[str] = Counter()
    for counts in term_freq.values():
        total.update(counts)
    average = sum(total.values()) / max(len(group_ids), 1)
    result: dict[int, list[Term]] = {}
    for group in group_ids:
        counts = term_freq[group]
        length = sum(counts.values()) or 1
        floor = min(max(2, int(np.ceil(min_share * sizes[group]))), sizes[group])
        scored = [
            (float((count / length) * np.log1p(average / total[term])), term)
            for term, count in counts.items()
            if doc_freq[group][term] >= floor
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        result[group] = [
            Term(key=term, text=_display(term, surface), score=score, answers=doc_freq[group][term])
            for score, term in scored[:top]
        ]
    return result


def _display(term: str, surface: dict[str, Counter[str]]) -> str:
    forms = surface.get(term)
    if not forms:
        return term
    # most common written form; ties broken alphabetically so the output is stable
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


def key_phrases(terms: Sequence[Term], *, count: int = 10) -> list[Term]:
    """Key terms with a word replaced by the word pair it mostly occurs in ("twice" -> "charged twice")
    and words already covered by a chosen pair left out."""
    pairs = [t for t in terms if len(t.parts) > 1]
    chosen: list[Term] = []
    for term in terms:
        if len(term.parts) == 1:
            carriers = [p for p in pairs if term.parts <= p.parts and p.answers >= 0.5 * term.answers]
            if carriers:
                term = max(carriers, key=lambda p: (p.answers, p.score))
        covered = frozenset().union(*(c.parts for c in chosen)) if chosen else frozenset()
        if term.parts <= covered:
            continue
        chosen.append(term)
        if len(chosen) >= count:
            break
    return chosen


def label_from_terms(terms: Sequence[Term], *, parts: int = 3) -> str:
    """A short readable label: the leading key phrases, e.g. "Charged twice, statement, refund"."""
    phrases = [t.text for t in key_phrases(terms, count=parts)]
    if not phrases:
        return "Other comments"
    label = ", ".join(phrases)
    return label[0].upper() + label[1:]
