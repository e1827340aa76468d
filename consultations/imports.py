"""Bulk import of responses from CSV or XLSX: a paper survey typed up in a spreadsheet, or
another survey tool's export. Columns are mapped to questions (suggested by matching the
header with the question text), every row is checked with the same `clean_answers` as every
other channel, every bad row is reported with its line number, and the import is all or
nothing."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import AuditAction
from governance.services import audit_record

from . import equality
from .answers import clean_answers, clean_equality
from .models import CHOICE_KINDS, Channel, Question, QuestionKind, Questionnaire, QuestionnaireState
from .services import response_submit
from .tables import ENCODINGS, MAX_BYTES, MAX_ROWS, ImportFileError, Table, read_table

__all__ = [  # reading the file is in tables.py; its names are part of this module's interface too
    "ENCODINGS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "Table",
    "read_table",
]

IGNORE = ""
DATE = "date"
SPLIT_RE = re.compile(r"\s*[;|\n]\s*")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
                    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M")  # fmt: skip


# Mapping columns to questions


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def question_key(question: Question) -> str:
    return f"q{question.pk}"


def targets(questionnaire: Questionnaire, questions: Sequence[Question]) -> list[tuple[str, str]]:
    """What a column can be imported as: (key, label)."""
    options = [(IGNORE, "Do not import"), (DATE, "Date of the response")]
    options += [(question_key(q), f"Question {i}: {q.text}") for i, q in enumerate(questions, 1)]
    if questionnaire.equality_monitoring:
        options += [(f"eq:{name}", f"Equality: {text}") for name, (text, _) in equality.QUESTIONS.items()]
    return options


EQUALITY_HINTS = {
    "age_band": ("age", "age group", "age band"),
    "sex": ("sex", "gender"),
    "ethnicity": ("ethnicity", "ethnic group", "ethnic origin"),
    "religion": ("religion", "religion or belief", "faith"),
    "disability": ("disability", "disabled"),
    "sexual_orientation": ("sexual orientation", "sexuality"),
}
WHERE_HINTS = ("postcode", "post code", "your postcode", "home postcode", "where do you live")
DATE_HINTS = (
    "date",
    "submitted",
    "submitted at",
    "timestamp",
    "start date",
    "end date",
    "completed",
    "date received",
)


def suggest_mapping(
    questionnaire: Questionnaire, questions: Sequence[Question], headers: Sequence[str]
) -> list[str]:
    """For each column, the best guess at what it holds ("" when there is no good guess).
    Exact (case- and punctuation-insensitive) matches first, then close ones."""
    candidates: list[tuple[str, str]] = [(question_key(q), q.text) for q in questions]
    candidates += [
        (question_key(q), hint) for q in questions if q.kind == QuestionKind.WHERE for hint in WHERE_HINTS
    ]
    if questionnaire.equality_monitoring:
        for name, (text, _) in equality.QUESTIONS.items():
            candidates.append((f"eq:{name}", text))
            candidates += [(f"eq:{name}", hint) for hint in EQUALITY_HINTS[name]]
    candidates += [(DATE, hint) for hint in DATE_HINTS]
    used: set[str] = set()
    suggestion = [IGNORE] * len(headers)
    scored: list[tuple[float, int, str]] = []
    for column, header in enumerate(headers):
        wanted = _norm(header)
        if not wanted:
            continue
        for key, text in candidates:
            have = _norm(text)
            if not have:
                continue
            if wanted == have:
                score = 1.0
            else:
                score = SequenceMatcher(None, wanted, have).ratio()
                contains = len(have) > 12 and have in wanted  # "Q3. <question> (tick all)"
                contained = len(wanted) > 12 and wanted in have and len(wanted) >= 0.6 * len(have)
                if contains or contained:
                    score = max(score, 0.9)
            if score >= 0.8:
                scored.append((score, column, key))
    for _score, column, key in sorted(scored, key=lambda s: (-s[0], s[1])):
        if suggestion[column] or key in used:
            continue
        suggestion[column] = key
        used.add(key)
    return suggestion


def check_mapping(
    questionnaire: Questionnaire,
    questions: Sequence[Question],
    mapping: Sequence[str],
    headers: Sequence[str],
) -> list[str]:
    """Problems with a mapping as a whole (a required question with no column...)."""
    problems = []
    valid = {key for key, _ in targets(questionnaire, questions)}
    seen: dict[str, list[str]] = {}
    for column, key in enumerate(mapping):
        if key not in valid:
            problems.append(f"Column “{headers[column]}”: choose what it holds from the list.")
        elif key:
            seen.setdefault(key, []).append(headers[column])
    by_key = {question_key(q): (i, q) for i, q in enumerate(questions, 1)}
    for key, columns in seen.items():
        multi_ok = key in by_key and by_key[key][1].kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING)
        if len(columns) > 1 and not multi_ok:
            named = ", ".join(f"“{c}”" for c in columns)
            problems.append(f"Columns {named} are all mapped to the same thing: choose one.")
    for key, (number, question) in by_key.items():
        if question.required and key not in seen and not question.show_if_question_id:
            problems.append(
                f"Question {number} (“{question.text}”) must be answered: choose the column that holds it."
            )
    if not seen:
        problems.append("Choose at least one column to import.")
    return problems


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
            return timezone.make_aware(datetime.combine(datetime.strptime(value, fmt).date(), time(12)))
        except ValueError:
            continue
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


def check_rows(
    questionnaire: Questionnaire, questions: Sequence[Question], table: Table, mapping: Sequence[str]
) -> CheckResult:
    """Check every row; nothing is written. Each problem names the question or column."""
    result = CheckResult()
    by_key = {question_key(q): (i, q) for i, q in enumerate(questions, 1)}
    width = len(table.headers)
    for line, cells in zip(table.lines, table.rows, strict=True):
        problems: list[str] = []
        extra = [c for c in cells[width:] if c]
        if extra:
            problems.append(f"has {len(cells)} cells but the header names only {width} columns.")
        cells = cells[:width] + [""] * (width - len(cells))
        raw: dict[int, list[str]] = {}
        reported: set[int] = set()  # questions with a problem already named for this row
        eq: dict[str, str] = {}
        submitted_at = None
        for column, key in enumerate(mapping):
            cell = cells[column] if column < len(cells) else ""
            if not key or not cell:
                continue
            header = table.headers[column]
            if key == DATE:
                submitted_at = parse_date(cell)
                if submitted_at is None:
                    problems.append(f"“{header}”: “{cell}” is not a date (use 31/01/2026 or 2026-01-31).")
                elif submitted_at > timezone.now():
                    problems.append(f"“{header}”: {cell} is in the future.")
            elif key.startswith("eq:"):
                name = key[3:]
                value = _equality_value(name, cell)
                if value is None:
                    problems.append(f"“{header}”: “{cell}” is not one of the equality-monitoring categories.")
                else:
                    eq[name] = value
            else:
                number, question = by_key[key]
                if question.kind in CHOICE_KINDS:
                    ids, unknown = _choice_values(question, [cell])
                    if unknown:
                        reported.add(question.pk)
                        options = ", ".join(c.label for c in question.choices.all())
                        problems.append(
                            f"question {number}: “{'”, “'.join(unknown)}” is not one of its options ({options})."
                        )
                    raw.setdefault(question.pk, []).extend(ids)
                else:
                    raw.setdefault(question.pk, []).append(cell)
        cleaned = clean_answers(questionnaire, raw)
        for question_id, message in cleaned.errors.items():
            if question_id in reported:
                continue
            number, question = next(v for v in by_key.values() if v[1].pk == question_id)
            problems.append(f"question {number} (“{_short(question.text)}”): {message}")
        equality_answers, equality_errors = clean_equality(eq)
        problems += [f"equality {name}: {message}" for name, message in equality_errors.items()]
        if problems:
            result.errors.append(RowError(line=line, problems=problems))
        else:
            kept = {a.question.pk for a in cleaned.answers}
            result.hidden_answers += sum(1 for pk, values in raw.items() if values and pk not in kept)
            result.rows.append(
                CheckedRow(line=line, cleaned=cleaned, equality=equality_answers, submitted_at=submitted_at)
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


def responses_import(
    *,
    user: Any,
    questionnaire: Questionnaire,
    table: Table,
    mapping: Sequence[str],
    channel: Channel | str,
) -> ImportSummary:
    """Check every row, then store them all in one transaction, or store nothing and raise
    ImportRejected listing every problem with its line. Audited with the counts, not the answers."""
    if not user.has_perm("engagement.change_activity", questionnaire.activity):
        raise PermissionDenied("Only the activity's own team can import responses.")
    if channel not in {c.value for c in Channel if c != Channel.WEB}:
        raise ValidationError({"channel": "Choose paper, event or phone."})
    if questionnaire.state == QuestionnaireState.DRAFT:
        raise ValidationError("Publish the questionnaire before importing responses to it.")
    if len(mapping) != len(table.headers):
        raise ValidationError("Say what each column of the file holds.")
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))
    problems = check_mapping(questionnaire, questions, mapping, table.headers)
    if problems:
        raise ImportRejected(problems=problems, word=table.line_word)
    checked = check_rows(questionnaire, questions, table, mapping)
    if not checked.is_valid:
        raise ImportRejected(errors=checked.errors, word=table.line_word)
    with transaction.atomic():
        for row in checked.rows:
            response_submit(
                questionnaire=questionnaire,
                cleaned=row.cleaned,
                equality=row.equality,
                channel=channel,
                entered_by=user,
                submitted_at=row.submitted_at,
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
