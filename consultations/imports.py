"""Bulk import of responses from CSV or XLSX: a paper survey typed up in a spreadsheet, or
another survey tool's export. Columns are mapped to questions (suggested by matching the
header with the question text), every row is checked with the same `clean_answers` as every
other channel, every bad row is reported with its line number, and the import is all or
nothing."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.permissions import require
from engagement.access import BY_CODE, DEFAULT_LANGUAGE, language_from_text
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from . import equality
from .answers import clean_answers, clean_equality
from .import_mapping import DATE, IGNORE, LANGUAGE, check_mapping, question_key, suggest_mapping, targets
from .models import CHOICE_KINDS, Channel, Question, QuestionKind, Questionnaire, QuestionnaireState
from .services import response_submit
from .tables import ENCODINGS, MAX_BYTES, MAX_ROWS, ImportFileError, Table, read_table

__all__ = [  # reading the file (tables.py) and mapping its columns (import_mapping.py) are part of this module's interface too
    "DATE",
    "ENCODINGS",
    "IGNORE",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "Table",
    "check_mapping",
    "question_key",
    "read_table",
    "suggest_mapping",
    "targets",
]

SPLIT_RE = re.compile(r"\s*[;|\n]\s*")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
                    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M")  # fmt: skip


# Checking rows


@dataclass
class RowError:
    line: int
    problems: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "problems": self.problems}


@dataclass
class CheckedRow:
    line: int
    cleaned: Any
    equality: dict[str, str]
    submitted_at: datetime | None
    language: str | None = None  # from the file's language column, if it has one


@dataclass
class CheckResult:
    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    hidden_answers: int = 0  # answers to questions the skip logic did not ask: left out

    @property
    def is_valid(self) -> bool:
        return not self.errors


def parse_date(value: str) -> datetime | None:
    """A date or date-time in the formats survey tools and spreadsheets use; None if not one."""
    value = value.strip()
    for fmt in DATETIME_FORMATS:
        try:
            return timezone.make_aware(datetime.strptime(value, fmt))
        except ValueError:
            continue
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        # A date alone stands for midday, but a form dated today and typed up this morning is
        # not "in the future".
        midday = timezone.make_aware(datetime.combine(day, time(12)))
        return min(midday, timezone.now()) if day == timezone.localdate() else midday
    return None


def _choice_values(question: Question, cells: Sequence[str]) -> tuple[list[str], list[str]]:
    """Choice labels (case-insensitive) to choice ids; returns (ids, unknown labels)."""
    labels = {_casefold(c.label): str(c.pk) for c in question.choices.all()}
    ids: list[str] = []
    unknown: list[str] = []
    for cell in cells:
        if not cell:
            continue
        if _casefold(cell) in labels:
            ids.append(labels[_casefold(cell)])
            continue
        if question.kind in (QuestionKind.SINGLE, QuestionKind.SCALE):
            unknown.append(cell)
            continue
        parts = [p for p in SPLIT_RE.split(cell) if p]
        if not all(_casefold(p) in labels for p in parts):
            parts = [p.strip() for p in cell.split(",") if p.strip()]
        for part in parts:
            if _casefold(part) in labels:
                ids.append(labels[_casefold(part)])
            else:
                unknown.append(part)
    return ids, unknown


def _casefold(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()


def _equality_value(name: str, cell: str) -> str | None:
    wanted = _casefold(cell)
    for value, label in equality.choices_for(name):
        if wanted in (_casefold(value), _casefold(label)):
            return value
    return None


@dataclass
class _RowReading:
    """What one row's cells say, before its answers are checked together."""

    problems: list[str] = field(default_factory=list)
    raw: dict[int, list[str]] = field(default_factory=dict)
    reported: set[int] = field(default_factory=set)  # questions with a problem already named
    equality: dict[str, str] = field(default_factory=dict)
    submitted_at: datetime | None = None
    language: str | None = None

    def read_language(self, header: str, cell: str) -> None:
        self.language = language_from_text(cell)
        if self.language is None:
            self.problems.append(
                f"“{header}”: “{cell}” is not a language Heard knows (write its name, like Urdu, or its code)."
            )

    def read_date(self, header: str, cell: str) -> None:
        self.submitted_at = parse_date(cell)
        if self.submitted_at is None:
            self.problems.append(f"“{header}”: “{cell}” is not a date (use 31/01/2026 or 2026-01-31).")
        elif self.submitted_at > timezone.now():
            self.problems.append(f"“{header}”: {cell} is in the future.")

    def read_equality(self, name: str, header: str, cell: str) -> None:
        value = _equality_value(name, cell)
        if value is None:
            self.problems.append(f"“{header}”: “{cell}” is not one of the equality-monitoring categories.")
        else:
            self.equality[name] = value

    def read_answer(self, number: int, question: Question, cell: str) -> None:
        if question.kind not in CHOICE_KINDS:
            self.raw.setdefault(question.pk, []).append(cell)
            return
        ids, unknown = _choice_values(question, [cell])
        if unknown:
            self.reported.add(question.pk)
            options = ", ".join(c.label for c in question.choices.all())
            self.problems.append(
                f"question {number}: “{'”, “'.join(unknown)}” is not one of its options ({options})."
            )
        self.raw.setdefault(question.pk, []).extend(ids)


