"""Checking answers against a questionnaire. Every channel (web, paper, event, phone, file
import) goes through `clean_answers`, so the same rules hold however a response arrives."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from places.importers import normalise_postcode
from places.models import Area, Postcode

from . import equality
from .models import CHOICE_KINDS, Choice, Question, QuestionKind, Questionnaire

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class CleanAnswer:
    question: Question
    choices: list[Choice] = field(default_factory=list)  # in rank order for ranking
    text: str = ""
    area: Area | None = None


@dataclass
class CleanedResponse:
    answers: list[CleanAnswer]
    area: Area | None
    errors: dict[int, str]  # question id -> message

    @property
    def is_valid(self) -> bool:
        return not self.errors


def neighbourhood_for_postcode(postcode: str) -> Area | None:
    found = Postcode.objects.select_related("lsoa__parent").filter(postcode=postcode).first()
    if found is None:
        return None
    return found.lsoa.parent or found.lsoa


def visible_questions(questions: Sequence[Question], chosen: Mapping[int, set[int]]) -> list[Question]:
    """Skip logic: a question with a condition is shown only when its earlier question was
    shown and answered with one of the trigger choices."""
    shown: list[Question] = []
    shown_ids: set[int] = set()
    for question in questions:
        if question.show_if_question_id is not None:
            triggers = {c.pk for c in question.show_if_choices.all()}
            parent = question.show_if_question_id
            if parent not in shown_ids or not (chosen.get(parent, set()) & triggers):
                continue
        shown.append(question)
        shown_ids.add(question.pk)
    return shown


def clean_text(value: str, *, limit: int) -> tuple[str, str]:
    text = CONTROL_CHARS.sub("", value).strip()
    if len(text) > limit:
        return text, _("Your answer must be %(limit)s characters or fewer (it is %(length)s).") % {
            "limit": number_format(limit, force_grouping=True),
            "length": number_format(len(text), force_grouping=True),
        }
    return text, ""


def _chosen(
    questions: Sequence[Question],
    choice_maps: Mapping[int, Mapping[str, Choice]],
    raw: Mapping[int, Sequence[str]],
) -> dict[int, set[int]]:
    """The known choices given to each choice question (what skip logic looks at)."""
    return {
        q.pk: {choice_maps[q.pk][v].pk for v in raw.get(q.pk, ()) if v in choice_maps[q.pk]}
        for q in questions
        if q.kind in CHOICE_KINDS
    }


def _clean_choices(
    question: Question, values: Sequence[str], options: Mapping[str, Choice]
) -> tuple[CleanAnswer | None, str]:
    if any(v not in options for v in values):
        return None, _("Choose from the options given.")
    if len(set(values)) != len(values):
        return None, _("Choose each option only once.")
    if question.kind in (QuestionKind.SINGLE, QuestionKind.SCALE) and len(values) > 1:
        return None, _("Choose one option.")
    return CleanAnswer(question=question, choices=[options[v] for v in values]), ""


def _clean_where(question: Question, value: str) -> tuple[CleanAnswer | None, str]:
    postcode = normalise_postcode(value)
    if postcode is None:
        return None, _("Enter a full UK postcode, like M33 7ZA.")
    found = neighbourhood_for_postcode(postcode)
    if found is None:
        return None, _("We could not find that postcode in our area. Check it, or leave it out.")
    return CleanAnswer(question=question, text=postcode, area=found), ""


def _clean_one(
    question: Question, values: Sequence[str], options: Mapping[str, Choice]
) -> tuple[CleanAnswer | None, str]:
    """One question's answer (values given), or the problem with it. Free text that is empty
    once cleaned is no answer, and no problem either."""
    if question.kind in CHOICE_KINDS:
        return _clean_choices(question, values, options)
    if question.kind == QuestionKind.TEXT:
        text, error = clean_text(values[0], limit=question.max_length)
        if error:
            return None, error
        return (CleanAnswer(question=question, text=text) if text else None), ""
    return _clean_where(question, values[0])


def _missing(question: Question) -> str:
    return (
        _("Enter your answer")
        if question.kind in (QuestionKind.TEXT, QuestionKind.WHERE)
        else _("Select an answer")
    )


def clean_answers(questionnaire: Questionnaire, raw: Mapping[int, Sequence[str]]) -> CleanedResponse:
    """`raw` maps question id to the values given: choice ids as text for choice questions (in
    order of preference for ranking), one string for free text and postcode questions."""
    questions = list(
        questionnaire.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id")
    )
    choice_maps = {q.pk: {str(c.pk): c for c in q.choices.all()} for q in questions}
    answers: list[CleanAnswer] = []
    errors: dict[int, str] = {}
    area: Area | None = None
    for question in visible_questions(questions, _chosen(questions, choice_maps, raw)):
        values = [v for v in raw.get(question.pk, ()) if str(v).strip()]
        if not values:
            if question.required:
                errors[question.pk] = _missing(question)
            continue
        answer, error = _clean_one(question, values, choice_maps[question.pk])
        if error:
            errors[question.pk] = error
        elif answer is not None:
            answers.append(answer)
            area = answer.area or area
    return CleanedResponse(answers=answers, area=area, errors=errors)


def clean_equality(raw: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Equality answers: every field optional, each must be one of its categories."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in equality.QUESTIONS:
        value = (raw.get(name) or "").strip()
        if not value:
            continue
        if value not in {v for v, _ in equality.choices_for(name)}:
            errors[name] = _("Choose from the options given.")
        else:
            cleaned[name] = value
    return cleaned, errors
