"""Writing a questionnaire's questions and details: the builder's edits (add, change, move,
remove a question; the title, introduction, privacy statement and equality section) and the
question list that creating a questionnaire or a new version starts from.

Every edit rewrites the question list through `questionnaire_replace_questions`, so the same
checks apply to each, and all are refused once anyone has answered (people answered these
words: make a new version) or once the version has been replaced.

Translations survive the rewrite: each question the builder changed, moved or kept keeps its
translations (and its options theirs, when there are as many as before), and where its English
changed they show as "may be out of date" on the Translations page until someone checks them;
visitors keep reading the translation meanwhile. Other rewrites keep the translations of texts
whose English is the same."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.content_languages import english
from core.permissions import require
from governance.content_translation import translation_sources, translation_sources_forget, translations_carry
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
            {
                "show_if_question": gettext("Question %(number)s can only depend on an earlier question.")
                % {"number": position + 1}
            }
        )
    question.show_if_question = made[item.show_if_question]


def add_questions(questionnaire: Questionnaire, questions: Sequence[QuestionInput]) -> None:
    """Store `questions` in order (the caller runs this in a transaction)."""
    made: list[Question] = []
    for position, item in enumerate(questions):
        try:
            kind = QuestionKind(item.kind)
        except ValueError:
            raise ValidationError(
                {
                    "kind": gettext("Question %(number)s: choose a type of question.")
                    % {"number": position + 1}
                }
            ) from None
        labels = [c.strip() for c in item.choices if c.strip()]
        if kind in CHOICE_KINDS and len(labels) < 2:
            raise ValidationError(
                {
                    "choices": gettext("Question %(number)s needs at least two options.")
                    % {"number": position + 1}
                }
            )
        if kind not in CHOICE_KINDS and labels:
            raise ValidationError(
                {
                    "choices": gettext("Question %(number)s (%(label)s) takes no options.")
                    % {"number": position + 1, "label": kind.label}
                }
            )
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
                        "show_if_choices": gettext(
                            "Question %(number)s: pick the earlier question's options that show it."
                        )
                        % {"number": position + 1}
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


Rewritten = Question | Choice


def _words(record: Rewritten) -> tuple[type, str]:
    return type(record), english(record, "text" if isinstance(record, Question) else "label")


def _same_options(before: list[Choice], after: list[Choice]) -> list[tuple[Rewritten, Rewritten]]:
    """A rewritten question's options: each by its words, then those left over in order when as
    many are left on each side (options renamed)."""
    by_words = {english(c, "label"): c for c in before}
    pairs: list[tuple[Rewritten, Rewritten]] = [
        (by_words[english(c, "label")], c) for c in after if english(c, "label") in by_words
    ]
    used = {id(old) for old, _new in pairs} | {id(new) for _old, new in pairs}
    old_left = [c for c in before if id(c) not in used]
    new_left = [c for c in after if id(c) not in used]
    if len(old_left) == len(new_left):
        pairs += list(zip(old_left, new_left, strict=True))
    return pairs


def _same_records(
    before: list[Question], after: list[Question], origins: Sequence[int | None]
) -> list[tuple[Rewritten, Rewritten]]:
    """(old, new) for each new question that is an old one rewritten (`origins`: the old
    position of each new question, or None for a new one), with their options; then any other
    question or option whose words are an old one's."""
    pairs: list[tuple[Rewritten, Rewritten]] = []
    for question, origin in zip(after, origins, strict=False):
        if origin is None or not 0 <= origin < len(before):
            continue
        old = before[origin]
        pairs.append((old, question))
        pairs += _same_options(list(old.choices.all()), list(question.choices.all()))
    paired = {id(new) for _old, new in pairs}
    words: dict[tuple[type, str], Rewritten] = {}
    for question in before:
        for record in (question, *question.choices.all()):
            words.setdefault(_words(record), record)
    for question in after:
        for new in (question, *question.choices.all()):
            if id(new) not in paired and (same := words.get(_words(new))) is not None:
                pairs.append((same, new))
    return pairs


