"""Writing a questionnaire's questions and details: the builder's edits (add, change, move,
remove a question; the title, introduction, privacy statement and equality section) and the
question list that creating a questionnaire or a new version starts from.

Every edit rewrites the question list through `questionnaire_replace_questions`, so the same
checks apply to each, and all are refused once anyone has answered (people answered these
words: make a new version) or once the version has been replaced."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction

from core.content_languages import carry_translations
from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .content_translation import questionnaire_records
from .models import (
    CHOICE_KINDS,
    DEFAULT_PRIVACY_STATEMENT,
    Choice,
    PrivacyStatement,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireState,
)

ANSWERED = "People have already answered: make a new version instead of changing it."
REPLACED = "This version has been replaced: change the newest version instead."


@dataclass(frozen=True)
class QuestionInput:
    kind: QuestionKind | str
    text: str
    hint: str = ""
    required: bool = False
    max_length: int = 2000
    choices: Sequence[str] = ()
    show_if_question: int | None = None  # position (0-based) of an earlier question
    show_if_choices: Sequence[str] = ()  # labels of that question's choices


def privacy_statement_get_or_create(*, text: str = DEFAULT_PRIVACY_STATEMENT) -> PrivacyStatement:
    statement = PrivacyStatement.objects.filter(text=text).order_by("created_at").first()
    if statement is None:
        statement = PrivacyStatement(text=text)
        statement.full_clean()
        statement.save()
    return statement


def _skip_condition(question: Question, item: QuestionInput, made: list[Question], position: int) -> None:
    if item.show_if_question is None:
        return
    if not 0 <= item.show_if_question < position:
        raise ValidationError(
            {"show_if_question": f"Question {position + 1} can only depend on an earlier question."}
        )
    question.show_if_question = made[item.show_if_question]


def add_questions(questionnaire: Questionnaire, questions: Sequence[QuestionInput]) -> None:
    """Store `questions` in order (the caller runs this in a transaction)."""
    made: list[Question] = []
    for position, item in enumerate(questions):
        try:
            kind = QuestionKind(item.kind)
        except ValueError:
            raise ValidationError({"kind": f"Question {position + 1}: choose a type of question."}) from None
        labels = [c.strip() for c in item.choices if c.strip()]
        if kind in CHOICE_KINDS and len(labels) < 2:
            raise ValidationError({"choices": f"Question {position + 1} needs at least two options."})
        if kind not in CHOICE_KINDS and labels:
            raise ValidationError({"choices": f"Question {position + 1} ({kind.label}) takes no options."})
        question = Question(
            questionnaire=questionnaire,
            position=position,
            kind=kind,
            text=item.text.strip(),
            hint=item.hint.strip(),
            required=item.required,
            max_length=item.max_length,
        )
        _skip_condition(question, item, made, position)
        question.full_clean()
        question.save()
        Choice.objects.bulk_create(
            [Choice(question=question, position=i, label=label) for i, label in enumerate(labels)]
        )
        if question.show_if_question is not None:
            parent_choices = {c.label: c for c in question.show_if_question.choices.all()}
            missing = [label for label in item.show_if_choices if label not in parent_choices]
            if missing or not item.show_if_choices:
                raise ValidationError(
                    {
                        "show_if_choices": f"Question {position + 1}: pick the earlier question's options that show it."
                    }
                )
            question.show_if_choices.set([parent_choices[label] for label in item.show_if_choices])
        made.append(question)


def questionnaire_question_inputs(*, questionnaire: Questionnaire) -> list[QuestionInput]:
    """The questions as builder input, in order (skip logic by position and label)."""
    questions = list(questionnaire.questions.prefetch_related("choices", "show_if_choices"))
    positions = {q.pk: i for i, q in enumerate(questions)}
    return [
        QuestionInput(
            kind=q.kind,
            text=q.text,
            hint=q.hint,
            required=q.required,
            max_length=q.max_length,
            choices=[c.label for c in q.choices.all()],
            show_if_question=positions.get(q.show_if_question_id) if q.show_if_question_id else None,
            show_if_choices=[c.label for c in q.show_if_choices.all()],
        )
        for q in questions
    ]


def _lock_editable(user: User, questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire's row, locked, once the checks that every edit shares have passed."""
    require(user, "consultations.change_questionnaire", questionnaire)
    locked = Questionnaire.private_objects.select_for_update().get(pk=questionnaire.pk)
    if locked.state == QuestionnaireState.SUPERSEDED:
        raise ValidationError(REPLACED)
    if locked.has_responses:
        raise ValidationError(ANSWERED)
    return locked


