"""Writes for questionnaires and responses."""

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record

from .answers import CleanedResponse
from .models import (
    CHOICE_KINDS,
    DEFAULT_PRIVACY_STATEMENT,
    Answer,
    Channel,
    Choice,
    EqualityRecord,
    PrivacyStatement,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireState,
    Response,
    hash_receipt,
)
from .signals import response_withdrawing

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


class AlreadyResponded(Exception):
    """This browser has already answered this questionnaire."""


class NotAccepting(Exception):
    """The questionnaire is not taking responses (closed, not yet open, or not live)."""


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


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _can_edit(user: Any, activity: Activity) -> None:
    if not user.has_perm("engagement.change_activity", activity):
        raise PermissionDenied("You cannot change this activity's questionnaires.")


def privacy_statement_get_or_create(*, text: str = DEFAULT_PRIVACY_STATEMENT) -> PrivacyStatement:
    statement = PrivacyStatement.objects.filter(text=text).order_by("created_at").first()
    if statement is None:
        statement = PrivacyStatement(text=text)
        statement.full_clean()
        statement.save()
    return statement


def _add_questions(questionnaire: Questionnaire, questions: Sequence[QuestionInput]) -> None:
    made: list[Question] = []
    for position, item in enumerate(questions):
        kind = QuestionKind(item.kind)
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
        if item.show_if_question is not None:
            if not 0 <= item.show_if_question < position:
                raise ValidationError(
                    {"show_if_question": f"Question {position + 1} can only depend on an earlier question."}
                )
            question.show_if_question = made[item.show_if_question]
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


@transaction.atomic
def questionnaire_create(
    *,
    user: Any,
    activity: Activity,
    title: str,
    questions: Sequence[QuestionInput] = (),
    introduction: str = "",
    privacy_text: str = DEFAULT_PRIVACY_STATEMENT,
    equality_monitoring: bool = True,
) -> Questionnaire:
    _can_edit(user, activity)
    questionnaire = Questionnaire(
        activity=activity,
        title=title.strip(),
        introduction=introduction,
        privacy_statement=privacy_statement_get_or_create(text=privacy_text),
        equality_monitoring=equality_monitoring,
        created_by=user,
    )
    questionnaire.full_clean()
    questionnaire.save()
    _add_questions(questionnaire, questions)
    audit_record(actor=user, action=AuditAction.CREATE, obj=questionnaire)
    return questionnaire


@transaction.atomic
def questionnaire_replace_questions(
    *, user: Any, questionnaire: Questionnaire, questions: Sequence[QuestionInput]
) -> Questionnaire:
    """Rewrite the questions in place; refused once anyone has answered (make a new version)."""
    _can_edit(user, questionnaire.activity)
    questionnaire = Questionnaire.private_objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.has_responses:
        raise ValidationError("People have already answered: make a new version instead of changing it.")
    questionnaire.questions.all().delete()
    _add_questions(questionnaire, questions)
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=questionnaire, changes={"questions": len(questions)}
    )
    return questionnaire


def _question_inputs(questionnaire: Questionnaire) -> list[QuestionInput]:
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


@transaction.atomic
def questionnaire_new_version(*, user: Any, questionnaire: Questionnaire) -> Questionnaire:
    """A draft copy to change. Publishing it replaces the old version, whose answers stay."""
    _can_edit(user, questionnaire.activity)
    if Questionnaire.private_objects.filter(previous=questionnaire).exists():
        raise ValidationError("A newer version of this questionnaire already exists.")
    copy = Questionnaire(
        activity=questionnaire.activity,
        title=questionnaire.title,
        introduction=questionnaire.introduction,
        privacy_statement=questionnaire.privacy_statement,
        equality_monitoring=questionnaire.equality_monitoring,
        version=questionnaire.version + 1,
        previous=questionnaire,
        created_by=user,
    )
    copy.full_clean()
    copy.save()
    _add_questions(copy, _question_inputs(questionnaire))
    audit_record(actor=user, action=AuditAction.CREATE, obj=copy, changes={"version_of": questionnaire.pk})
    return copy