@transaction.atomic
def questionnaire_replace_questions(
    *,
    user: User,
    questionnaire: Questionnaire,
    questions: Sequence[QuestionInput],
    origins: Sequence[int | None] | None = None,
) -> Questionnaire:
    """Rewrite the questions in place; refused once anyone has answered (make a new version).
    `origins`, when the builder knows it, gives each new question's old position (None for a
    new one): those keep their translations even where the English changed; otherwise a
    question or option keeps them when its words are the same."""
    questionnaire = _lock_editable(user, questionnaire)
    before = questionnaire_records(questionnaire)
    old_questions = list(questionnaire.questions.order_by("position", "id").prefetch_related("choices"))
    sources = translation_sources(before)
    gone = [r for r in before if isinstance(r, Question | Choice)]
    questionnaire.questions.all().delete()
    add_questions(questionnaire, questions)
    new_questions = list(questionnaire.questions.order_by("position", "id").prefetch_related("choices"))
    translations_carry(_same_records(old_questions, new_questions, origins or []), sources)
    translation_sources_forget(gone)
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
        raise ValidationError(gettext("That question belongs to another questionnaire."))
    ids = list(questionnaire.questions.order_by("position", "id").values_list("pk", flat=True))
    return ids.index(question.pk)


def question_add(*, user: User, questionnaire: Questionnaire, question: QuestionInput) -> Questionnaire:
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    return questionnaire_replace_questions(
        user=user,
        questionnaire=questionnaire,
        questions=[*inputs, question],
        origins=[*range(len(inputs)), None],
    )


def question_update(
    *, user: User, questionnaire: Questionnaire, question: Question, new: QuestionInput
) -> Questionnaire:
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    inputs[_position_of(questionnaire, question)] = new
    return questionnaire_replace_questions(
        user=user, questionnaire=questionnaire, questions=inputs, origins=range(len(inputs))
    )


def question_move(*, user: User, questionnaire: Questionnaire, question: Question, by: int) -> Questionnaire:
    """Move a question up (by=-1) or down (by=1); skip conditions follow the questions they name.
    Refused when it would put a question before the one it depends on."""
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    old = _position_of(questionnaire, question)
    new = old + by
    if not 0 <= new < len(inputs):
        raise ValidationError(gettext("The question is already at that end of the list."))
    swap = {old: new, new: old}
    moved = [
        replace(item, show_if_question=swap.get(item.show_if_question, item.show_if_question))
        if item.show_if_question is not None
        else item
        for item in inputs
    ]
    moved[old], moved[new] = moved[new], moved[old]
    origins: list[int | None] = list(range(len(inputs)))
    origins[old], origins[new] = new, old
    for position, item in enumerate(moved):
        if item.show_if_question is not None and item.show_if_question >= position:
            raise ValidationError(
                gettext(
                    "Question %(number)s is only shown after an answer to question %(earlier)s, so it must "
                    "stay after it."
                )
                % {"number": position + 1, "earlier": item.show_if_question + 1}
            )
    return questionnaire_replace_questions(
        user=user, questionnaire=questionnaire, questions=moved, origins=origins
    )


def question_delete(*, user: User, questionnaire: Questionnaire, question: Question) -> Questionnaire:
    inputs = questionnaire_question_inputs(questionnaire=questionnaire)
    gone = _position_of(questionnaire, question)
    dependents = [str(i + 1) for i, item in enumerate(inputs) if item.show_if_question == gone]
    if dependents:
        raise ValidationError(
            gettext(
                "Question %(values)s is only shown after an answer to this one: change or remove that "
                "condition first."
            )
            % {"values": ", ".join(dependents)}
        )
    kept = [
        replace(item, show_if_question=item.show_if_question - 1)
        if item.show_if_question is not None and item.show_if_question > gone
        else item
        for i, item in enumerate(inputs)
        if i != gone
    ]
    return questionnaire_replace_questions(
        user=user,
        questionnaire=questionnaire,
        questions=kept,
        origins=[i for i in range(len(inputs)) if i != gone],
    )
