"""The languages of the content staff write, and the door to one language's copy of it.

Heard's apps register the text the public sees (an activity's title, a question, a finding)
with django-modeltranslation in their ``translation.py``: each such field gets a column per
language (``title_en_gb``, ``title_cy``, ...). ``obj.title`` then reads the page's language and
falls back to English, and *writes* the page's language. Staff always work on the English
original, so staff pages, the API and the admin run in English whatever the browser or the
language cookie asks for (``EnglishForStaffMiddleware``); tasks and commands run outside a
request, in settings.LANGUAGE_CODE (English). Code that reads or writes one particular language
uses the functions here rather than the descriptor, so it never depends on the active language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from modeltranslation.fields import TranslationField, TranslationFieldDescriptor
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname

ENGLISH: str = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
# The languages content can be translated into: every language of the site but English.
CONTENT_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES if code != ENGLISH)
LANGUAGE_NAMES: dict[str, str] = {code: str(name) for code, name in settings.LANGUAGES}
# Where people work on the English originals (staff pages, the API, the admin).
ENGLISH_ONLY_PREFIXES: tuple[str, ...] = ("/staff/", "/api/", "/admin/")


def translatable_fields(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    """The model's fields that carry a translation, in declaration order; () if none."""
    names = get_translatable_fields_for_model(model if isinstance(model, type) else type(model))
    if not names:
        return ()
    order = [f.name for f in (model._meta.get_fields())]
    return tuple(sorted(names, key=order.index))


def is_translation_column(field: models.Field[Any, Any]) -> bool:
    """Whether a model field is one language's copy (``title_cy``) rather than a field of its own."""
    return isinstance(field, TranslationField)


def column(field: str, language: str) -> str:
    """The attribute holding one language's copy: ``column("title", "cy") == "title_cy"``."""
    return build_localized_fieldname(field, language)


def english(obj: models.Model, field: str) -> str:
    """The English original, whatever language is active."""
    return getattr(obj, column(field, ENGLISH)) or ""


def translation_of(obj: models.Model, field: str, language: str) -> str:
    """One language's copy, without falling back to English ("" when there is none)."""
    return getattr(obj, column(field, language)) or ""


def set_translation(obj: models.Model, field: str, language: str, value: str) -> None:
    """Sets one language's copy (not saved); an empty value removes the translation."""
    if language not in CONTENT_LANGUAGES:
        raise ValueError(f"{language!r} is not a language content is translated into")
    setattr(obj, column(field, language), value.strip() or None)


def is_translated(obj: models.Model, field: str, language: str) -> bool:
    """Whether the field reads in ``language`` itself: an empty English original counts too."""
    if language == ENGLISH or not english(obj, field):
        return True
    return bool(translation_of(obj, field, language))


def fully_translated(objects: list[models.Model], language: str) -> bool:
    """Whether every translatable field of every object reads in ``language``."""
    return all(is_translated(obj, field, language) for obj in objects for field in translatable_fields(obj))


def carry_translations(old: list[models.Model], new: list[models.Model]) -> list[str]:
    """Copy translations from ``old`` records onto ``new`` ones (saved with update(), where the
    new one has none) whose English is the same text of the same kind of record: a new version
    of a questionnaire, or questions rewritten in place, keep what was already translated.
    Returns the columns written, as "model.pk.column"."""
    known: dict[tuple[type[models.Model], str, str], models.Model] = {}
    for record in old:
        for field in translatable_fields(record):
            known.setdefault((type(record), field, english(record, field)), record)
    written = []
    for record in new:
        columns = {}
        for field in translatable_fields(record):
            source = known.get((type(record), field, english(record, field)))
            if source is None:
                continue
            for language in CONTENT_LANGUAGES:
                value = translation_of(source, field, language)
                if value and not translation_of(record, field, language):
                    columns[column(field, language)] = value
        if columns:
            type(record)._base_manager.filter(pk=record.pk).update(**columns)
            for name, value in columns.items():
                setattr(record, name, value)
            written += [f"{record._meta.model_name}.{record.pk}.{name}" for name in columns]
    return written


def active_content_language() -> str:
    """The active language if content can be translated into it, else English."""
    code = translation.get_language() or ENGLISH
    return code if code in CONTENT_LANGUAGES else ENGLISH


def source_digest(text: str) -> str:
    """A fingerprint of the English a translation was made from (to notice it changed)."""
    return hashlib.sha256(text.strip().encode()).hexdigest()


# --- the language content is shown in ---------------------------------------------------------

# Set while a page shows content in a language other than its own: a questionnaire that is not
# fully translated is shown all in English, whatever the page's language (no mixed questionnaire).
_shown_in: ContextVar[str | None] = ContextVar("heard_content_language", default=None)


@contextmanager
def content_in(language: str) -> Iterator[None]:
    """Within the block, translated fields read ``language`` (else English), not the page's."""
    token = _shown_in.set(language)
    try:
        yield
    finally:
        _shown_in.reset(token)


def shown_language() -> str:
    """The language content is read in now: set by `content_in`, else the page's language."""
    return _shown_in.get() or active_content_language()


class ContentText(str):
    """Text that knows the language it is written in (for ``lang`` and the "not translated" notice)."""

    language: str

    def __new__(cls, value: str, language: str) -> ContentText:
        text = super().__new__(cls, value)
        text.language = language
        return text


def content(obj: models.Model, field: str) -> ContentText:
    """The field in the language content is shown in, else the English original."""
    language = shown_language()
    if language != ENGLISH and (value := translation_of(obj, field, language)):
        return ContentText(value, language)
    return ContentText(english(obj, field), ENGLISH)


def as_content(value: str, like: ContentText | str) -> ContentText | str:
    """``value`` (e.g. redacted) in the same language as ``like``."""
    return ContentText(value, like.language) if isinstance(like, ContentText) else value


class _ShownLanguageDescriptor(TranslationFieldDescriptor):
    """modeltranslation's descriptor, reading the language `content_in` sets when one is set."""

    def __get__(self, instance: Any, owner: Any) -> Any:
        language = _shown_in.get()
        if instance is None or language is None:
            return super().__get__(instance, owner)
        with translation.override(language):
            return super().__get__(instance, owner)


def follow_content_language(model: type[models.Model]) -> None:
    """Make the model's translated fields honour `content_in` (call after registering it)."""
    for field in translatable_fields(model):
        current = model.__dict__[field]
        if not isinstance(current, _ShownLanguageDescriptor):
            replacement = _ShownLanguageDescriptor(current.field)
            replacement.__dict__.update(current.__dict__)
            setattr(model, field, replacement)


class EnglishForStaffMiddleware:
    """Runs staff pages, the API and the admin in English (after LocaleMiddleware).

    Translated fields read and write the active language, so a member of staff whose browser
    asks for Welsh would otherwise edit the Welsh copy of a title instead of the English one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        if request.path_info.startswith(ENGLISH_ONLY_PREFIXES):
            translation.activate(ENGLISH)
            request.LANGUAGE_CODE = ENGLISH
        return self.get_response(request)