def _read_row(
    table: Table, mapping: Sequence[str], by_key: dict[str, tuple[int, Question]], cells: list[str]
) -> _RowReading:
    reading = _RowReading()
    width = len(table.headers)
    if any(cells[width:]):
        reading.problems.append(f"has {len(cells)} cells but the header names only {width} columns.")
    cells = cells[:width] + [""] * (width - len(cells))
    for column, key in enumerate(mapping):
        cell = cells[column] if column < len(cells) else ""
        if not key or not cell:
            continue
        header = table.headers[column]
        if key == DATE:
            reading.read_date(header, cell)
        elif key == LANGUAGE:
            reading.read_language(header, cell)
        elif key.startswith("eq:"):
            reading.read_equality(key[3:], header, cell)
        else:
            reading.read_answer(*by_key[key], cell)
    return reading


def check_rows(
    questionnaire: Questionnaire,
    questions: Sequence[Question],
    table: Table,
    mapping: Sequence[str],
    on_row: Callable[[int], None] | None = None,
) -> CheckResult:
    """Check every row; nothing is written. Each problem names the question or column.
    `on_row(n)` is told how many rows have been checked (for a progress bar)."""
    result = CheckResult()
    by_key = {question_key(q): (i, q) for i, q in enumerate(questions, 1)}
    by_id = {q.pk: (i, q) for i, q in enumerate(questions, 1)}
    for done, (line, cells) in enumerate(zip(table.lines, table.rows, strict=True)):
        if on_row is not None:
            on_row(done)
        reading = _read_row(table, mapping, by_key, cells)
        cleaned = clean_answers(questionnaire, reading.raw)
        problems = reading.problems + [
            f"question {by_id[question_id][0]} (“{_short(by_id[question_id][1].text)}”): {message}"
            for question_id, message in cleaned.errors.items()
            if question_id not in reading.reported
        ]
        equality_answers, equality_errors = clean_equality(reading.equality)
        problems += [f"equality {name}: {message}" for name, message in equality_errors.items()]
        if problems:
            result.errors.append(RowError(line=line, problems=problems))
            continue
        kept = {a.question.pk for a in cleaned.answers}
        result.hidden_answers += sum(1 for pk, values in reading.raw.items() if values and pk not in kept)
        result.rows.append(
            CheckedRow(
                line=line,
                cleaned=cleaned,
                equality=equality_answers,
                submitted_at=reading.submitted_at,
                language=reading.language,
            )
        )
    return result


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ImportRejected(Exception):
    """Nothing was imported: the mapping or some rows have problems."""

    def __init__(self, *, problems: Sequence[str] = (), errors: Sequence[RowError] = (), word: str = "Line"):
        super().__init__("The file was not imported.")
        self.problems = list(problems)
        self.errors = list(errors)
        self.word = word


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    blank_lines: int
    hidden_answers: int

    @property
    def message(self) -> str:
        text = f"Imported {self.imported} response{'s' if self.imported != 1 else ''}."
        if self.blank_lines:
            text += f" {self.blank_lines} blank line{'s were' if self.blank_lines != 1 else ' was'} skipped."
        if self.hidden_answers:
            text += (
                f" {self.hidden_answers} answer{'s' if self.hidden_answers != 1 else ''} to questions that the "
                "skip logic did not ask (the earlier answer did not lead to them) were left out."
            )
        return text


