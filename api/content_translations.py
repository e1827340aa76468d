"""Translations of what staff write (a questionnaire, an activity, a "You said, we did" feedback,
a neighbourhood's published priorities), typed in over HTTP: read every text
with its English and each language's translation (and whether the English changed since), and
save one language's translations, all or nothing. The same services and permission rules as the
staff "Translations" pages (README "Translating what staff write")."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from ninja import Router, Schema

from consultations.translator_files import questionnaire_item
from core.content_languages import CONTENT_LANGUAGES, translatable_fields
from engagement.translator_files import activity_item
from governance.content_translation import content_translate, language_summaries, text_states
from governance.translatable import TranslatableItem
from insight.priority_translations import priorities_item
from organisations.http import StaffRequest
from outcomes.loop_translations import feedback_item

router = Router(tags=["translations"])


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


def _read(item: TranslatableItem) -> dict[str, Any]:
    records = item.records()
    texts: dict[str, dict[str, Any]] = {}
    for language in CONTENT_LANGUAGES:
        for state in text_states(records, language):
            entry = texts.setdefault(
                _id(state.record, state.field),
                {"id": _id(state.record, state.field), "english": state.english, "translations": {}},
            )
            entry["translations"][language] = {"text": state.translation, "out_of_date": state.out_of_date}
    return {
        "available_in": item.languages(),
        "languages": [{**vars(s), "complete": s.complete} for s in language_summaries(records)],
        "texts": list(texts.values()),
    }


def _save(request: StaffRequest, item: TranslatableItem, language: str, texts: dict[str, str]) -> None:
    records = item.records()
    known = {_id(r, f): (r, f) for r in records for f in translatable_fields(r)}
    unknown = sorted(set(texts) - set(known))
    if unknown:
        raise ValidationError(
            {"texts": [gettext("No such text here: %(values)s.") % {"values": ", ".join(unknown)}]}
        )
    by_record: dict[int, tuple[models.Model, dict[str, str]]] = {}
    for text_id, value in texts.items():
        record, field = known[text_id]
        by_record.setdefault(id(record), (record, {}))[1][field] = value
    with transaction.atomic():
        for record, values in by_record.values():
            content_translate(
                actor=request.user, obj=record, language=language, values=values, owner=item.obj
            )


def _translate(
    request: StaffRequest, get: Any, key: Any, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    """Save, then read again (the records as saved)."""
    _save(request, get(request.user, key), language, payload.texts)
    return _read(get(request.user, key))


SAVE = "Save {}'s translations into one language (cy, pl, ur, pa), all or nothing"


@router.get(
    "/questionnaires/{int:questionnaire_id}/translations",
    response=TranslationsOut,
    summary="A questionnaire's words with their translations, and how far each language has got",
)
def questionnaire_translations(request: StaffRequest, questionnaire_id: int) -> dict[str, Any]:
    return _read(questionnaire_item(request.user, questionnaire_id))


@router.put(
    "/questionnaires/{int:questionnaire_id}/translations/{language}",
    response=TranslationsOut,
    summary=SAVE.format("a questionnaire"),
)
def questionnaire_translate(
    request: StaffRequest, questionnaire_id: int, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    return _translate(request, questionnaire_item, questionnaire_id, language, payload)


@router.get(
    "/activities/{int:activity_id}/translations",
    response=TranslationsOut,
    summary="An activity's public words with their translations, and how far each language has got",
)
def activity_translations(request: StaffRequest, activity_id: int) -> dict[str, Any]:
    return _read(activity_item(request.user, activity_id))


@router.put(
    "/activities/{int:activity_id}/translations/{language}",
    response=TranslationsOut,
    summary=SAVE.format("an activity"),
)
def activity_translate(
    request: StaffRequest, activity_id: int, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    return _translate(request, activity_item, activity_id, language, payload)


@router.get(
    "/outcomes/feedback/{int:feedback_id}/translations",
    response=TranslationsOut,
    summary='A "You said, we did" feedback\'s words (with its findings, decisions and actions) and their '
    "translations, and how far each language has got",
)
def feedback_translations(request: StaffRequest, feedback_id: int) -> dict[str, Any]:
    return _read(feedback_item(request.user, feedback_id))


@router.put(
    "/outcomes/feedback/{int:feedback_id}/translations/{language}",
    response=TranslationsOut,
    summary=SAVE.format("a feedback"),
)
def feedback_translate(
    request: StaffRequest, feedback_id: int, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    return _translate(request, feedback_item, feedback_id, language, payload)


@router.get(
    "/priorities/{area_code}/translations",
    response=TranslationsOut,
    summary="A neighbourhood's published priorities (your organisation's) with their translations",
)
def priorities_translations(request: StaffRequest, area_code: str) -> dict[str, Any]:
    return _read(priorities_item(request.user, area_code))


@router.put(
    "/priorities/{area_code}/translations/{language}",
    response=TranslationsOut,
    summary=SAVE.format("a neighbourhood's published priorities"),
)
def priorities_translate(
    request: StaffRequest, area_code: str, language: str, payload: TranslationsIn
) -> dict[str, Any]:
    return _translate(request, priorities_item, area_code, language, payload)
