"""Which languages a questionnaire can be answered in, and the language a visitor answers it in.

A questionnaire is answered in the visitor's language only when every word of it is translated
into that language (title, introduction, privacy statement, each question, hint and choice);
otherwise the whole questionnaire is shown in English with a notice, never a mix of the two
(README "Translating what staff write"). The public views run inside `content_in(...)` so the
translated fields read that language whatever the page's own language is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse

from core.content_languages import (
    CONTENT_LANGUAGES,
    ENGLISH,
    active_content_language,
    content_in,
    fully_translated,
)

from .models import Choice, Question, Questionnaire


def questionnaire_records(questionnaire: Questionnaire) -> list[models.Model]:
    """Every record whose words the questionnaire shows, in the order a translator reads them."""
    records: list[models.Model] = [questionnaire]
    if questionnaire.privacy_statement_id:
        records.append(questionnaire.privacy_statement)
    questions = list(Question.objects.filter(questionnaire=questionnaire).order_by("position", "id"))
    choices: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(question__questionnaire=questionnaire).order_by("position", "id"):
        choices.setdefault(choice.question_id, []).append(choice)
    for question in questions:
        records.append(question)
        records.extend(choices.get(question.pk, []))
    return records


def answerable_languages(questionnaire: Questionnaire) -> list[str]:
    """English, then each language the questionnaire is fully translated into."""
    records = questionnaire_records(questionnaire)
    return [ENGLISH, *(code for code in CONTENT_LANGUAGES if fully_translated(records, code))]


def answering_language(questionnaire: Questionnaire, language: str | None = None) -> str:
    """``language`` (the page's by default) if the questionnaire is fully translated into it,
    else English."""
    language = language or active_content_language()
    if language == ENGLISH or language not in CONTENT_LANGUAGES:
        return ENGLISH
    return language if fully_translated(questionnaire_records(questionnaire), language) else ENGLISH


def in_answering_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a page of the journey (with the questionnaire's ``pk``) in its answering language."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        questionnaire = Questionnaire.public_objects.filter(pk=pk).first()
        if questionnaire is None:
            return view(request, pk, *args, **kwargs)
        with content_in(answering_language(questionnaire)):
            return view(request, pk, *args, **kwargs)

    return wrapper
