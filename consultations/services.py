"""Writes for questionnaires and responses: creating a questionnaire, publishing it and making
new versions (through its lifecycle), and storing, typing in and withdrawing responses. The
builder's edits to questions and details are in `questions`."""

import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.content_languages import carry_translations
from core.permissions import require
from engagement.access import DEFAULT_LANGUAGE
from engagement.models import Activity
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .answers import CleanedResponse
from .content_translation import questionnaire_records
from .lifecycle import QUESTIONNAIRE_LIFECYCLE, lock_as_seen
from .models import (
    DEFAULT_PRIVACY_STATEMENT,
    Answer,
    Channel,
    EqualityRecord,
    QuestionKind,
    Questionnaire,
    QuestionnaireState,
    Response,
    hash_receipt,
)
from .questions import (
    QuestionInput,
    add_questions,
    privacy_statement_get_or_create,
    questionnaire_question_inputs,
)
from .signals import response_withdrawing

__all__ = [
    "AlreadyResponded",
    "NotAccepting",
    "QuestionInput",
    "privacy_statement_get_or_create",
    "questionnaire_create",
    "questionnaire_new_version",
    "questionnaire_publish",
    "response_enter",
    "response_submit",
    "response_withdraw",
]

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


class AlreadyResponded(Exception):
    """This browser has already answered this questionnaire."""


class NotAccepting(Exception):
    """The questionnaire is not taking responses (closed, not yet open, or not live)."""


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def questionnaire_create(
    *,
    user: User,
    activity: Activity,
    title: str,
    questions: Sequence[QuestionInput] = (),
    introduction: str = "",
    privacy_text: str = DEFAULT_PRIVACY_STATEMENT,
    equality_monitoring: bool = True,
) -> Questionnaire:
    require(user, "consultations.add_questionnaire", activity)
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
    add_questions(questionnaire, questions)
    audit_record(actor=user, action=AuditAction.CREATE, obj=questionnaire)
    return questionnaire


@transaction.atomic
def questionnaire_new_version(*, user: User, questionnaire: Questionnaire) -> Questionnaire:
    """A draft copy to change. Publishing it replaces the old version, whose answers stay.
    Made from a published version only (a draft is changed as it is), one at a time: the
    original is locked, and a TransitionConflict if it changed state since the caller read it."""
    require(user, "consultations.change_questionnaire", questionnaire)
    original = lock_as_seen(questionnaire)
    if original.state == QuestionnaireState.DRAFT:
        raise ValidationError(gettext("This version is still a draft: change it as it is, then publish it."))
    if Questionnaire.private_objects.filter(previous=original).exists():
        raise ValidationError(gettext("A newer version of this questionnaire already exists."))
    copy = Questionnaire(
        activity=original.activity,
        title=original.title,
        introduction=original.introduction,
        privacy_statement=original.privacy_statement,
        equality_monitoring=original.equality_monitoring,
        version=original.version + 1,
        previous=original,
        created_by=user,
    )
    copy.full_clean()
    copy.save()
    add_questions(copy, questionnaire_question_inputs(questionnaire=original))
    carry_translations(questionnaire_records(original), questionnaire_records(copy))
    audit_record(actor=user, action=AuditAction.CREATE, obj=copy, changes={"version_of": original.pk})
    return copy


def _refuse_if_empty(locked: Questionnaire) -> list[str]:
    """Checked under the lock, as the draft goes live; changes no other field."""
    if not locked.questions.exists():
        raise ValidationError(gettext("Add at least one question first."))
    return []