@transaction.atomic
def questionnaire_publish(*, user: Any, questionnaire: Questionnaire) -> Questionnaire:
    _can_edit(user, questionnaire.activity)
    questionnaire = Questionnaire.private_objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.state != QuestionnaireState.DRAFT:
        raise ValidationError("Only a draft can be published.")
    if not questionnaire.questions.exists():
        raise ValidationError("Add at least one question first.")
    if questionnaire.previous_id:
        Questionnaire.private_objects.filter(pk=questionnaire.previous_id).update(
            state=QuestionnaireState.SUPERSEDED
        )
    questionnaire.state = QuestionnaireState.LIVE
    questionnaire.save(update_fields=["state"])
    audit_record(
        actor=user, action=AuditAction.TRANSITION, obj=questionnaire, changes={"state": ["draft", "live"]}
    )
    return questionnaire


@transaction.atomic
def response_submit(
    *,
    questionnaire: Questionnaire,
    cleaned: CleanedResponse,
    equality: Mapping[str, str] | None = None,
    channel: Channel | str = Channel.WEB,
    browser_token: str = "",
    entered_by: Any = None,
    email: str = "",
    wants_updates: bool = False,
    submitted_at: datetime | None = None,
    consented_at: datetime | None = None,
) -> tuple[Response, str]:
    """Store one response with its answers and (apart) its equality answers, all or nothing.
    Returns the response and its receipt code, which is shown once and stored only hashed.
    Online responses need the questionnaire open; staff may type in paper ones afterwards.
    `consented_at` is when the respondent was shown the privacy statement and went on (the
    web form's "Start now"); it defaults to now."""
    if not cleaned.is_valid:
        raise ValidationError("The answers have not been checked or have errors.")
    if channel == Channel.WEB and not questionnaire.is_accepting_responses():
        raise NotAccepting("This consultation is not taking responses.")
    if channel != Channel.WEB and (
        entered_by is None or not entered_by.has_perm("engagement.change_activity", questionnaire.activity)
    ):
        raise PermissionDenied("Only the activity's own team can enter offline responses.")
    code = new_receipt_code()
    response = Response(
        questionnaire=questionnaire,
        channel=channel,
        receipt_hash=hash_receipt(code),
        browser_token=browser_token,
        area=cleaned.area,
        privacy_statement=questionnaire.privacy_statement,
        consented_at=consented_at or timezone.now(),
        submitted_at=submitted_at or timezone.now(),
        email=email if wants_updates else "",
        wants_updates=wants_updates and bool(email),
        entered_by=entered_by,
    )
    response.full_clean(exclude=["receipt_hash", "browser_token"])
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:
        if (
            browser_token
            and Response.objects.filter(questionnaire=questionnaire, browser_token=browser_token).exists()
        ):
            raise AlreadyResponded("You have already answered this consultation.") from error
        raise
    rows: list[Answer] = []
    for answer in cleaned.answers:
        if answer.question.kind == QuestionKind.RANKING:
            rows += [
                Answer(response=response, question=answer.question, choice=c, rank=i + 1)
                for i, c in enumerate(answer.choices)
            ]
        elif answer.choices:
            rows += [Answer(response=response, question=answer.question, choice=c) for c in answer.choices]
        else:
            rows.append(Answer(response=response, question=answer.question, text=answer.text))
    Answer.objects.bulk_create(rows)
    if equality and any(equality.values()) and questionnaire.equality_monitoring:
        record = EqualityRecord(
            activity=questionnaire.activity, response=response, channel=channel, **equality
        )
        record.full_clean()
        record.save()
    return response, code


@transaction.atomic
def response_withdraw(*, receipt_code: str) -> bool:
    """Delete a response, its answers, its equality answers, the e-mail address kept for updates
    and anything derived from them (apps above this one receive `response_withdrawing` first).
    The audit log records that a withdrawal happened, never what was said."""
    response = Response.objects.select_for_update().filter(receipt_hash=hash_receipt(receipt_code)).first()
    if response is None:
        return False
    answer_ids = list(response.answers.values_list("pk", flat=True))
    response_withdrawing.send(sender=Response, response=response, answer_ids=answer_ids)
    audit_record(
        actor=None,
        action=AuditAction.WITHDRAW,
        object_type="consultations.response",
        object_id=str(response.pk),
        object_repr=f"A response to questionnaire {response.questionnaire_id}",
    )
    response.delete()
    return True


