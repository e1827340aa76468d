"""A questionnaire's results weighted to the population of its activity's areas: raking
(`raking.rake`) on the equality dimensions its respondents answered, capped weights, Kish's
effective sample size, beside the unweighted counts and percentages of
consultations/results.py (issue 9: "a consultation answered mostly by older white men says so
and says what a representative sample would likely have said").

Small numbers: a group with fewer respondents than the suppression threshold is never weighted
on its own. Age bands are merged with their neighbours until each has enough respondents;
other small groups are combined, and left unweighted on that dimension if even together they
are too few. Every weight is then a function of groups of at least the threshold, so neither the
weights nor the weighted figures (shown only as percentages) single out a hidden count. Groups
nobody answered from cannot be weighted at all: their share is spread over the others, and the
page says so."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from consultations.models import CHOICE_KINDS, Answer, EqualityRecord, QuestionKind, Questionnaire, Response
from consultations.results import question_results, questions_of
from places import census
from places.census import parse_age_band

from .categories import FIELDS, LABELS, align_ages, answer_category, category_label, population_categories
from .engine import Population
from .raking import DEFAULT_CAP, Margin, RakeResult, rake


def weight_cap() -> float:
    return float(getattr(settings, "HEARD_WEIGHT_CAP", DEFAULT_CAP))


@dataclass(frozen=True)
class MarginUsed:
    dimension: str
    label: str
    groups: list[str]  # in words; merged groups read "Aged 16 to 34"
    not_weighted: list[str] = field(default_factory=list)  # groups too small even combined
    nobody: list[str] = field(default_factory=list)  # groups of the population nobody answered from


@dataclass(frozen=True)
class WeightedOption:
    label: str
    count: int
    percent: float
    weighted_percent: float | None


@dataclass(frozen=True)
class WeightedQuestion:
    number: int
    text: str
    kind: str
    answered: int
    options: list[WeightedOption]
    note: str = ""


@dataclass(frozen=True)
class Weighting:
    respondents: int
    margins: list[MarginUsed]
    result: RakeResult | None
    cap: float
    reason: str = ""  # why the results could not be weighted

    @property
    def weighted(self) -> bool:
        return self.result is not None


def _collapse_ordered(counts: dict[str, int], order: list[str], minimum: int) -> dict[str, list[str]]:
    """Adjacent categories merged until each group has at least `minimum`; empty ones apart."""
    groups = [[c] for c in order if counts.get(c, 0)]
    while len(groups) > 1:
        sizes = [sum(counts.get(c, 0) for c in g) for g in groups]
        small = [i for i, n in enumerate(sizes) if n < minimum]
        if not small:
            break
        i = min(small, key=lambda k: (sizes[k], k))
        j = i - 1 if i == len(groups) - 1 or (i > 0 and sizes[i - 1] <= sizes[i + 1]) else i + 1
        low, high = sorted((i, j))
        groups[low : high + 1] = [groups[low] + groups[high]]
    return {"+".join(g): g for g in groups}


def _collapse_unordered(
    counts: dict[str, int], order: list[str], minimum: int
) -> tuple[dict[str, list[str]], list[str]]:
    groups = {c: [c] for c in order if counts.get(c, 0) >= minimum}
    small = [c for c in order if 0 < counts.get(c, 0) < minimum]
    if small and sum(counts[c] for c in small) >= minimum:
        groups[" or ".join(small)] = small
        small = []
    return groups, small


def _group_label(dimension: str, members: Sequence[str]) -> str:
    if dimension == census.AGE and len(members) > 1:
        first, last = parse_age_band(members[0]), parse_age_band(members[-1])
        if first and last:
            return category_label(
                dimension, f"{first.low}+" if last.high is None else f"{first.low}-{last.high}"
            )
    return " or ".join(category_label(dimension, m) for m in members)


def _margin(
    dimension: str, answers: list[str | None], population: dict[str, float], minimum: int
) -> tuple[Margin | None, MarginUsed]:
    population = population_categories(dimension, population)
    if dimension == census.AGE:
        alignment = align_ages(population, [b for b in (parse_age_band(a) for a in set(answers) if a) if b])
        population = alignment.merge(population)
        answers = [
            alignment.band_of(b.low, b.high) if a and (b := parse_age_band(a)) else None for a in answers
        ]
    counts: dict[str, int] = defaultdict(int)
    for answer in answers:
        if answer is not None and answer in population:
            counts[answer] += 1
    order = list(population)
    left_out: list[str] = []
    if dimension == census.AGE:
        groups = _collapse_ordered(counts, order, minimum)
    else:
        groups, left_out = _collapse_unordered(counts, order, minimum)
    used = MarginUsed(
        dimension=dimension,
        label=LABELS[dimension],
        groups=[_group_label(dimension, members) for members in groups.values()],
        not_weighted=[category_label(dimension, c) for c in left_out],
        nobody=[category_label(dimension, c) for c in order if not counts.get(c)],
    )
    group_of = {member: key for key, members in groups.items() for member in members}
    answered = sum(counts[c] for c in group_of)
    if len(groups) < 2 or answered < minimum:
        return None, used
    targets = {key: sum(population[m] for m in members) for key, members in groups.items()}
    return Margin(dimension, [group_of.get(a) if a else None for a in answers], targets), used


def weigh(
    questionnaire: Questionnaire, population: Population, *, minimum: int
) -> tuple[list[int], Weighting]:
    """Weights for every response to `questionnaire` (in the order of the ids returned)."""
    ids = list(
        Response.objects.filter(questionnaire=questionnaire).order_by("pk").values_list("pk", flat=True)
    )
    rows = {
        row["response_id"]: row
        for row in EqualityRecord.objects.filter(response__questionnaire=questionnaire).values(
            "response_id", *FIELDS.values()
        )
    }
    margins, used = [], []
    for dimension, name in FIELDS.items():
        if dimension not in population.dimensions:
            continue
        answers = [answer_category(dimension, rows.get(pk, {}).get(name, "")) for pk in ids]
        margin, described = _margin(dimension, answers, population.dimensions[dimension], minimum)
        if margin is not None:
            margins.append(margin)
            used.append(described)
    cap = weight_cap()
    if len(ids) < minimum:
        return ids, Weighting(len(ids), [], None, cap, reason=f"Fewer than {minimum} people have responded.")
    if not margins:
        reason = (
            f"Fewer than {minimum} respondents answered the equality questions in a way that can be weighted."
        )
        return ids, Weighting(len(ids), [], None, cap, reason=reason)
    return ids, Weighting(len(ids), used, rake(margins, size=len(ids), cap=cap), cap)


def weighted_questions(
    questionnaire: Questionnaire, responses: QuerySet[Response], ids: list[int], weighting: Weighting
) -> list[WeightedQuestion]:
    """Per question, the unweighted counts and percentages (consultations/results.py) and, for
    choice questions, the weighted percentages."""
    questions = questions_of(questionnaire)
    unweighted = question_results(questionnaire, responses, questions=questions)
    weights = dict(zip(ids, weighting.result.weights.tolist(), strict=True)) if weighting.result else {}
    answered: dict[int, dict[int, float]] = defaultdict(dict)
    chosen: dict[int, float] = defaultdict(float)
    rows = Answer.objects.filter(response__questionnaire=questionnaire, choice__isnull=False).values_list(
        "response_id", "question_id", "choice_id", "rank"
    )
    for response_id, question_id, choice_id, rank in rows.iterator(chunk_size=5000):
        weight = weights.get(response_id, 0.0)
        answered[question_id][response_id] = weight
        if rank in (None, 1):
            chosen[choice_id] += weight
    found = []
    for result in unweighted:
        total = sum(answered[result.id].values())
        pks: list[int | None] = [c.pk for c in result.question.choices.all()]
        if result.kind not in CHOICE_KINDS or not weighting.weighted or not total:
            pks = [None] * len(result.options)
        options = [
            WeightedOption(
                label=o.label,
                count=o.count,
                percent=o.percent,
                weighted_percent=round(100 * chosen[pk] / total, 1) if pk is not None else None,
            )
            for o, pk in zip(result.options, pks, strict=True)
        ]
        note = (
            "Percentages are of people who put the option first."
            if result.kind == QuestionKind.RANKING
            else ""
        )
        if result.kind == QuestionKind.MULTIPLE:
            note = "People could choose more than one, so the percentages can add up to more than 100."
        found.append(
            WeightedQuestion(result.number, result.text, result.kind, result.answered, options, note)
        )
    return found