@transaction.atomic
def questionnaire_replace_questions(
    *, user: User, questionnaire: Questionnaire, questions: Sequence[QuestionInput]
) -> Questionnaire:
    """Rewrite the questions in place; refused once anyone has answered (make a new version)."""
    questionnaire = _lock_editable(user, questionnaire)
    before = questionnaire_records(questionnaire)
    questionnaire.questions.all().delete()
    add_questions(questionnaire, questions)
    carry_translations(before, questionnaire_records(questionnaire))
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=questionnaire, changes={"questions": len(questions)}
    )
    return questionnaire


def _details(questionnaire: Questionnaire) -> dict[str, object]:
    return {
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "privacy_statement": questionnaire.privacy_statement.version,
        "equality_monitoring": questionnaire.equality_monitoring,
    }


@transaction.atomic
def questionnaire_update(
    *,
    user: User,
    questionnaire: Questionnaire,
    title: str,
    introduction: str = "",
    privacy_text: str = DEFAULT_PRIVACY_STATEMENT,
    equality_monitoring: bool = True,
) -> Questionnaire:
    """Change the title, introduction, privacy statement or equality section; refused once
    anyone has answered (people answered under these words: make a new version)."""
    questionnaire = _lock_editable(user, questionnaire)
    before = _details(questionnaire)
    questionnaire.title = title.strip()
    questionnaire.introduction = introduction.strip()
    questionnaire.privacy_statement = privacy_statement_get_or_create(text=privacy_text.strip())
    questionnaire.equality_monitoring = equality_monitoring
    questionnaire.full_clean()
    questionnaire.save()
    changes = {k: [before[k], v] for k, v in _details(questionnaire).items() if before[k] != v}
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=questionnaire, changes=changes)
    return questionnaire


def _position_of(questionnaire: Questionnaire, question: Question) -> int:
    if question.questionnaire_id != questionnaire.pk:
        raise ValidationError("That question belongs to another questionnaire.")
    ids = list(questionnaire.questions.order_by("position", "id").values_list("pk", flat=True))
    return ids.index(question.pk)


def question_add(*, user: User, questionnaire: Questionnaire, question: QuestionInput) -> Questionnaire:
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    return questionnaire_replace_questions(
        user=user, questionnaire=questionnaire, questions=[*inputs, question]
    )


def question_update(
    *, user: User, questionnaire: Questionnaire, question: Question, new: QuestionInput
) -> Questionnaire:
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    inputs[_position_of(questionnaire, question)] = new
    return questionnaire_replace_questions(user=user, questionnaire=questionnaire, questions=inputs)


def question_move(*, user: User, questionnaire: Questionnaire, question: Question, by: int) -> Questionnaire:
    """Move a question up (by=-1) or down (by=1); skip conditions follow the questions they name.
    Refused when it would put a question before the one it depends on."""
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    old = _position_of(questionnaire, question)
    new = old + by
    if not 0 <= new < len(inputs):
        raise ValidationError("The question is already at that end of the list.")
    swap = {old: new, new: old}
    moved = [
        replace(item, show_if_question=swap.get(item.show_if_question, item.show_if_question))
        if item.show_if_question is not None
        else item
        for item in inputs
    ]
    moved[old], moved[new] = moved[new], moved[old]
    for position, item in enumerate(moved):
        if item.show_if_question is not None and item.show_if_question >= position:
            raise ValidationError(
                f"Question {position + 1} is only shown after an answer to question "
                f"{item.show_if_question + 1}, so it must stay after it."
            )
    return questionnaire_replace_questions(user=user, questionnaire=questionnaire, questions=moved)


def question_delete(*, user: User, questionnaire: Questionnaire, question: Question) -> Questionnaire:
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    gone = _position_of(questionnaire, question)
    dependents = [str(i + 1) for i, item in enumerate(inputs) if item.show_if_question == gone]
    if dependents:
        raise ValidationError(
            f"Question {', '.join(dependents)} is only shown after an answer to this one: "
            "change or remove that condition first."
        )
    kept = [
        replace(item, show_if_question=item.show_if_question - 1)
        if item.show_if_question is not None and item.show_if_question > gone
        else item
        for i, item in enumerate(inputs)
        if i != gone
    ]
    return questionnaire_replace_questions(user=user, questionnaire=questionnaire, questions=kept)
