"""Which partner activities may duplicate one another, and which one could piggyback on (seed 002
points 2 and 3; seed 000 "which activities can be 'piggybacked' onto?"; seed 004 "duplication
and inefficiency").

Two activities of different organisations are a pair when they are in the same or neighbouring
places (the same area, one inside the other, or wards next to each other), within a few weeks of
each other (HEARD_COORDINATION_WINDOW_WEEKS, 4 by default), and reach the same audiences or have
similar aims. A pair's score (0 to 1) weighs the similarity of their titles and aims (35%), how
far their audiences overlap (25%), how close their places are (20%) and their dates (20%);
pairs under HEARD_COORDINATION_MIN_SCORE (0.45) are left out. A pair is a "possible duplicate"
when it is the same kind of engagement (same method or purpose), for the same audience, in the
same place (or one just inside the other) at the same time; otherwise a "chance to piggyback".

Everything here works on facts already gathered (coordination_facts.py): no queries, however
many pairs there are.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from engagement.models import Activity

from .coordination_facts import Facts, Known, window
from .coordination_reasons import (
    advice,
    audiences_phrase,
    dates_detail,
    headline,
    kind_detail,
    listed,
    when_phrase,
)
from .coordination_text import shared_terms, similarity
from .models import MatchKind

WEIGHTS = {"text": 0.35, "audience": 0.25, "place": 0.2, "date": 0.2}
SIMILAR_AIMS = 0.2  # the text similarity from which two activities' aims count as similar


@dataclass(frozen=True)
class Match:
    """A pair of activities, as pages, exports, e-mails and the API show it."""

    activity: Activity
    other: Activity
    kind: str  # a MatchKind value
    score: float
    reason: str
    details: tuple[str, ...]
    advice: str

    @property
    def kind_label(self) -> str:
        return str(MatchKind(self.kind).label)

    @property
    def is_duplicate(self) -> bool:
        return self.kind == MatchKind.DUPLICATE


@dataclass(frozen=True)
class Overlap:
    score: float
    close: bool  # close enough for a duplicate: the same place, or one just inside the other
    phrase: str  # for the headline: "in Stretford"
    detail: str


@dataclass(frozen=True)
class Audience:
    score: float
    same: bool  # the same audience, for a duplicate
    shared: bool  # reaches an audience the other reaches
    phrase: str
    detail: str


def min_score() -> float:
    return float(getattr(settings, "HEARD_COORDINATION_MIN_SCORE", 0.45))


def _near(a: Facts, b: Facts, known: Known) -> bool:
    """A quick first look: whether the places can overlap at all."""
    if a.area_ids & b.around_ids or b.area_ids & a.around_ids:
        return True
    return any(b.ward_ids & known.neighbours.get(ward, set()) for ward in a.ward_ids)


def place_overlap(a: Facts, b: Facts, known: Known) -> Overlap | None:
    if not _near(a, b, known):
        return None
    same = sorted((p for p in a.places if p.id in b.area_ids), key=lambda p: p.name)
    if same:
        return Overlap(1.0, True, f"in {same[0].name}", f"Same place: {listed([p.name for p in same])}")
    best: Overlap | None = None
    for p in a.places:
        for q in b.places:
            if q.id in p.ancestors or p.id in q.ancestors:
                inner, outer = (p, q) if q.id in p.ancestors else (q, p)
                score = max(0.3, 1 - 0.25 * (inner.depth - outer.depth))
                detail = f"{inner.name} is part of {outer.name}: one is in {inner.name}, the other covers {outer.name}"
                if best is None or score > best.score:
                    best = Overlap(score, score >= 0.75, f"in {inner.name}", detail)
    if best is not None:
        return best
    for p in a.places:
        for q in b.places:
            if p.ward and q.ward and q.ward[0] in known.neighbours.get(p.ward[0], ()):
                names = f"{p.ward[1]} and {q.ward[1]}"
                return Overlap(0.6, False, f"in neighbouring {names}", f"{names} are next to each other")
    return None


def audience_overlap(a: Facts, b: Facts) -> Audience:
    shared = [a.targeted[i] for i in a.targeted.keys() & b.targeted.keys()]
    if shared:
        phrase = audiences_phrase(shared)
        score = len(shared) / min(len(a.targeted), len(b.targeted))
        return Audience(score, True, True, phrase, f"Same audience: {phrase}")
    if a.everyone and b.everyone:
        only = not a.targeted and not b.targeted
        return Audience(
            1.0 if only else 0.6, only, True, "residents", "Both are for everyone who lives there"
        )
    if a.everyone or b.everyone:
        phrase = audiences_phrase(list((b if a.everyone else a).targeted.values()))
        return Audience(0.5, False, False, phrase, f"One is for everyone, the other for {phrase}")
    names = [audiences_phrase(list(f.targeted.values())) for f in (a, b)]
    return Audience(0.0, False, False, "people", f"Different audiences: {names[0]}; {names[1]}")


def gap_between(a: Facts, b: Facts) -> timedelta:
    """How long after one ends the other starts (zero or less when they overlap)."""
    return max(a.start, b.start) - min(a.end, b.end)


def compare(a: Facts, b: Facts, known: Known, *, within: timedelta) -> Match | None:
    """The pair `a`, `b` if it is one, with its score, label and reasons."""
    if a.lead_id == b.lead_id:
        return None
    gap = gap_between(a, b)
    if gap > within:
        return None
    place = place_overlap(a, b, known)
    if place is None:
        return None
    audience = audience_overlap(a, b)
    text = similarity(a.bag, b.bag)
    if not (audience.shared or text >= SIMILAR_AIMS):
        return None
    date_score = 1.0 if gap <= timedelta(0) else 1 - gap / within
    score = (
        WEIGHTS["text"] * text
        + WEIGHTS["audience"] * audience.score
        + WEIGHTS["place"] * place.score
        + WEIGHTS["date"] * date_score
    )
    return _described(a, b, score=round(score, 3), text=text, place=place, audience=audience, gap=gap)


def _described(
    a: Facts, b: Facts, *, score: float, text: float, place: Overlap, audience: Audience, gap: timedelta
) -> Match:
    same_kind = a.activity.method_id == b.activity.method_id or a.activity.purpose == b.activity.purpose
    duplicate = same_kind and audience.same and place.close
    leave_out = (*a.leave_out, *b.leave_out, *a.targeted.values(), *b.targeted.values())
    topic = shared_terms(a.bag, b.bag, texts=(*a.texts, *b.texts), leave_out=leave_out)
    details = [place.detail, audience.detail]
    if text >= SIMILAR_AIMS:
        details.append(f"Similar aims: {listed(topic)}" if topic else "Similar aims")
    details += [dates_detail(gap), kind_detail(a, b)]
    when = when_phrase(a, b, gap)
    return Match(
        activity=a.activity,
        other=b.activity,
        kind=MatchKind.DUPLICATE if duplicate else MatchKind.PIGGYBACK,
        score=score,
        reason=headline(a, b, audience=audience.phrase, place=place.phrase, topic=topic, when=when),
        details=tuple(details),
        advice=advice(a, b, duplicate=duplicate),
    )


def _pairs_in_time(facts: Sequence[Facts], within: timedelta) -> Iterator[tuple[Facts, Facts]]:
    """Every pair close enough in time, earlier-starting first, without looking at the others."""
    ordered = sorted(facts, key=lambda f: (f.start, f.activity.pk))
    for i, first in enumerate(ordered):
        limit = first.end + within
        for j in range(i + 1, len(ordered)):
            if ordered[j].start > limit:
                break
            yield first, ordered[j]


def _ranked(matches: list[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.activity.starts_at, m.activity.pk, m.other.pk))


def matches_for(subject: Facts, candidates: Sequence[Facts], known: Known) -> list[Match]:
    """The pairs `subject` makes with `candidates`, best first; the subject first in each."""
    within, floor = window(), min_score()
    found = [compare(subject, other, known, within=within) for other in candidates]
    return _ranked([m for m in found if m is not None and m.score >= floor])


def matches_among(facts: Sequence[Facts], known: Known) -> list[Match]:
    """Every pair among `facts`, best first; the one starting earlier first in each."""
    within, floor = window(), min_score()
    found = (compare(a, b, known, within=within) for a, b in _pairs_in_time(facts, within))
    return _ranked([m for m in found if m is not None and m.score >= floor])
