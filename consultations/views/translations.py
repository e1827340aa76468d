"""A questionnaire's "Translations" pages: how far each language has got, and one language's
translations typed in beside the English (governance/content_translation_views.py)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from core.content_languages import LANGUAGE_NAMES
from core.permissions import require
from governance import content_translation_views as pages
from organisations.http import StaffRequest

from .. import selectors
from ..content_translation import answerable_languages, questionnaire_records, text_label
from ..models import Questionnaire

PERM = "consultations.change_questionnaire"


def _context(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "breadcrumbs": "consultations/staff/_breadcrumbs.html",
        "questionnaire": questionnaire,
        "activity": questionnaire.activity,
        "caption": f"{questionnaire.title} · version {questionnaire.version}",
        "kind": "questionnaire",
        "pk": questionnaire.pk,
        "back_url": reverse("consultations:questionnaire_detail", args=[questionnaire.pk]),
        "summary_url": reverse("consultations:questionnaire_translations", args=[questionnaire.pk]),
        "language_url_name": "consultations:questionnaire_translate",
        "files_url": reverse("consultations:questionnaire_translator_files", args=[questionnaire.pk]),
    }


def _get(request: StaffRequest, pk: int) -> Questionnaire:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, PERM, questionnaire)
    return questionnaire


@login_required
@require_GET
def questionnaire_translations(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = _get(request, pk)
    available = [LANGUAGE_NAMES[code] for code in answerable_languages(questionnaire)]
    return pages.summary_page(
        request,
        records=questionnaire_records(questionnaire),
        context={**_context(questionnaire), "available": available},
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_translate(request: StaffRequest, pk: int, language: str) -> HttpResponse:
    questionnaire = _get(request, pk)
    context = _context(questionnaire)
    return pages.language_page(
        request,
        language=language,
        records=questionnaire_records(questionnaire),
        owner=questionnaire,
        label=text_label(questionnaire),
        done_url=context["summary_url"],
        context=context,
    )