# The staff builder: each edit rewrites the question list through
# questionnaire_replace_questions, so the same checks (and the freeze once answered) apply.


@transaction.atomic
def questionnaire_update(
    *,
    user: Any,
    questionnaire: Questionnaire,
    title: str,
    introduction: str = "",
    privacy_text: str = DEFAULT_PRIVACY_STATEMENT,
    equality_monitoring: bool = True,
) -> Questionnaire:
    """Change the title, introduction, privacy statement or equality section; refused once
    anyone has answered (people answered under these words: make a new version)."""
    _can_edit(user, questionnaire.activity)
    questionnaire = Questionnaire.private_objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.has_responses:
        raise ValidationError("People have already answered: make a new version instead of changing it.")
    before = {
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "privacy_statement": questionnaire.privacy_statement.version,
        "equality_monitoring": questionnaire.equality_monitoring,
    }
    questionnaire.title = title.strip()
    questionnaire.introduction = introduction.strip()
    questionnaire.privacy_statement = privacy_statement_get_or_create(text=privacy_text.strip())
    questionnaire.equality_monitoring = equality_monitoring
    questionnaire.full_clean()
    questionnaire.save()
    after = {
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "privacy_statement": questionnaire.privacy_statement.version,
        "equality_monitoring": questionnaire.equality_monitoring,
    }
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        audit_record(actor=user, action=AuditAction.UPDATE, obj=questionnaire, changes=changes)
    return questionnaire


def questionnaire_question_inputs(*, questionnaire: Questionnaire) -> list[QuestionInput]:
    """The questions as builder input, in order (skip logic by position and label)."""
    return _question_inputs(questionnaire)


def _position_of(questionnaire: Questionnaire, question: Question) -> int:
    if question.questionnaire_id != questionnaire.pk:
        raise ValidationError("That question belongs to another questionnaire.")
    ids = list(questionnaire.questions.order_by("position", "id").values_list("pk", flat=True))
    return ids.index(question.pk)


def question_add(*, user: Any, questionnaire: Questionnaire, question: QuestionInput) -> Questionnaire:
    inputs = _question_inputs(questionnaire)
    return questionnaire_replace_questions(
        user=user, questionnaire=questionnaire, questions=[*inputs, question]
    )


def question_update(
    *, user: Any, questionnaire: Questionnaire, question: Question, new: QuestionInput
) -> Questionnaire:
    inputs = _question_inputs(questionnaire)
    inputs[_position_of(questionnaire, question)] = new
    return questionnaire_replace_questions(user=user, questionnaire=questionnaire, questions=inputs)


def question_move(*, user: Any, questionnaire: Questionnaire, question: Question, by: int) -> Questionnaire:
    """Move a question up (by=-1) or down (by=1); skip conditions follow the questions they name.
    Refused when it would put a question before the one it depends on."""
    inputs = _question_inputs(questionnaire)
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


def question_delete(*, user: Any, questionnaire: Questionnaire, question: Question) -> Questionnaire:
    inputs = _question_inputs(questionnaire)
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


def response_enter(
    *,
    user: Any,
    questionnaire: Questionnaire,
    cleaned: CleanedResponse,
    channel: Channel | str,
    equality: Mapping[str, str] | None = None,
    submitted_at: datetime | None = None,
) -> tuple[Response, str]:
    """Type in one paper, event or phone response (staff only), audited without its content."""
    if channel == Channel.WEB:
        raise ValidationError(
            {"channel": "Choose paper, event or phone: online responses come from the website."}
        )
    if questionnaire.state == QuestionnaireState.DRAFT:
        raise ValidationError("Publish the questionnaire before entering responses to it.")
    if submitted_at is not None and submitted_at > timezone.now():
        raise ValidationError({"submitted_at": "The date cannot be in the future."})
    with transaction.atomic():
        response, code = response_submit(
            questionnaire=questionnaire,
            cleaned=cleaned,
            equality=equality,
            channel=channel,
            entered_by=user,
            submitted_at=submitted_at,
        )
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=response,
            changes={"channel": str(channel)},
        )
    return response, code
