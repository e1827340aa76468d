"""Checking answers against a questionnaire. Every channel (web, paper, event, phone, file
import) goes through `clean_answers`, so the same rules hold however a response arrives."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from places.models import Area, Postcode

from . import equality
from .models import CHOICE_KINDS, Choice, Question, QuestionKind, Questionnaire

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
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


def normalise_postcode(raw: str) -> str | None:
    """'m33 7xx' -> 'M33 7XX'; None when it is not shaped like a UK postcode."""
    compact = re.sub(r"\s+", "", raw.upper())
    match = POSTCODE_RE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else None


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
        return text, f"Your answer must be {limit:,} characters or fewer (it is {len(text):,})."
    return text, ""


def clean_answers(questionnaire: Questionnaire, raw: Mapping[int, Sequence[str]]) -> CleanedResponse:
    """`raw` maps question id to the values given: choice ids as text for choice questions (in
    order of preference for ranking), one string for free text and postcode questions."""
    questions = list(
        questionnaire.questions.prefetch_related("choices", "show_if_choices").order_by("position", "id")
    )
    choice_maps = {q.pk: {str(c.pk): c for c in q.choices.all()} for q in questions}
    chosen: dict[int, set[int]] = {}
    for question in questions:
        if question.kind in CHOICE_KINDS:
            chosen[question.pk] = {
                choice_maps[question.pk][v].pk
                for v in raw.get(question.pk, ())
                if v in choice_maps[question.pk]
            }
    answers: list[CleanAnswer] = []
    errors: dict[int, str] = {}
    area: Area | None = None
    for question in visible_questions(questions, chosen):
        values = [v for v in raw.get(question.pk, ()) if str(v).strip()]
        if not values:
            if question.required:
                errors[question.pk] = (
                    "Enter your answer"
                    if question.kind in (QuestionKind.TEXT, QuestionKind.WHERE)
                    else "Select an answer"
                )
            continue
        if question.kind in CHOICE_KINDS:
            options = choice_maps[question.pk]
            if any(v not in options for v in values):
                errors[question.pk] = "Choose from the options given."
                continue
            if len(set(values)) != len(values):
                errors[question.pk] = "Choose each option only once."
                continue
            if question.kind in (QuestionKind.SINGLE, QuestionKind.SCALE) and len(values) > 1:
                errors[question.pk] = "Choose one option."
                continue
            answers.append(CleanAnswer(question=question, choices=[options[v] for v in values]))
        elif question.kind == QuestionKind.TEXT:
            text, error = clean_text(values[0], limit=question.max_length)
            if error:
                errors[question.pk] = error
            elif text:
                answers.append(CleanAnswer(question=question, text=text))
        else:  # where do you live
            postcode = normalise_postcode(values[0])
            if postcode is None:
                errors[question.pk] = "Enter a full UK postcode, like M33 7ZA."
                continue
            found = neighbourhood_for_postcode(postcode)
            if found is None:
                errors[question.pk] = (
                    "We could not find that postcode in our area. Check it, or leave it out."
                )
                continue
            area = found
            answers.append(CleanAnswer(question=question, text=postcode, area=found))
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
            errors[name] = "Choose from the options given."
        else:
            cleaned[name] = value
    return cleaned, errors
