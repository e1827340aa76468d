"""The one place Heard's Django code reaches the Django-free text package `heard_text`."""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import heard_text
import heard_text.granularity


@dataclass(frozen=True)
class FoundTheme:
    label: str  # a name that reads like an analyst's: "Speeding near the school gates"
    key_terms: list[str]
    members: list[int]  # indexes into the texts given
    quote_members: list[int]  # the members that are its representative quotes, in order
    summary: str = ""  # two sentences on what the answers say


@dataclass(frozen=True)
class FoundLevel:
    """The texts grouped at one level, from much broader to much finer (heard_text.granularity)."""

    groups: list[int]  # for each text: its group (1..k), or 0 for an empty answer
    quotes: list[int | None]  # for each text: its place among its group's quotes, or None


#: The levels an analyst chooses between, broadest first, and the one themes are found at.
LEVEL_NAMES: tuple[str, ...] = tuple(heard_text.granularity.LEVEL_NAMES)
STANDARD_LEVEL: int = heard_text.granularity.STANDARD


@dataclass(frozen=True)
class Found:
    themes: list[FoundTheme]
    empty: list[int]  # indexes of empty answers ("nothing", "n/a" …)
    model: str = ""  # the embedding model used: English, or multilingual for answers in other languages
    levels: list[FoundLevel] = field(default_factory=list)  # one per LEVEL_NAMES, when asked for


@dataclass(frozen=True)
class Label:
    label: str
    key_terms: list[str]
    summary: str = ""


def is_empty(text: str) -> bool:
    return bool(heard_text.is_empty_answer(text))


def find_themes(
    texts: Sequence[str],
    *,
    seed: int = 0,
    languages: Sequence[str] = (),
    store: Any = None,
    progress: Callable[[float, str], None] | None = None,
    levels: bool = False,
) -> Found:
    """Themes over `texts` (already redacted): every non-empty text is in exactly one theme.
    `languages` are the languages the answers were given in (they choose the model). `store`
    (a `heard_text.embed_cache.VectorStore`) keeps the vectors, so that texts it has are not
    embedded again; `progress(share, stage)` hears how far the work has gone. With `levels`, the
    texts are also grouped at every level of LEVEL_NAMES, on the same neighbour graph."""
    if not texts:
        return Found(themes=[], empty=[])
    embedder = heard_text.get_embedder(seed=seed, texts=list(texts), languages=list(languages))
    if store is not None:
        from heard_text.embed_cache import CachedEmbedder

        embedder = CachedEmbedder(embedder, store)
    result = heard_text.discover_themes(
        list(texts),
        seed=seed,
        languages=list(languages),
        embedder=embedder,
        progress=progress,
        resolutions=heard_text.granularity.LEVELS if levels else (),
    )
    themes = [
        FoundTheme(
            label=t.label,
            key_terms=list(t.key_terms),
            members=list(t.members),
            quote_members=list(t.quote_members),
            summary=t.summary,
        )
        for t in result.themes
    ]
    found_levels = [FoundLevel(groups=list(v.groups), quotes=list(v.quotes)) for v in result.levels]
    return Found(themes=themes, empty=list(result.empty), model=result.embedder, levels=found_levels)


def label_groups(texts: Sequence[str], groups: Sequence[int]) -> dict[int, Label]:
    """A name, summary and key terms for each group of `texts` (already redacted), as theme
    discovery makes them: used when a theme's answers change (a merge, a withdrawal)."""
    if not texts:
        return {}
    labelled = heard_text.label_groups(list(texts), list(groups))
    return {
        group: Label(label=g.label, key_terms=list(g.key_terms), summary=g.summary)
        for group, g in labelled.items()
    }


def assign(
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    texts: Sequence[str],
    *,
    seed: int = 0,
    languages: Sequence[str] = (),
) -> list[tuple[str | None, float]]:
    """For each of `texts`, the best of the labels learnt from coded answers (or None) and its
    confidence."""
    if not texts:
        return []
    labels = sorted(set(train_labels))
    if len(labels) == 1:
        return [(labels[0], 1.0) for _ in texts]
    assigner = heard_text.ThemeAssigner(seed=seed, languages=list(languages))
    assigner.fit(list(train_texts), [[label] for label in train_labels], extra_corpus=list(texts))
    out: list[tuple[str | None, float]] = []
    for assignment in assigner.assign(list(texts)):
        if assignment.themes:
            out.append((assignment.themes[0], float(assignment.scores[0])))
        else:
            out.append((None, float(assignment.confidence)))
    return out


@dataclass(frozen=True)
class Intelligence:
    flagged: bool
    score: float
    reasons: list[str]


def detect_intelligence(texts: Sequence[str], *, languages: Sequence[str] = ()) -> list[Intelligence]:
    if not texts:
        return []
    return [
        Intelligence(flagged=bool(r.intelligence), score=float(r.score), reasons=list(r.reasons))
        for r in heard_text.detect_many(list(texts), languages=list(languages))
    ]


def redact(text: str) -> str:
    return str(heard_text.redact(text))


def default_codeframe() -> dict[str, Any]:
    """The policing codeframe shipped with Heard, as JSON (with each theme's police.uk categories)."""
    data = json.loads(
        resources.files("heard_text").joinpath("data/policing_codeframe.json").read_text("utf-8")
    )
    return dict(data)


def assign_codes(
    codes: Sequence[dict[str, Any]],
    train_texts: Sequence[str],
    train_codes: Sequence[Sequence[str]],
    texts: Sequence[str],
    *,
    seed: int = 0,
    store: Any = None,
) -> list[list[tuple[str, float]]]:
    """For each of `texts` (redacted), the codes it gets and how sure each is: learnt from the
    codes' descriptions and examples and from answers an analyst coded (`train_codes[i]`, code ids,
    are those of `train_texts[i]`). `store` (as for `find_themes`) gives the vectors an analysis
    already made, and keeps those made here."""
    if not texts or not codes:
        return [[] for _ in texts]
    frame = heard_text.Codeframe.from_dict({"name": "codeframe", "themes": list(codes)})
    label_to_id = {theme.label: theme.id for theme in frame.themes}
    assigner = heard_text.ThemeAssigner(seed=seed, store=store)
    assigner.fit(list(train_texts), [list(c) for c in train_codes], codeframe=frame, extra_corpus=list(texts))
    return [
        [
            (label_to_id.get(label, label), float(score))
            for label, score in zip(a.themes, a.scores, strict=True)
        ]
        for a in assigner.assign(list(texts))
    ]


def words_for_residents(label: str, *, named_by_analyst: bool, key_terms: Sequence[str]) -> str:
    """What a theme is called where residents read it without anyone checking it first (the
    personal update e-mail): the analyst's own name for it, else its leading key terms. A name
    Heard made is a phrase taken from one person's answer, which must never reach anyone's
    mailbox (outcomes/loop_emails.py); key terms are words many answers share."""
    if named_by_analyst or not key_terms:
        return label
    terms = [str(term) for term in key_terms[:3]]
    return ", ".join([terms[0][:1].upper() + terms[0][1:], *terms[1:]])
