"""One thing staff translate as a whole (a questionnaire, an activity, a "You said, we did"
feedback with its findings, decisions and actions, a neighbourhood's published priorities), and
the two services of its translator files (README "Translating what staff write").

Each app says how to find its item for a user (`TranslatableItem`: the record the item hangs on,
the permission that edits it, its texts in reading order with where people see each, its URLs);
the staff pages (governance/translatable_views.py) and the API (api/content_translations.py,
api/translator_files.py) then work the same way for every kind. Saving goes through
`content_translate`, each record's own rules applying; making and checking the files is core's
(core/translation_exchange.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from core.permissions import require
from core.translation_exchange import ImportOutcome, Text, TranslationFile, export_file, import_file

from .content_translation import content_translate
from .models import AuditAction
from .services import audit_record


@dataclass(frozen=True)
class TranslatableItem:
    """What the Translations and "Send for translation" pages and the API need of an item.

    `obj` is the record the item hangs on: its permission is checked on it, its row locked
    while a file is taken back, the file's import audited on it, and `content_translate` is
    told it is the owner of every record. `texts(obj)` lists the item's texts (from `obj` as
    locked). `url_name` is the start of its four URL names ("consultations:questionnaire" for
    "consultations:questionnaire_translations", "..._translate", "..._translator_files",
    "..._translator_file"), each taking `url_key`."""

    # untranslated, for the templates to test: "questionnaire", "activity", "feedback", "priority
    # list"; the pages' sentences naming each kind are in translatable_words.py
    kind: str
    obj: models.Model
    permission: str
    texts: Callable[[Any], list[Text]]
    made_for: str  # names the file and is checked on the way back
    caption: str
    url_name: str
    url_key: Any
    back_url: str
    breadcrumbs: str  # a template to include
    context: dict[str, Any] = field(default_factory=dict)  # what the breadcrumbs need
    available: Callable[[], list[str]] | None = None  # languages it can be used in, if that depends
    note: str = ""  # what a visitor sees while a translation is missing

    def all_texts(self) -> list[Text]:
        return self.texts(self.obj)

    def records(self) -> list[models.Model]:
        """Every record with a text, in reading order, once."""
        seen: dict[tuple[type[models.Model], Any], models.Model] = {}
        for text in self.all_texts():
            seen.setdefault((type(text.obj), text.obj.pk), text.obj)
        return list(seen.values())

    def languages(self) -> list[str]:
        return self.available() if self.available else []


def translation_file_export(
    *, user: Any, item: TranslatableItem, language: str, file_format: str
) -> TranslationFile:
    """The file for the item's translator, for those who may change it; recorded as an export."""
    require(user, item.permission, item.obj)
    made = export_file(item.all_texts(), language=language, file_format=file_format, made_for=item.made_for)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=item.obj,
        changes={"format": file_format, "rows": made.units, "what": "translation file", "language": language},
    )
    return made


def translation_file_import(
    *,
    user: Any,
    item: TranslatableItem,
    language: str,
    data: bytes,
    file_name: str,
    allow_missing: bool = False,
) -> ImportOutcome:
    """Every translation in the file saved, or none (TranslationRejected lists every problem).
    The item's row is locked meanwhile, so its English cannot change between the check and the
    save. Each record is saved by `content_translate`, as on the Translations pages: the item's
    own rules apply (a questionnaire's words in a language people have answered in stay as they
    were), and each translation remembers the English it was made from."""
    require(user, item.permission, item.obj)
    with transaction.atomic():
        locked = type(item.obj)._base_manager.select_for_update().get(pk=item.obj.pk)

        def save(record: models.Model, values: dict[str, str], language: str) -> None:
            content_translate(actor=user, obj=record, language=language, values=values, owner=locked)

        outcome = import_file(
            item.texts(locked),
            data=data,
            file_name=file_name,
            language=language,
            made_for=item.made_for,
            allow_missing=allow_missing,
            save=save,
        )
        audit_record(
            actor=user,
            action=AuditAction.IMPORT,
            obj=locked,
            changes={"format": outcome.file_format, "language": language, "translations": outcome.saved},
        )
    return outcome
