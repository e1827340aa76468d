"""The work of the staff "Translations" pages, shared by every kind of item (a questionnaire,
an activity): the summary per language, and one language's form with the English beside each
box. The apps' views read the item through their selectors, check the permission and name the
records; saving goes through `content_translate`, all records at once or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from core.content_languages import CONTENT_LANGUAGES, LANGUAGE_NAMES, column, translatable_fields

from .content_translation import content_translate, language_summaries, text_states

Labeller = Callable[[models.Model, str], str]


@dataclass
class Row:
    key: str
    label: str
    english: str
    translation: str
    out_of_date: bool
    long: bool
    error: str = ""


def _key(record: models.Model, field: str) -> str:
    return f"t-{ContentType.objects.get_for_model(record).pk}-{record.pk}-{field}"


def _rows(records: list[models.Model], language: str, label: Labeller) -> list[Row]:
    return [
        Row(
            key=_key(s.record, s.field),
            label=label(s.record, s.field),
            english=s.english,
            translation=s.translation,
            out_of_date=s.out_of_date,
            long=isinstance(s.record._meta.get_field(s.field), models.TextField) or len(s.english) > 120,
        )
        for s in text_states(records, language)
    ]


def summary_page(
    request: HttpRequest, *, records: list[models.Model], context: dict[str, Any]
) -> HttpResponse:
    return render(
        request, "translations/content_summary.html", {**context, "summaries": language_summaries(records)}
    )


def _language_or_404(language: str) -> str:
    if language not in CONTENT_LANGUAGES:
        raise Http404("Heard does not translate into that language.")
    return language


def _save(
    request: HttpRequest, records: list[models.Model], language: str, owner: Any, rows: list[Row]
) -> str | None:
    by_key = {row.key: row for row in rows}
    for row in rows:
        row.translation = request.POST.get(row.key, "").strip()
    try:
        with transaction.atomic():
            for record in records:
                values = {
                    f: by_key[k].translation
                    for f in translatable_fields(record)
                    if (k := _key(record, f)) in by_key
                }
                if values:
                    _translate(request, record, language, values, owner, by_key)
    except ValidationError as error:
        return "" if any(row.error for row in rows) else " ".join(error.messages)
    return None


def _translate(
    request: HttpRequest,
    record: models.Model,
    language: str,
    values: dict[str, str],
    owner: Any,
    rows: dict[str, Row],
) -> None:
    try:
        content_translate(actor=request.user, obj=record, language=language, values=values, owner=owner)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field in values:
                for message in error.error_dict.get(column(field, language), []):
                    rows[_key(record, field)].error = " ".join(message.messages)
        raise


def language_page(
    request: HttpRequest,
    *,
    language: str,
    records: list[models.Model],
    owner: Any,
    label: Labeller,
    done_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: the form. POST: save every translation (or none) and go back to the summary."""
    language = _language_or_404(language)
    rows = _rows(records, language, label)
    status, problem = 200, None
    if request.method == "POST":
        problem = _save(request, records, language, owner, rows)
        if problem is None:
            messages.success(
                request,
                gettext("Translations into %(language)s saved.") % {"language": LANGUAGE_NAMES[language]},
            )
            return redirect(done_url)
        status = 400
    return render(
        request,
        "translations/content_language.html",
        {
            **context,
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "rows": rows,
            "has_errors": status == 400,
            "errors": [row for row in rows if row.error],
            "problem": problem,
        },
        status=status,
    )
