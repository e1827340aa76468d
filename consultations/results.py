"""Results of a questionnaire: counts and percentages per question, free-text answers,
equality monitoring in totals only (with small numbers suppressed), and the exports.

Every figure is computed with a fixed number of aggregate queries, whatever the number of
responses. Nothing is left out silently: each question says how many answered it, how many
skipped it and how many were not asked it (skip logic)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from governance.exports import Sheet, to_csv, to_workbook
from governance.models import AuditAction
from governance.services import audit_record
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

# Counts below this are shown as "fewer than 5" so that nobody can be picked out.
SUPPRESS_BELOW = 5
SUPPRESSED = f"fewer than {SUPPRESS_BELOW}"
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class ResultFilters:
    area: Area | None = None
    channel: str = ""
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""

    def describe(self) -> str:
        parts = []
        if self.area:
            parts.append(f"area {self.area.name}")
        if self.channel:
            parts.append(f"channel {Channel(self.channel).label.lower()}")
        if self.date_from:
            parts.append(f"from {self.date_from:%d %b %Y}")
        if self.date_to:
            parts.append(f"to {self.date_to:%d %b %Y}")
        return ", ".join(parts)


def responses_filtered(questionnaire: Questionnaire, filters: ResultFilters) -> QuerySet[Response]:
    responses = Response.objects.filter(questionnaire=questionnaire)
    if filters.area is not None:
        responses = responses.filter(area__path__startswith=filters.area.path)
    if filters.channel:
        responses = responses.filter(channel=filters.channel)
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


def _questions(questionnaire: Questionnaire) -> list[Question]:
    return list(
        questionnaire.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id")
    )


def question_results(
    questionnaire: Questionnaire, responses: QuerySet[Response], *, questions: list[Question] | None = None
) -> list[QuestionResult]:
    questions = questions if questions is not None else _questions(questionnaire)
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


def channel_counts(responses: QuerySet[Response]) -> list[tuple[str, int]]:
    counts = dict(responses.values_list("channel").annotate(n=Count("id")).order_by())
    return [(c.label, counts.get(c.value, 0)) for c in Channel]


def text_answers(
    questionnaire: Questionnaire, filters: ResultFilters, *, question: Question | None = None
) -> QuerySet[Answer]:
    """Free-text answers, newest first, with the same filters as the results plus a search."""
    answers = Answer.objects.filter(
        question__questionnaire=questionnaire,
        question__kind=QuestionKind.TEXT,
        response__in=responses_filtered(questionnaire, filters).values("pk"),
    ).exclude(text="")
    if question is not None:
        answers = answers.filter(question=question)
    if filters.search:
        answers = answers.filter(text__icontains=filters.search)
    return answers.select_related("question", "response__area").order_by("-response__submitted_at", "-id")


# Equality monitoring: totals only, small numbers suppressed.


@dataclass
class EqualityCell:
    label: str
    count: int | None  # None: suppressed
    percent: float | None

    @property
    def shown(self) -> str:
        return SUPPRESSED if self.count is None else str(self.count)


@dataclass
class EqualityTable:
    field: str
    question: str
    cells: list[EqualityCell]


@dataclass
class EqualitySummary:
    total: int
    tables: list[EqualityTable]

    @property
    def too_few(self) -> bool:
        return self.total < SUPPRESS_BELOW


def suppress(counts: Sequence[tuple[str, int]], *, also_hide: Iterable[int] = ()) -> list[EqualityCell]:
    """Hide counts from 1 to 4 (and the cells at `also_hide`). When only one cell would be
    hidden, hide the next smallest too, so it cannot be worked out from the total."""
    hidden = {i for i, (_, n) in enumerate(counts) if 0 < n < SUPPRESS_BELOW} | set(also_hide)
    if len(hidden) == 1:
        others = sorted((n, i) for i, (_, n) in enumerate(counts) if i not in hidden and n > 0)
        if others:
            hidden.add(others[0][1])
    total = sum(n for _, n in counts)
    return [
        EqualityCell(label=label, count=None, percent=None)
        if i in hidden
        else EqualityCell(label=label, count=n, percent=_percent(n, total))
        for i, (label, n) in enumerate(counts)
    ]


def _categories(name: str) -> list[tuple[str, str]]:
    """(stored value, label shown) for a field; ethnicity is shown in its broad groups."""
    if name != "ethnicity":
        return equality.choices_for(name)
    broad = list(dict.fromkeys(equality.broad_ethnic_group(v) for v, _ in equality.choices_for(name)))
    return [(b, b) for b in broad]


def _equality_rows(records: QuerySet[EqualityRecord], name: str) -> list[tuple[str, int]]:
    """(label, count) for every category of one question, then "not answered"."""
    counts: dict[str, int] = defaultdict(int)
    for value, n in records.values_list(name).annotate(n=Count("id")).order_by():
        key = equality.broad_ethnic_group(value) if name == "ethnicity" and value else value
        counts[key or ""] += n
    rows = [(label, counts.get(value, 0)) for value, label in _categories(name)]
    rows.append((NOT_ANSWERED, counts.get("", 0)))
    return rows


def equality_summary(
    records: QuerySet[EqualityRecord], *, shown_elsewhere: Sequence[QuerySet[EqualityRecord]] = ()
) -> EqualitySummary:
    """Totals per question, small numbers suppressed. `shown_elsewhere`: subsets of `records`
    whose own totals another page shows (an activity's questionnaires). A cell that differs from
    the same cell there by 1 to 4 is hidden too: subtracting one table from the other would
    otherwise count the few people in the difference."""
    total = records.count()
    tables = []
    if total >= SUPPRESS_BELOW:
        subsets = [subset for subset in shown_elsewhere if subset.count() >= SUPPRESS_BELOW]
        for name, (question, _) in equality.QUESTIONS.items():
            rows = _equality_rows(records, name)
            differ = {
                i
                for subset in subsets
                for i, ((_, n), (_, m)) in enumerate(zip(rows, _equality_rows(subset, name), strict=True))
                if 0 < n - m < SUPPRESS_BELOW
            }
            tables.append(
                EqualityTable(field=name, question=question, cells=suppress(rows, also_hide=differ))
            )
    return EqualitySummary(total=total, tables=tables)


def questionnaire_equality(questionnaire: Questionnaire) -> EqualitySummary:
    """Equality totals for every response to the questionnaire, whatever the filters, so that
    narrowing the filters can never single anybody out."""
    return equality_summary(EqualityRecord.objects.filter(response__questionnaire=questionnaire))


def activity_equality(activity: Any) -> EqualitySummary:
    """Every equality form for the activity: online, typed in with responses, and standalone.
    Each of its questionnaires' totals are shown on their results pages, so the activity's
    table is kept from giving away the difference."""
    per_questionnaire = [
        EqualityRecord.objects.filter(response__questionnaire=questionnaire)
        for questionnaire in Questionnaire.private_objects.filter(activity=activity)
    ]
    return equality_summary(
        EqualityRecord.objects.filter(activity=activity), shown_elsewhere=per_questionnaire
    )


# Exports


SUMMARY_HEADERS = ["Question", "Answer", "Count", "Percent", "Note"]


def summary_rows(results: Iterable[QuestionResult]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for r in results:
        title = f"{r.number}. {r.question.text}"
        rows.append([title, "(answered)", r.answered, "", f"{r.skipped} skipped, {r.not_asked} not asked"])
        for option in r.options:
            note = ""
            if r.question.kind == QuestionKind.RANKING:
                note = f"ranked first by {option.first}; average position {option.mean_rank or '-'}"
            rows.append([title, option.label, option.count, option.percent, note])
    return rows


EQUALITY_HEADERS = ["Equality question", "Category", "Count", "Percent"]


def equality_rows(summary: EqualitySummary) -> list[list[Any]]:
    if summary.too_few:
        return [["All", f"{SUPPRESSED} equality forms: totals not shown", "", ""]]
    return [
        [t.question, c.label, c.shown, "" if c.percent is None else c.percent]
        for t in summary.tables
        for c in t.cells
    ]


def response_headers(questions: Sequence[Question]) -> list[str]:
    return ["Submitted", "Channel", "Area", *[f"{i}. {q.text}" for i, q in enumerate(questions, 1)]]


def response_rows(responses: QuerySet[Response], questions: Sequence[Question]) -> Iterable[list[Any]]:
    """One row per response: its answers, never its equality answers (those are only ever
    exported as totals). Postcodes are given as the neighbourhood they are in."""
    by_response: dict[int, dict[int, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    answers = (
        Answer.objects.filter(response__in=responses.values("pk"))
        .select_related("choice")
        .order_by("response_id", "question_id", "rank", "id")
    )
    for answer in answers.iterator(chunk_size=2000):
        by_response[answer.response_id][answer.question_id].append(answer)
    channel_labels = dict(Channel.choices)
    for response in responses.select_related("area").order_by("submitted_at", "id"):
        given = by_response.get(response.pk, {})
        cells = []
        for question in questions:
            found = given.get(question.pk, [])
            if question.kind == QuestionKind.WHERE:
                cells.append(response.area.name if found and response.area else "")
            elif question.kind in CHOICE_KINDS:
                cells.append("; ".join(a.choice.label for a in found if a.choice))
            else:
                cells.append(found[0].text if found else "")
        yield [
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
            channel_labels.get(response.channel, response.channel),
            response.area.name if response.area else "",
            *cells,
        ]


def workbook(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX file with one sheet per (title, headers, rows), formulas neutralised."""
    return to_workbook([Sheet(title, headers, rows) for title, headers, rows in sheets])


def results_exported(
    *, user: Any, questionnaire: Questionnaire, part: str, file_format: str, rows: int, query: str = ""
) -> None:
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=questionnaire,
        changes={"part": part, "format": file_format, "rows": rows, "query": query[:500]},
    )


def export_body(
    questionnaire: Questionnaire, responses: QuerySet[Response], *, part: str, file_format: str
) -> tuple[bytes, int]:
    """The file for an export and how many rows it has. `summary`: counts per question, and
    the equality totals; `responses`: one row per response, never with equality answers."""
    questions = _questions(questionnaire)
    if part == "summary":
        rows = summary_rows(question_results(questionnaire, responses, questions=questions))
        equality_table = equality_rows(questionnaire_equality(questionnaire))
        if file_format == "xlsx":
            body = workbook(
                [
                    ("Questions", SUMMARY_HEADERS, rows),
                    ("Equality (totals)", EQUALITY_HEADERS, equality_table),
                ]
            )
        else:
            note = "Equality monitoring: totals only"
            body = to_csv(SUMMARY_HEADERS, [*rows, [""] * 5, *[[*e, note] for e in equality_table]])
        return body, len(rows)
    headers = response_headers(questions)
    rows = list(response_rows(responses, questions))
    body = workbook([("Responses", headers, rows)]) if file_format == "xlsx" else to_csv(headers, rows)
    return body, len(rows)
