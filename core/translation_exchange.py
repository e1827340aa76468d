"""An item's texts (a questionnaire's, an activity's) sent to a translator as a file and taken
back all or nothing.

The apps say which texts an item has (`texts_of` each record, with where it appears) and who may
do this, and write the audit log; this module makes the file (core/translation_files.py), and on
the way back checks every unit and saves every translation in one transaction, or none of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction

from . import translation_files as files
from .content_languages import (
    CONTENT_LANGUAGES,
    LANGUAGE_NAMES,
    column,
    english,
    translatable_fields,
    translation_of,
)

Problem = files.Problem
# Saves one record's translations in one language: (record, {field: text}, language).
Saver = Callable[[models.Model, dict[str, str], str], None]


@dataclass(frozen=True)
class Text:
    """One translatable field of one record, and where people see it ("Question 3 hint")."""

    obj: models.Model
    field: str
    label: str

    @property
    def id(self) -> str:
        return f"{self.obj._meta.label_lower}.{self.obj.pk}.{self.field}"

    @property
    def max_length(self) -> int | None:
        return getattr(self.obj._meta.get_field(self.field), "max_length", None)


def texts_of(obj: models.Model, where: str, names: dict[str, str] | None = None) -> list[Text]:
    """Every translatable field of `obj`, labelled "<where> <field name>" (`names` may rename a
    field, or give "" when `where` says it all: "Aim 2")."""
    names = names or {}
    return [
        Text(obj, field, f"{where} {names.get(field, _verbose(obj, field))}".strip())
        for field in translatable_fields(obj)
    ]


def _verbose(obj: models.Model, field: str) -> str:
    return str(getattr(obj._meta.get_field(field), "verbose_name", field))


@dataclass(frozen=True)
class TranslationFile:
    content: bytes
    name: str
    content_type: str
    units: int


class TranslationRejected(Exception):
    """Nothing was saved: every problem found, unit by unit (or one for the whole file)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"Nothing was saved: {count} problem{'s' if count != 1 else ''} in the file.")


@dataclass(frozen=True)
class ImportOutcome:
    saved: int
    skipped: int
    language: str
    file_format: str

    @property
    def message(self) -> str:
        name = LANGUAGE_NAMES.get(self.language, self.language)
        said = f"{self.saved} translation{'s' if self.saved != 1 else ''} in {name} saved."
        if self.skipped:
            said += (
                f" {self.skipped} text{'s' if self.skipped != 1 else ''} the file left untranslated "
                f"{'were' if self.skipped != 1 else 'was'} left as before."
            )
        return said


def check_choice(*, language: str, file_format: str) -> None:
    errors = {}
    if language not in CONTENT_LANGUAGES:
        errors["language"] = f"Choose a language to translate into: {', '.join(CONTENT_LANGUAGES)}."
    if file_format not in files.FORMATS:
        errors["format"] = f"Choose a file format: {', '.join(files.FORMATS)}."
    if errors:
        raise ValidationError(errors)


def _unit(text: Text, language: str) -> files.TextUnit:
    limit = text.max_length
    note = text.label + (f". At most {limit:,} characters." if limit else ".")
    return files.TextUnit(
        text.id, english(text.obj, text.field), translation_of(text.obj, text.field, language), note, limit
    )


def export_file(texts: Sequence[Text], *, language: str, file_format: str, made_for: str) -> TranslationFile:
    """The file for a translator: every text whose English is not empty, with its translation so far."""
    check_choice(language=language, file_format=file_format)
    units = [unit for unit in (_unit(t, language) for t in texts) if unit.source.strip()]
    content = files.write(units, file_format=file_format, language=language, made_for=made_for)
    return TranslationFile(
        content,
        files.file_name(made_for, language, file_format),
        files.CONTENT_TYPES[file_format],
        len(units),
    )


def import_file(
    texts: Sequence[Text],
    *,
    data: bytes,
    file_name: str,
    language: str,
    made_for: str,
    allow_missing: bool = False,
    save: Saver,
) -> ImportOutcome:
    """Checks every unit of the file against `texts` and saves them all with `save` (the apps
    pass governance's `content_translate`), or raises TranslationRejected listing every problem
    and saves nothing."""
    try:
        file_format = files.format_of(file_name)
        check_choice(language=language, file_format=file_format)
        content = files.read(data, file_format=file_format)
    except files.TranslationFileError as error:
        raise TranslationRejected([Problem("", "The file", str(error))]) from error
    units = [_unit(t, language) for t in texts]
    labels = {t.id: t.label for t in texts}
    values, problems = files.check(
        units, labels, content, language=language, made_for=made_for, allow_missing=allow_missing
    )
    if not problems and not values:
        problems = [Problem("", "The file", "The file has no translations in it.")]
    if problems:
        raise TranslationRejected(problems)
    by_record: dict[models.Model, dict[str, str]] = defaultdict(dict)
    for text in texts:
        if text.id in values:
            by_record[text.obj][text.field] = values[text.id]
    with transaction.atomic():
        for obj, fields in by_record.items():
            try:
                save(obj, fields, language)
            except ValidationError as error:
                raise TranslationRejected(_refusals(obj, error, labels, language)) from error
    skipped = sum(1 for unit in units if unit.source.strip() and unit.id not in values)
    return ImportOutcome(len(values), skipped, language, file_format)


def _refusals(
    obj: models.Model, error: ValidationError, labels: dict[str, str], language: str
) -> list[Problem]:
    """Saving said no: a field's own validator (rare: the checks above cover the limits), or a
    rule of the item's ("people have answered in Welsh") that refuses the whole file."""
    if not hasattr(error, "error_dict"):
        return [Problem("", "The file", message) for message in dict.fromkeys(error.messages)]
    found = []
    suffix = column("", language)
    for name, messages in error.message_dict.items():
        unit = f"{obj._meta.label_lower}.{obj.pk}.{name.removesuffix(suffix)}"
        found += [Problem(unit, labels.get(unit, unit), message) for message in messages]
    return found
