"""The languages of Heard's pages, for the language switcher: ``{% load heard_i18n %}``.

``{% page_languages as languages %}`` gives settings.LANGUAGES as (code, name, right_to_left),
each name as written in settings: in its own language. (Django's ``get_available_languages``
translates the names into the page's language, so "English" would read "انگریزی" on an Urdu
page and an English reader could not find their way back.)"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language_bidi, override

register = template.Library()


def _right_to_left(code: str) -> bool:
    with override(code):
        return get_language_bidi()


@register.simple_tag
def page_languages() -> list[tuple[str, str, bool]]:
    return [(code, str(name), _right_to_left(code)) for code, name in settings.LANGUAGES]
