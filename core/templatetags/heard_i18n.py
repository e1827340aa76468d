"""The languages of Heard's pages, for the language switcher: ``{% load heard_i18n %}``.

``{% page_languages as languages %}`` gives settings.LANGUAGES as (code, name, right_to_left),
each name as written in settings: in its own language. (Django's ``get_available_languages``
translates the names into the page's language, so "English" would read "انگریزی" on an Urdu
page and an English reader could not find their way back.)

``<h1{% staff_words %}>{{ question.text }}</h1>`` marks an element that holds only words staff
wrote (titles, questions, choices, area names), and ``{% staff_text question.text %}`` wraps such
words inside other text in a span: on a page not in English they get ``dir="auto"``, so English
inside a right-to-left page keeps its punctuation in place, and ``lang="en"`` (WCAG 3.1.2 Language
of Parts). English pages are unchanged.

Staff can translate what they write (README "Translating what staff write"): given the record
and the field, ``<h1{% staff_words activity "title" %}>`` and ``{% staff_text question "text" %}``
mark the words as English only when no translation is shown (a Welsh title on a Welsh page is
not English), and ``{% staff_text item.statement %}`` does the same for text that knows its
language (core.content_languages.ContentText). ``{% untranslated_notice activity %}`` says, on a
page not in English, that some of the records' words are shown in English."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, override

from core.content_languages import (
    ENGLISH,
    LANGUAGE_NAMES,
    ContentText,
    content,
    is_translated,
    shown_language,
    translatable_fields,
)

register = template.Library()


def _right_to_left(code: str) -> bool:
    with override(code):
        return get_language_bidi()


@register.simple_tag
def page_languages() -> list[tuple[str, str, bool]]:
    return [(code, str(name), _right_to_left(code)) for code, name in settings.LANGUAGES]


def _english_page() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0] == "en"


def _translated(value: Any) -> bool:
    return isinstance(value, ContentText) and value.language != ENGLISH


@register.simple_tag
def staff_words(obj: Any = None, field: str = "") -> str:
    if _english_page() or _translated(content(obj, field) if field else obj):
        return ""
    # mark_safe on a constant: nothing from a person reaches it.
    return mark_safe(' dir="auto" lang="en"')  # nosec B308


@register.simple_tag
def staff_text(text: Any, field: str = "", breaks: bool = False) -> str:
    if field:
        text = content(text, field)
    shown = linebreaksbr(text, autoescape=True) if breaks else conditional_escape(text)
    if _english_page() or _translated(text):
        return shown
    return format_html('<span dir="auto" lang="en">{}</span>', shown)


def _records(items: tuple[Any, ...]) -> list[Any]:
    records: list[Any] = []
    for item in items:
        if isinstance(item, (list, tuple)) or hasattr(item, "model"):
            records.extend(item)
        elif item is not None:
            records.append(item)
    return records


def _untranslated(records: list[Any]) -> bool:
    language = shown_language()
    if language == ENGLISH:
        return True
    for record in records:
        if isinstance(record, ContentText):
            if record and record.language == ENGLISH:
                return True
        elif any(not is_translated(record, f, language) for f in translatable_fields(record)):
            return True
    return False


@register.inclusion_tag("includes/untranslated_notice.html")
def untranslated_notice(*items: Any) -> dict[str, Any]:
    """On a page not in English: a notice when the records' words are shown in English."""
    if _english_page():
        return {"show": False}
    code = get_language() or ENGLISH
    return {"show": _untranslated(_records(items)), "language": LANGUAGE_NAMES.get(code, code)}
