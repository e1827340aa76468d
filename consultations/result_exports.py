"""The rows of a questionnaire's results exports: the summary (counts per question, and the
equality totals) and the responses (one row per response, never with its equality answers).
`selectors.results_export` puts them in sheets and sends them through
`governance.exports.export_response`; written answers reach the rows through the reader's door."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from engagement.access import language_name
from governance.exports import Sheet
from organisations.privacy import TextDoor

from .models import CHOICE_KINDS, Answer, Channel, Question, QuestionKind, Questionnaire, Response
from .results import (
    QuestionResult,
    language_counts,
    question_results,
    questionnaire_equality,
    questions_of,
)
from .suppression import EqualitySummary, threshold

SUMMARY_HEADERS = [
    gettext_lazy("Question"),
    gettext_lazy("Answer"),
    gettext_lazy("Count"),
    gettext_lazy("Percent"),
    gettext_lazy("Note"),
]
LANGUAGE_HEADERS = [gettext_lazy("Language answered in"), gettext_lazy("Code"), gettext_lazy("Responses")]
EQUALITY_HEADERS = [
    gettext_lazy("Equality question"),
    gettext_lazy("Category"),
    gettext_lazy("Count"),
    gettext_lazy("Percent"),
]


def summary_rows(results: Iterable[QuestionResult]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for r in results:
        title = f"{r.number}. {r.question.text}"
        note = gettext("%(skipped)s skipped, %(not_asked)s not asked") % {
            "skipped": r.skipped,
            "not_asked": r.not_asked,
        }
        rows.append([title, gettext("(answered)"), r.answered, "", note])
        for option in r.options:
            note = ""
            if r.question.kind == QuestionKind.RANKING:
                note = gettext("ranked first by %(first)s; average position %(position)s") % {
                    "first": option.first,
                    "position": option.mean_rank or "-",
                }
            rows.append([title, option.label, option.count, option.percent, note])
    return rows


def equality_rows(summary: EqualitySummary) -> list[list[Any]]:
    if summary.too_few:
        shown = gettext("fewer than %(below)s equality forms: totals not shown") % {
            "below": summary.suppressed_below
        }
        return [[gettext("All"), shown, "", ""]]
    return [
        [t.question, c.label, c.shown, "" if c.percent is None else c.percent]
        for t in summary.tables
        for c in t.cells
    ]


def response_headers(questions: Sequence[Question]) -> list[str]:
    return [
        gettext("Submitted"),
        gettext("Channel"),
        gettext("Language"),
        gettext("Area"),
        *[f"{i}. {q.text}" for i, q in enumerate(questions, 1)],
    ]


def response_rows(
    responses: QuerySet[Response], questions: Sequence[Question], *, door: TextDoor
) -> Iterator[list[Any]]:
    """One row per response, oldest first: its answers, written ones through `door`. Postcodes
    are given as the neighbourhood they are in."""
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
                cells.append(door(found[0].text) if found else "")
        yield [
            response.submitted_at,
            channel_labels.get(response.channel, response.channel),
            language_name(response.language),
            response.area.name if response.area else "",
            *cells,
        ]


def sheets(
    questionnaire: Questionnaire, responses: QuerySet[Response], *, part: str, door: TextDoor
) -> tuple[list[Sheet], int]:
    """The sheets of an export and how many rows it has. `summary`: counts per question (for
    `responses`) and the equality totals (for every response). `responses`: one row each."""
    questions = questions_of(questionnaire)
    if part == "summary":
        summary = summary_rows(question_results(questionnaire, responses, questions=questions))
        # Exports leave the page for anyone to read: the outsiders' threshold, whoever downloads.
        equality = equality_rows(questionnaire_equality(questionnaire, below=threshold()))
        languages = [[c.label, c.value, c.count] for c in language_counts(responses)]
        return [
            Sheet(gettext("Questions"), SUMMARY_HEADERS, summary),
            Sheet(gettext("Languages"), LANGUAGE_HEADERS, languages),
            Sheet(gettext("Equality (totals)"), EQUALITY_HEADERS, equality),
        ], len(summary)
    rows = response_rows(responses, questions, door=door)
    return [Sheet(gettext("Responses"), response_headers(questions), rows)], responses.count()