def import_prepare(
    *,
    user: User,
    questionnaire: Questionnaire,
    table: Table,
    mapping: Sequence[str],
    channel: Channel | str,
    language: str = DEFAULT_LANGUAGE,
) -> list[Question]:
    """The checks that need no row read: who, where, which channel and language, and the columns
    chosen. Raises ValidationError or ImportRejected; returns the questionnaire's questions."""
    require(user, "consultations.enter_responses", questionnaire)
    if language not in BY_CODE:
        raise ValidationError(
            {
                "language": gettext("Unknown language: %(language)s. Choose one from the list.")
                % {"language": language}
            }
        )
    if channel not in {c.value for c in Channel if c != Channel.WEB}:
        raise ValidationError({"channel": gettext("Choose paper, event or phone.")})
    if questionnaire.state == QuestionnaireState.DRAFT:
        raise ValidationError(gettext("Publish the questionnaire before importing responses to it."))
    if len(mapping) != len(table.headers):
        raise ValidationError(gettext("Say what each column of the file holds."))
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))
    problems = check_mapping(questionnaire, questions, mapping, table.headers)
    if problems:
        raise ImportRejected(problems=problems, word=table.line_word)
    return questions


def rows_store(
    *,
    user: User | None,
    questionnaire: Questionnaire,
    table: Table,
    checked: CheckResult,
    channel: Channel | str,
    on_row: Callable[[int], None] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> ImportSummary:
    """Store every checked row in one transaction, audited with the counts, not the answers.
    `language`: the responses' language where the file has no language column (or it is empty)."""
    with transaction.atomic():
        for done, row in enumerate(checked.rows):
            if on_row is not None:
                on_row(done)
            response_submit(
                questionnaire=questionnaire,
                cleaned=row.cleaned,
                equality=row.equality,
                channel=channel,
                entered_by=user,
                submitted_at=row.submitted_at,
                language=row.language or language,
            )
        audit_record(
            actor=user,
            action=AuditAction.IMPORT,
            obj=questionnaire,
            changes={
                "file": table.name[:200],
                "rows": len(checked.rows),
                "blank_lines": table.blank_lines,
                "channel": str(channel),
                "hidden_answers": checked.hidden_answers,
            },
        )
    return ImportSummary(
        imported=len(checked.rows), blank_lines=table.blank_lines, hidden_answers=checked.hidden_answers
    )


def responses_import(
    *,
    user: User,
    questionnaire: Questionnaire,
    table: Table,
    mapping: Sequence[str],
    channel: Channel | str,
    language: str = DEFAULT_LANGUAGE,
) -> ImportSummary:
    """Check every row, then store them all in one transaction, or store nothing and raise
    ImportRejected listing every problem with its line. The staff pages and the API run this in
    the background (import_jobs.py); this is the same work in one go."""
    questions = import_prepare(
        user=user,
        questionnaire=questionnaire,
        table=table,
        mapping=mapping,
        channel=channel,
        language=language,
    )
    checked = check_rows(questionnaire, questions, table, mapping)
    if not checked.is_valid:
        raise ImportRejected(errors=checked.errors, word=table.line_word)
    return rows_store(
        user=user,
        questionnaire=questionnaire,
        table=table,
        checked=checked,
        channel=channel,
        language=language,
    )