@transaction.atomic
def questionnaire_publish(*, user: User, questionnaire: Questionnaire) -> Questionnaire:
    """Make a draft live; the version it was made from (if any) is replaced by it. Both moves
    go through the lifecycle, in one transaction: a TransitionConflict when somebody else
    published the draft since the caller read it."""
    require(user, "consultations.change_questionnaire", questionnaire)
    if questionnaire.state != QuestionnaireState.DRAFT:
        raise ValidationError(gettext("Only a draft can be published."))
    published = QUESTIONNAIRE_LIFECYCLE.advance(
        questionnaire, QuestionnaireState.LIVE, user=user, update=_refuse_if_empty
    )
    if published.previous_id:
        previous = Questionnaire.private_objects.get(pk=published.previous_id)
        if previous.state != QuestionnaireState.SUPERSEDED:
            QUESTIONNAIRE_LIFECYCLE.advance(previous, QuestionnaireState.SUPERSEDED, user=user)
            audit_record(
                actor=user,
                action=AuditAction.TRANSITION,
                obj=previous,
                changes={"state": [QuestionnaireState.LIVE.value, QuestionnaireState.SUPERSEDED.value]},
            )
    audit_record(
        actor=user,
        action=AuditAction.TRANSITION,
        obj=published,
        changes={"state": [QuestionnaireState.DRAFT.value, QuestionnaireState.LIVE.value]},
    )
    return published


@transaction.atomic
def response_submit(
    *,
    questionnaire: Questionnaire,
    cleaned: CleanedResponse,
    equality: Mapping[str, str] | None = None,
    channel: Channel | str = Channel.WEB,
    browser_token: str = "",
    entered_by: User | None = None,
    email: str = "",
    wants_updates: bool = False,
    submitted_at: datetime | None = None,
    consented_at: datetime | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> tuple[Response, str]:
    """Store one response with its answers and (apart) its equality answers, all or nothing.
    Returns the response and its receipt code, which is shown once and stored only hashed.
    Online responses need the questionnaire open; staff may type in paper ones afterwards.
    `consented_at` is when the respondent was shown the privacy statement and went on (the
    web form's "Start now"); it defaults to now. `language`: the code of the language it was
    answered in (engagement/access.py; the web form's active language)."""
    if not cleaned.is_valid:
        raise ValidationError(gettext("The answers have not been checked or have errors."))
    if channel == Channel.WEB and not questionnaire.is_accepting_responses():
        raise NotAccepting("This consultation is not taking responses.")
    if channel != Channel.WEB and (
        entered_by is None or not entered_by.has_perm("consultations.enter_responses", questionnaire)
    ):
        raise PermissionDenied("Only the activity's own team can enter offline responses.")
    code = new_receipt_code()
    response = Response(
        questionnaire=questionnaire,
        channel=channel,
        language=language,
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
    audit_record(
        actor=None,
        action=AuditAction.WITHDRAW,
        object_type="consultations.response",
        object_id=str(response.pk),
        object_repr=f"A response to questionnaire {response.questionnaire_id}",
    )
    response_remove(response=response)
    return True


@transaction.atomic
def response_remove(*, response: Response) -> None:
    """What a withdrawal does, without its audit entry: retention and erasure
    (consultations/hooks_records.py) count what they remove in the audit log instead."""
    answer_ids = list(response.answers.values_list("pk", flat=True))
    response_withdrawing.send(sender=Response, response=response, answer_ids=answer_ids)
    response.delete()


def response_enter(
    *,
    user: User,
    questionnaire: Questionnaire,
    cleaned: CleanedResponse,
    channel: Channel | str,
    equality: Mapping[str, str] | None = None,
    submitted_at: datetime | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> tuple[Response, str]:
    """Type in one paper, event or phone response (staff only), audited without its content."""
    require(user, "consultations.enter_responses", questionnaire)
    if channel == Channel.WEB:
        raise ValidationError(
            {"channel": "Choose paper, event or phone: online responses come from the website."}
        )
    if questionnaire.state == QuestionnaireState.DRAFT:
        raise ValidationError(gettext("Publish the questionnaire before entering responses to it."))
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
            language=language,
        )
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=response,
            changes={"channel": str(channel)},
        )
    return response, code
