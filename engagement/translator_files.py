"""Sending an item's texts to a translator as an XLIFF or PO file and taking the translation
back, all or nothing (README "Working with translators"): the permission, the audit log, and an
activity's texts. Questionnaires use the same two services (consultations/translator_files.py);
making and checking the files is core's (core/translation_exchange.py)."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import models, transaction

from core.permissions import require
from core.translation_exchange import ImportOutcome, Text, TranslationFile, export_file, import_file, texts_of
from governance.content_translation import content_translate
from governance.models import AuditAction
from governance.services import audit_record

from .models import Activity


def translation_file_export(
    *,
    user: Any,
    obj: models.Model,
    perm: str,
    texts: Sequence[Text],
    made_for: str,
    language: str,
    file_format: str,
) -> TranslationFile:
    """The file for `obj`'s translator, for those who may change `obj` (`perm`); recorded as an export."""
    require(user, perm, obj)
    made = export_file(texts, language=language, file_format=file_format, made_for=made_for)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=obj,
        changes={"format": file_format, "rows": made.units, "what": "translation file", "language": language},
    )
    return made


def translation_file_import(
    *,
    user: Any,
    obj: models.Model,
    perm: str,
    texts: Callable[[Any], Sequence[Text]],
    made_for: str,
    language: str,
    data: bytes,
    file_name: str,
    allow_missing: bool = False,
) -> ImportOutcome:
    """Every translation in the file saved, or none (TranslationRejected lists every problem).
    `obj`'s row is locked meanwhile, so its English cannot change between the check and the save.
    Each record is saved by `content_translate`, as on the Translations pages: the item's own
    rules apply (a questionnaire's words in a language people have answered in stay as they
    were), and each translation remembers the English it was made from."""
    require(user, perm, obj)
    with transaction.atomic():
        locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)

        def save(record: models.Model, values: dict[str, str], language: str) -> None:
            content_translate(actor=user, obj=record, language=language, values=values, owner=locked)

        outcome = import_file(
            texts(locked),
            data=data,
            file_name=file_name,
            language=language,
            made_for=made_for,
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


def activity_texts(activity: Activity) -> list[Text]:
    """What the public sees of it: its title, summary and accessibility, then its aims."""
    found = texts_of(activity, "Activity")
    for number, aim in enumerate(activity.aims.order_by("order", "id"), 1):
        found += texts_of(aim, f"Aim {number}", {"text": ""})
    return found


def activity_made_for(activity: Activity) -> str:
    return f"heard-activity-{activity.pk}"


def activity_translation_export(
    *, user: Any, activity: Activity, language: str, file_format: str
) -> TranslationFile:
    return translation_file_export(
        user=user,
        obj=activity,
        perm="engagement.change_activity",
        texts=activity_texts(activity),
        made_for=activity_made_for(activity),
        language=language,
        file_format=file_format,
    )


def activity_translation_import(
    *, user: Any, activity: Activity, language: str, data: bytes, file_name: str, allow_missing: bool = False
) -> ImportOutcome:
    return translation_file_import(
        user=user,
        obj=activity,
        perm="engagement.change_activity",
        texts=activity_texts,
        made_for=activity_made_for(activity),
        language=language,
        data=data,
        file_name=file_name,
        allow_missing=allow_missing,
    )
