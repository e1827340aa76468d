"""Results of a questionnaire: counts and percentages per question, the written answers, and
equality monitoring in totals only (small numbers suppressed, see `suppression`).

Every figure is computed with a fixed number of aggregate queries, whatever the number of
responses. Nothing is left out silently: each question says how many answered it, how many
skipped it and how many were not asked it (skip logic). What a reader is shown of these (text
through their door) is decided in `selectors`."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Count, Q, QuerySet

from engagement.access import language_name
from engagement.models import Activity
from organisations.models import User
from places.models import Area

from . import equality
from .models import (
    CHOICE_KINDS,
    Answer,
    Channel,
    EqualityRecord,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from .suppression import (
    NOT_ANSWERED,
    SUPPRESS_BELOW,
    EqualitySummary,
    EqualityTable,
    reader_threshold,
    suppress,
)


@dataclass(frozen=True)
class ResultFilters:
    area: Area | None = None
    channel: str = ""
    language: str = ""  # a code from engagement/access.py
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""

    def describe(self) -> str:
        parts = []
        if self.area:
            parts.append(f"area {self.area.name}")
        if self.channel:
            parts.append(f"channel {Channel(self.channel).label.lower()}")
        if self.language:
            parts.append(f"language {language_name(self.language)}")
        if self.date_from:
            parts.append(f"from {self.date_from:%d %b %Y}")
        if self.date_to:
            parts.append(f"to {self.date_to:%d %b %Y}")
        return ", ".join(parts)


def responses_filtered(
    questionnaire: Questionnaire, filters: ResultFilters, *, base: QuerySet[Response] | None = None
) -> QuerySet[Response]:
    """The questionnaire's responses matching `filters` (of `base`, when given: those a reader
    may see)."""
    responses = (base if base is not None else Response.objects.all()).filter(questionnaire=questionnaire)
    if filters.area is not None:
        responses = responses.filter(area__path__startswith=filters.area.path)
    if filters.channel:
        responses = responses.filter(channel=filters.channel)
    if filters.language:
        responses = responses.filter(language=filters.language)
    if filters.date_from:
        responses = responses.filter(submitted_at__date__gte=filters.date_from)
    if filters.date_to:
        responses = responses.filter(submitted_at__date__lte=filters.date_to)
    return responses


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass
class OptionResult:
    label: str
    count: int
    percent: float
    first: int = 0  # ranking: how many put it first
    mean_rank: float | None = None  # ranking: its average position (1 is top)


@dataclass
class QuestionResult:
    question: Question
    number: int
    total: int  # responses in the filtered set
    asked: int  # of those, how many were shown the question (skip logic)
    answered: int
    options: list[OptionResult] = field(default_factory=list)
    condition: str = ""

    @property
    def id(self) -> int:
        return self.question.pk

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def text(self) -> str:
        return self.question.text

    @property
    def skipped(self) -> int:
        return max(self.asked - self.answered, 0)

    @property
    def not_asked(self) -> int:
        return self.total - self.asked

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT

    @property
    def percent_note(self) -> str:
        kind = self.question.kind
        if kind == QuestionKind.MULTIPLE:
            return "People could choose more than one, so the percentages can add up to more than 100."
        if kind == QuestionKind.RANKING:
            return "Percentages are of people who put the option first; a lower average position is a higher priority."
        if kind == QuestionKind.WHERE:
            return "Neighbourhoods found from the postcodes given (postcodes are not shown)."
        return ""


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    """The questions in order, with their options and skip conditions."""
    return list(
        questionnaire.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id")
    )


def question_results(
    questionnaire: Questionnaire, responses: QuerySet[Response], *, questions: list[Question] | None = None
) -> list[QuestionResult]:
    questions = questions if questions is not None else questions_of(questionnaire)
    total = responses.count()
    answers = Answer.objects.filter(response__in=responses.values("pk"))
    answered = dict(
        answers.values_list("question_id").annotate(n=Count("response_id", distinct=True)).order_by()
    )
    by_choice: dict[int, dict[str, Any]] = {
        row["choice_id"]: dict(row)
        for row in answers.filter(choice__isnull=False)
        .values("choice_id")
        .annotate(n=Count("id"), first=Count("id", filter=Q(rank=1)), mean=Avg("rank"))
        .order_by()
    }
    conditional = [q for q in questions if q.show_if_question_id]
    asked: dict[str, int] = {}
    if conditional and total:
        asked = answers.aggregate(
            **{
                f"q{q.pk}": Count(
                    "response_id",
                    distinct=True,
                    filter=Q(
                        question_id=q.show_if_question_id,
                        choice_id__in=[c.pk for c in q.show_if_choices.all()],
                    ),
                )
                for q in conditional
            }
        )
    by_area: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for question_id, area_name, n in (
        answers.filter(question__kind=QuestionKind.WHERE)
        .values_list("question_id", "response__area__name")
        .annotate(n=Count("id"))
        .order_by("question_id", "-n", "response__area__name")
    ):
        by_area[question_id].append((area_name or "Outside the force area", n))
    numbers = {q.pk: i + 1 for i, q in enumerate(questions)}
    results = []
    for number, question in enumerate(questions, start=1):
        n_answered = answered.get(question.pk, 0)
        result = QuestionResult(
            question=question,
            number=number,
            total=total,
            asked=asked.get(f"q{question.pk}", 0) if question.show_if_question_id else total,
            answered=n_answered,
        )
        if question.show_if_question_id:
            labels = " or ".join(f"“{c.label}”" for c in question.show_if_choices.all())
            result.condition = f"Only asked when question {numbers.get(question.show_if_question_id, '?')} was answered {labels}."
        if question.kind in CHOICE_KINDS:
            for choice in question.choices.all():
                row = by_choice.get(choice.pk, {})
                count = row.get("n", 0)
                if question.kind == QuestionKind.RANKING:
                    first = row.get("first", 0)
                    mean = row.get("mean")
                    result.options.append(
                        OptionResult(
                            label=choice.label,
                            count=count,
                            percent=_percent(first, n_answered),
                            first=first,
                            mean_rank=round(mean, 2) if mean is not None else None,
                        )
                    )
                else:
                    result.options.append(
                        OptionResult(label=choice.label, count=count, percent=_percent(count, n_answered))
                    )
        elif question.kind == QuestionKind.WHERE:
            result.options = [
                OptionResult(label=name, count=n, percent=_percent(n, n_answered))
                for name, n in by_area[question.pk]
            ]
        results.append(result)
    return results


@dataclass(frozen=True)
class ChannelCount:
    value: str
    label: str
    count: int


def channel_counts(responses: QuerySet[Response]) -> list[ChannelCount]:
    counts = dict(responses.values_list("channel").annotate(n=Count("id")).order_by())
    return [ChannelCount(value=c.value, label=c.label, count=counts.get(c.value, 0)) for c in Channel]


@dataclass(frozen=True)
class LanguageCount:
    value: str
    label: str
    count: int


def language_counts(responses: QuerySet[Response]) -> list[LanguageCount]:
    """How many of `responses` were given in each language, most first; only languages with
    responses. Counts like the channels': the responses a reader may read, exactly (equality
    totals are the only figures suppressed, and they never follow the filters)."""
    counts = responses.values_list("language").annotate(n=Count("id")).order_by("-n", "language")
    return [LanguageCount(value=code, label=language_name(code), count=n) for code, n in counts]


def text_answers(
    questionnaire: Questionnaire,
    filters: ResultFilters,
    *,
    question: Question | None = None,
    base: QuerySet[Answer] | None = None,
) -> QuerySet[Answer]:
    """Free-text answers as written, newest first, with the same filters as the results plus a
    search of the original words (so only for readers who see them: see `selectors`)."""
    answers = (
        (base if base is not None else Answer.objects.all())
        .filter(
            question__questionnaire=questionnaire,
            question__kind=QuestionKind.TEXT,
            response__in=responses_filtered(questionnaire, filters).values("pk"),
        )
        .exclude(text="")
    )
    if question is not None:
        answers = answers.filter(question=question)
    if filters.search:
        answers = answers.filter(text__icontains=filters.search)
    return answers.select_related("question", "response__area").order_by("-response__submitted_at", "-id")


# Equality monitoring: totals only, small numbers suppressed.


def equality_keys(name: str) -> list[str]:
    """The cells of one question's equality table, in order, as `_field_counts` keys them:
    each category (broad groups for ethnicity, then "Prefer not to say"), then "" for not
    answered. Reach counts its tables in the same cells, so that its sums of atoms are
    suppressed exactly as these tables are."""
    return [value for value, _ in _categories(name)] + [""]


def _categories(name: str) -> list[tuple[str, str]]:
    """(stored value, label shown) for a field; ethnicity is shown in its broad groups."""
    if name != "ethnicity":
        return equality.choices_for(name)
    broad = list(dict.fromkeys(equality.broad_ethnic_group(v) for v, _ in equality.choices_for(name)))
    return [(b, b) for b in broad]


def _field_counts(records: QuerySet[EqualityRecord]) -> dict[str, dict[str, int]]:
    """Per question, the count of each stored answer ("" for none), in one query."""
    names = list(equality.QUESTIONS)
    counts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in names}
    for row in records.values(*names).annotate(n=Count("id")).order_by():
        for name in names:
            value = row[name]
            key = equality.broad_ethnic_group(value) if name == "ethnicity" and value else value
            counts[name][key or ""] += row["n"]
    return counts


def _rows(counts: dict[str, int], name: str) -> list[tuple[str, int]]:
    """(label, count) for every category of one question, then "not answered"."""
    rows = [(label, counts.get(value, 0)) for value, label in _categories(name)]
    rows.append((NOT_ANSWERED, counts.get("", 0)))
    return rows


def equality_summary(
    records: QuerySet[EqualityRecord],
    *,
    atoms: Sequence[QuerySet[EqualityRecord]] = (),
    below: int = SUPPRESS_BELOW,
) -> EqualitySummary:
    """Totals per question, small numbers suppressed. `atoms`: the parts `records` is the sum of
    whose totals are (or could be worked out) elsewhere: each questionnaire's records and the
    standalone forms for an activity's table; none for a table that is one atom itself.
    `below`: the threshold (see `suppression.reader_threshold`)."""
    whole = _field_counts(records)
    total = sum(whole[next(iter(equality.QUESTIONS))].values())
    if total < below:
        return EqualitySummary(total=total, tables=[], suppressed_below=below)
    parts = [_field_counts(atom) for atom in atoms]
    tables = []
    for name, (question, _) in equality.QUESTIONS.items():
        rows = _rows(whole[name], name)
        atom_counts = [[n for _, n in _rows(part[name], name)] for part in parts]
        cells = suppress(rows, atoms=atom_counts, below=below)
        tables.append(EqualityTable(field=name, question=question, cells=cells))
    return EqualitySummary(total=total, tables=tables, suppressed_below=below)


def questionnaire_equality(questionnaire: Questionnaire, *, below: int = SUPPRESS_BELOW) -> EqualitySummary:
    """Equality totals for every response to the questionnaire, whatever the filters, so that
    narrowing the filters can never single anybody out. The questionnaire is one atom."""
    return equality_summary(EqualityRecord.objects.filter(response__questionnaire=questionnaire), below=below)


def questionnaire_equality_for(
    *, user: User | AnonymousUser, questionnaire: Questionnaire, export: bool = False
) -> EqualitySummary:
    """`questionnaire_equality` at the threshold of the reader (issue 9's small-numbers rule:
    the owning organisation's staff on pages at the floor, everyone else and exports at
    `HEARD_SUPPRESS_BELOW`)."""
    below = reader_threshold(user, questionnaire.activity.lead_organisation_id, export=export)
    return questionnaire_equality(questionnaire, below=below)


def activity_atoms(activity: Activity) -> list[QuerySet[EqualityRecord]]:
    """The activity's equality records by where they came from: each questionnaire's (whose
    totals its results show), and the standalone paper forms."""
    records = EqualityRecord.objects.filter(activity=activity)
    sources = records.values_list("response__questionnaire_id", flat=True).distinct().order_by()
    return [
        records.filter(response__questionnaire_id=source)
        if source is not None
        else records.filter(response__isnull=True)
        for source in sorted(sources, key=lambda s: (s is None, s or 0))
    ]


def activity_equality(activity: Activity, *, below: int = SUPPRESS_BELOW) -> EqualitySummary:
    """Every equality form for the activity: online, typed in with responses, and standalone,
    kept from giving away what its questionnaires' own tables do not show."""
    return equality_summary(
        EqualityRecord.objects.filter(activity=activity), atoms=activity_atoms(activity), below=below
    )


def activity_equality_for(
    *, user: User | AnonymousUser, activity: Activity, export: bool = False
) -> EqualitySummary:
    """`activity_equality` at the threshold of the reader (see `questionnaire_equality_for`)."""
    below = reader_threshold(user, activity.lead_organisation_id, export=export)
    return activity_equality(activity, below=below)
