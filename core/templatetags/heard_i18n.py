"""The languages of Heard's pages, for the language switcher: ``{% load heard_i18n %}``.

``{% page_languages as languages %}`` gives settings.LANGUAGES as (code, name, right_to_left),
each name as written in settings: in its own language. (Django's ``get_available_languages``
translates the names into the page's language, so "English" would read "انگریزی" on an Urdu
page and an English reader could not find their way back.)

``<h1{% staff_words %}>{{ question.text }}</h1>`` marks an element that holds only words staff
wrote (titles, questions, choices, area names), and ``{% staff_text question.text %}`` wraps such
words inside other text in a span: on a page not in English they get ``dir="auto"``, so English
inside a right-to-left page keeps its punctuation in place, and ``lang="en"`` (WCAG 3.1.2 Language
of Parts). Staff write in English until content translation exists; English pages are unchanged."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, override

register = template.Library()


def _right_to_left(code: str) -> bool:
    with override(code):
        return get_language_bidi()


@register.simple_tag
def page_languages() -> list[tuple[str, str, bool]]:
    return [(code, str(name), _right_to_left(code)) for code, name in settings.LANGUAGES]


def _english_page() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0] == "en"


@register.simple_tag
def staff_words() -> str:
    # mark_safe on a constant: nothing from a person reaches it.
    return "" if _english_page() else mark_safe(' dir="auto" lang="en"')  # nosec B308


@register.simple_tag
def staff_text(text: Any) -> str:
    if _english_page():
        return conditional_escape(text)
    return format_html('<span dir="auto" lang="en">{}</span>', text)
