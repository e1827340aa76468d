"""Translations of a questionnaire's or an activity's words, typed in over HTTP: read every text
with its English and each language's translation (and whether the English changed since), and
save one language's translations, all or nothing. The same services and permission rules as the
staff "Translations" pages (README "Translating what staff write")."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from ninja import Router, Schema

from consultations import selectors as consultation_selectors
from consultations.content_translation import answerable_languages, questionnaire_records
from core.content_languages import CONTENT_LANGUAGES, translatable_fields
from core.permissions import require
from engagement import selectors as engagement_selectors
from engagement.content_translation import activity_records
from governance.content_translation import content_translate, language_summaries, text_states
from organisations.http import StaffRequest

router = Router(tags=["translations"])

QUESTIONNAIRE_PERM = "consultations.change_questionnaire"
ACTIVITY_PERM = "engagement.change_activity"


class LanguageOut(Schema):
    code: str
    name: str
    total: int
    missing: int
    out_of_date: int
    complete: bool


class TranslationOut(Schema):
    text: str
    out_of_date: bool


class TextOut(Schema):
    id: str
    english: str
    translations: dict[str, TranslationOut]


class TranslationsOut(Schema):
    available_in: list[str]
    languages: list[LanguageOut]
    texts: list[TextOut]


class TranslationsIn(Schema):
    """`texts`: {text id: translation}, ids as the GET gives them ("consultations.question.12.text");
    an empty translation removes one. Texts left out keep their translation."""

    texts: dict[str, str] = {}


def _id(record: models.Model, field: str) -> str:
    return f"{record._meta.app_label}.{record._meta.model_name}.{record.pk}.{field}"


def _read(records: list[models.Model], available: list[str]) -> dict[str, Any]:
    texts: dict[str, dict[str, Any]] = {}
    for language in CONTENT_LANGUAGES:
        for state in text_states(records, language):
            entry = texts.setdefault(
                _id(state.record, state.field),
                {"id": _id(state.record, state.field), "english": state.english, "translations": {}},
            )
            entry["translations"][language] = {"text": state.translation, "out_of_date": state.out_of_date}
    return {
        "available_in": available,
        "languages": [{**vars(s), "complete": s.complete} for s in language_summaries(records)],
        "texts": list(texts.values()),
    }


def _save(
    request: StaffRequest, records: list[models.Model], owner: Any, language: str, texts: dict[str, str]
) -> None:
    known = {_id(r, f): (r, f) for r in records for f in translatable_fields(r)}
    unknown = sorted(set(texts) - set(known))
    if unknown:
        raise ValidationError({"texts": [f"No such text here: {', '.join(unknown)}."]})
    by_record: dict[int, tuple[models.Model, dict[str, str]]] = {}
    for text_id, value in texts.items():
        record, field = known[text_id]
        by_record.setdefault(id(record), (record, {}))[1][field] = value
    with transaction.atomic():
        for record, values in by_record.values():
            content_translate(actor=request.user, obj=record, language=language, values=values, owner=owner)


@router.get(
    "/questionnaires/{int:questionnaire_id}/translations",
    response=TranslationsOut,
    summary="A questionnaire's words with their translations, and how far each language has got",
)
def questionnaire_translations(request: StaffRequest, questionnaire_id: int) -> dict[str, Any]:
    questionnaire = consultation_selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, QUESTIONNAIRE_PERM, questionnaire)
    return _read(questionnaire_records(questionnaire), answerable_languages(questionnaire))


@router.put(
    "/questionnaires/{int:questionnaire_id}/translations/{language}",
    response=TranslationsOut,
    summary="Save a questionnaire's translations into one language (cy, pl, ur, pa), all or nothing",
)
def questionnaire_translate(
    request: StaffRequest, questionnaire_id: int, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    questionnaire = consultation_selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    require(request.user, QUESTIONNAIRE_PERM, questionnaire)
    _save(request, questionnaire_records(questionnaire), questionnaire, language, payload.texts)
    questionnaire = consultation_selectors.questionnaire_get(user=request.user, pk=questionnaire_id)
    return _read(questionnaire_records(questionnaire), answerable_languages(questionnaire))


@router.get(
    "/activities/{int:activity_id}/translations",
    response=TranslationsOut,
    summary="An activity's public words with their translations, and how far each language has got",
)
def activity_translations(request: StaffRequest, activity_id: int) -> dict[str, Any]:
    activity = engagement_selectors.activity_get(user=request.user, pk=activity_id)
    require(request.user, ACTIVITY_PERM, activity)
    return _read(activity_records(activity), [])


@router.put(
    "/activities/{int:activity_id}/translations/{language}",
    response=TranslationsOut,
    summary="Save an activity's translations into one language (cy, pl, ur, pa), all or nothing",
)
def activity_translate(
    request: StaffRequest, activity_id: int, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    activity = engagement_selectors.activity_get(user=request.user, pk=activity_id)
    require(request.user, ACTIVITY_PERM, activity)
    _save(request, activity_records(activity), activity, language, payload.texts)
    activity = engagement_selectors.activity_get(user=request.user, pk=activity_id)
    return _read(activity_records(activity), [])
