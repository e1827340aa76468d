"""Saving translations of what staff write, and how far each language has got.

The apps say which records carry translations and who may translate them
(`register_translatable`: the permission that edits the record, checked on its owner: a
question's questionnaire, an aim's activity). `content_translate` saves one record's words in
one language: checked, validated and audited on the owner, all or nothing, and it remembers the
English each translation was made from (TranslationSource) so a later change to the English
shows the translation as possibly out of date. It lives here, next to the audit log, because
every app's translations are recorded the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.content_languages import (
    CONTENT_LANGUAGES,
    LANGUAGE_NAMES,
    column,
    english,
    set_translation,
    source_digest,
    translatable_fields,
    translation_of,
)
from core.page_cache import bump_generation
from core.permissions import require
from core.text import clean

from .models import AuditAction
from .services import audit_record
from .translation_models import TranslationSource

OwnerOf = Callable[[Any, Any], Any]
# The permission, or (owner) -> the permission: a finding translated as part of its feedback is
# translated by the feedback's people, on its own by the finding's.
Permission = str | Callable[[Any], str]


@dataclass(frozen=True)
class TranslatableKind:
    permission: Permission  # the permission that edits the record, checked on its owner
    owner_of: OwnerOf  # (record, owner the caller names or None) -> the owner, or None to refuse
    refusal: Callable[[Any, str], str] | None = None  # (owner, language) -> why not now, or ""


_KINDS: dict[type[models.Model], TranslatableKind] = {}


def register_translatable(
    model: type[models.Model],
    *,
    permission: Permission,
    owner_of: OwnerOf,
    refusal: Callable[[Any, str], str] | None = None,
) -> None:
    _KINDS[model] = TranslatableKind(permission=permission, owner_of=owner_of, refusal=refusal)


def _check(actor: Any, obj: models.Model, language: str, owner: Any) -> Any:
    if language not in CONTENT_LANGUAGES:
        names = ", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in CONTENT_LANGUAGES)
        raise ValidationError({"language": f"Choose a language to translate into: {names}."})
    kind = _KINDS.get(type(obj))
    if kind is None:
        raise ValidationError("This record has no words to translate.")
    target = kind.owner_of(obj, owner)
    if target is None:
        raise PermissionDenied
    require(actor, kind.permission if isinstance(kind.permission, str) else kind.permission(target), target)
    if kind.refusal is not None and (reason := kind.refusal(target, language)):
        raise ValidationError(reason)
    return target


def _remember_sources(actor: Any, obj: models.Model, language: str, fields: Iterable[str]) -> None:
    content_type = ContentType.objects.get_for_model(obj)
    for field in fields:
        key = {"content_type": content_type, "object_id": obj.pk, "field": field, "language": language}
        if translation_of(obj, field, language):
            TranslationSource.objects.update_or_create(
                **key,
                defaults={
                    "source_digest": source_digest(english(obj, field)),
                    "translated_at": timezone.now(),
                    "translated_by": actor if getattr(actor, "pk", None) else None,
                },
            )
        else:
            TranslationSource.objects.filter(**key).delete()


@transaction.atomic
def content_translate(
    *, actor: Any, obj: models.Model, language: str, values: Mapping[str, str], owner: Any = None
) -> list[str]:
    """Save ``values`` ({field: text}, "" removes a translation) as the record's words in
    ``language``; returns the fields whose text changed. Saving a translation unchanged marks
    it as checked against the English as it is now."""
    target = _check(actor, obj, language, owner)
    fields = translatable_fields(obj)
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValidationError(f"These cannot be translated here: {', '.join(unknown)}.")
    before = {field: translation_of(obj, field, language) for field in values}
    for field, text in values.items():
        set_translation(obj, field, language, clean(str(text or "")))
    columns = [column(field, language) for field in values]
    obj.clean_fields(exclude=[f.name for f in obj._meta.concrete_fields if f.name not in columns])
    changed = [field for field in values if translation_of(obj, field, language) != before[field]]
    if changed:
        # An update, not save(): a privacy statement refuses save() once written (its English
        # never changes; its translations may).
        type(obj)._base_manager.filter(pk=obj.pk).update(
            **{column(field, language): getattr(obj, column(field, language)) for field in changed}
        )
        bump_generation()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=target,
            changes={
                f"{type(obj)._meta.verbose_name} {obj.pk} {field} ({language})": [
                    before[field],
                    translation_of(obj, field, language),
                ]
                for field in changed
            },
        )
    _remember_sources(actor, obj, language, values)
    return changed


# --- how far each language has got -----------------------------------------------------------


@dataclass(frozen=True)
class TextState:
    record: models.Model
    field: str
    english: str
    translation: str
    out_of_date: bool  # the English changed since this was translated


@dataclass(frozen=True)
class LanguageSummary:
    code: str
    name: str
    total: int
    missing: int
    out_of_date: int

    @property
    def complete(self) -> bool:
        return self.missing == 0


def translation_sources(records: list[models.Model]) -> dict[tuple[int, int, str, str], str]:
    by_type: dict[int, list[int]] = {}
    for record in records:
        by_type.setdefault(ContentType.objects.get_for_model(record).pk, []).append(record.pk)
    query = models.Q(pk__in=[])
    for type_id, ids in by_type.items():
        query |= models.Q(content_type_id=type_id, object_id__in=ids)
    return {
        (s.content_type_id, s.object_id, s.field, s.language): s.source_digest
        for s in TranslationSource.objects.filter(query)
    }


def translations_carry(
    pairs: Iterable[tuple[models.Model, models.Model]], sources: Mapping[tuple[int, int, str, str], str]
) -> list[str]:
    """Copy each old record's translations onto its new copy (a question rewritten in place, by
    the builder's edits), even where the English changed, with the English each was made from
    (`sources`, read before the old records went): a changed English then shows the translation
    as possibly out of date instead of losing it. Returns the columns written, as
    "model.pk.column"."""
    written = []
    for old, new in pairs:
        old_type = ContentType.objects.get_for_model(old).pk
        new_type = ContentType.objects.get_for_model(new)
        columns = {}
        for field in translatable_fields(new):
            for language in CONTENT_LANGUAGES:
                value = translation_of(old, field, language)
                if not value:
                    continue
                columns[column(field, language)] = value
                digest = sources.get((old_type, old.pk, field, language)) or source_digest(
                    english(old, field)
                )
                TranslationSource.objects.update_or_create(
                    content_type=new_type,
                    object_id=new.pk,
                    field=field,
                    language=language,
                    defaults={"source_digest": digest},
                )
        if columns:
            type(new)._base_manager.filter(pk=new.pk).update(**columns)
            for name, value in columns.items():
                setattr(new, name, value)
            written += [f"{new._meta.model_name}.{new.pk}.{name}" for name in columns]
    return written


def translation_sources_forget(records: Iterable[models.Model]) -> None:
    """Forget what the translations of deleted records were made from."""
    for record in records:
        TranslationSource.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        ).delete()


def text_states(records: list[models.Model], language: str) -> list[TextState]:
    """Every text of the records that has English, with its translation into ``language``."""
    sources = translation_sources(records)
    states = []
    for record in records:
        type_id = ContentType.objects.get_for_model(record).pk
        for field in translatable_fields(record):
            original = english(record, field)
            if not original:
                continue
            translated = translation_of(record, field, language)
            digest = sources.get((type_id, record.pk, field, language))
            stale = bool(translated and digest and digest != source_digest(original))
            states.append(TextState(record, field, original, translated, stale))
    return states


def language_summaries(records: list[models.Model]) -> list[LanguageSummary]:
    """Per language: how many texts there are, how many lack a translation, how many may be
    out of date."""
    summaries = []
    for code in CONTENT_LANGUAGES:
        states = text_states(records, code)
        summaries.append(
            LanguageSummary(
                code=code,
                name=LANGUAGE_NAMES[code],
                total=len(states),
                missing=sum(1 for s in states if not s.translation),
                out_of_date=sum(1 for s in states if s.out_of_date),
            )
        )
    return summaries
