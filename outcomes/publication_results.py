"""The aggregate results a publication-scheme bundle holds of one questionnaire: how many chose
each answer, with small numbers suppressed by consultations' rule (`consultations.suppression`)
at the outsiders' threshold (`threshold()`, HEARD_SUPPRESS_BELOW), as every export is.

Why these figures cannot be differenced:

- each question's table holds every answer and a "Not answered" cell (skipped or not asked), so
  for single choice, scale and "where" questions its cells add up to the questionnaire's number of
  responses, the only total shown; `suppress` hides a cell under the threshold and, when that
  would be the only hidden cell, the next smallest one, so a hidden cell is never the total less
  the cells shown;
- a questionnaire with fewer responses than the threshold shows no table at all;
- results are of the whole questionnaire, never narrowed by area or date, and only once its
  activity has closed, so that two bundles of different areas or periods show the same figures;
- no figure adds up questionnaires (an activity's versions are separate tables).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from consultations.models import CHOICE_KINDS, QuestionKind, Questionnaire, Response
from consultations.results import QuestionResult, question_results, questions_of
from consultations.suppression import NOT_ANSWERED, fewer_than, suppress, threshold

RESULT_KINDS = CHOICE_KINDS | {QuestionKind.WHERE}


@dataclass(frozen=True)
class Results:
    """One questionnaire's published figures: `responses` (None: fewer than `below`) and one row
    per answer of each choice question (none when the responses are too few)."""

    responses: int | None
    below: int
    rows: list[dict[str, Any]]

    @property
    def responses_shown(self) -> str:
        return fewer_than(self.below) if self.responses is None else str(self.responses)


def _answers(result: QuestionResult) -> list[tuple[str, int]]:
    """(label, count) of each answer in a fixed order (choices as asked, areas by name: never by
    count, which would rank the hidden cells), then "Not answered"."""
    options = [(o.label, o.count) for o in result.options]
    if result.kind == QuestionKind.WHERE:
        options.sort(key=lambda row: row[0])
    return [*options, (NOT_ANSWERED, result.total - result.answered)]


def _rows(
    questionnaire: Questionnaire, results: Sequence[QuestionResult], below: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for result in results:
        if result.kind not in RESULT_KINDS:
            continue
        answers = _answers(result)
        cells = suppress(answers, below=below)
        for position, cell in enumerate(cells, start=1):
            rows.append(
                {
                    "questionnaire_id": questionnaire.pk,
                    "question_number": result.number,
                    "question": result.text,
                    "answer_number": position,
                    "answer": cell.label,
                    "count": cell.count,
                    "shown": cell.shown,
                }
            )
    return rows


def published_results(questionnaire: Questionnaire) -> Results:
    """Every response to the questionnaire, through the suppression rule."""
    below = threshold()
    responses = Response.objects.filter(questionnaire=questionnaire)
    total = responses.count()
    if total == 0:
        return Results(responses=0, below=below, rows=[])
    if total < below:
        return Results(responses=None, below=below, rows=[])
    results = question_results(questionnaire, responses, questions=questions_of(questionnaire))
    return Results(responses=total, below=below, rows=_rows(questionnaire, results, below))
