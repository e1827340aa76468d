"""Mapping a file's columns to a questionnaire's questions (and the date, and the equality
questions): the choices a column has, a suggestion for each from its header, and the problems
of a mapping as a whole."""

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from . import equality
from .models import Question, QuestionKind, Questionnaire

IGNORE = ""
DATE = "date"
LANGUAGE = "language"
LANGUAGE_HINTS = ("language", "language answered in", "language of response", "lang")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def question_key(question: Question) -> str:
    return f"q{question.pk}"


def targets(questionnaire: Questionnaire, questions: Sequence[Question]) -> list[tuple[str, str]]:
    """What a column can be imported as: (key, label)."""
    options = [
        (IGNORE, "Do not import"),
        (DATE, "Date of the response"),
        (LANGUAGE, "Language the response was written in"),
    ]
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
    candidates += [(LANGUAGE, hint) for hint in LANGUAGE_HINTS]
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
                score = _similarity(wanted, have)
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


def _similarity(a: str, b: str) -> float:
    """SequenceMatcher's ratio when it could reach 0.8: the cheap upper bounds skip the slow
    comparison of a long header with a short question (a header may have 10,000 characters)."""
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
        return 0.0
    return matcher.ratio()


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
