"""Text as Heard stores it: without the characters that break exports and feeds or hide what
text says.

Stripped from every text field of Heard's models when a row is saved (`strip_on_save`, wired
in CoreConfig.ready for the apps in `settings.HEARD_APPS`):

- control characters other than tab and line breaks (an XLSX file cannot hold them; a
  calendar feed or a terminal may act on them);
- bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make text read
  differently from what it holds ("Trojan Source");
- lone surrogates, which no UTF-8 file, database or page can hold.

Written here rather than taken from a library: it is three character classes, and which
characters count is Heard's decision, made once.
"""

import re
from typing import Any

from django.db import models

# C0 controls except \t \n \r, DEL, and the C1 controls.
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
SURROGATES = "\ud800-\udfff"
UNSAFE = re.compile(f"[{CONTROL}{BIDI_CONTROLS}{SURROGATES}]")


def clean(text: str) -> str:
    """`text` without control, bidirectional-override or lone surrogate characters."""
    return UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """Like `clean`, for text that must stay on one line: runs of spaces, tabs and line breaks
    become one space, and the ends are trimmed."""
    return " ".join(clean(text).split())


def has_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


_fields_of: dict[type[models.Model], list[str]] = {}


def strip_on_save(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    """pre_save receiver: clean every free-text field of the row about to be saved."""
    if raw:
        return
    names = _fields_of.get(sender)
    if names is None:
        names = _fields_of[sender] = _text_fields(sender)
    for name in names:
        value = getattr(instance, name)
        if isinstance(value, str) and UNSAFE.search(value):
            setattr(instance, name, clean(value))
