"""A questionnaire's "Send for translation" page: download its words for a translator and upload
the translation back (core/translation_views.py does the page's work)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core import translation_views
from core.permissions import require
from organisations.http import StaffRequest

from .. import selectors
from ..models import Questionnaire
from ..translator_files import (
    PERM,
    questionnaire_texts,
    questionnaire_translation_export,
    questionnaire_translation_import,
)


def _page(
    request: StaffRequest, questionnaire: Questionnaire, *, status: int = 200, **context: Any
) -> HttpResponse:
    return translation_views.page(
        request,
        {
            "breadcrumbs": "consultations/staff/_breadcrumbs.html",
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "caption": f"{questionnaire.title} · version {questionnaire.version}",
            "kind": "questionnaire",
            "back_url": reverse("consultations:questionnaire_detail", args=[questionnaire.pk]),
            "download_url": reverse("consultations:questionnaire_translator_file", args=[questionnaire.pk]),
            "upload_url": reverse("consultations:questionnaire_translator_files", args=[questionnaire.pk]),
            "progress": translation_views.progress(questionnaire_texts(questionnaire)),
            **context,
        },
        status=status,
    )


@csrf_exempt  # only so that the size limit is in place before the body is read: upload() checks CSRF
@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_translator_files(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, PERM, questionnaire)
    if request.method != "POST":
        return _page(request, questionnaire)
    result = translation_views.upload(
        request,
        lambda language, data, name, allow_missing: questionnaire_translation_import(
            user=request.user,
            questionnaire=questionnaire,
            language=language,
            data=data,
            file_name=name,
            allow_missing=allow_missing,
        ),
        done=reverse("consultations:questionnaire_translator_files", args=[questionnaire.pk]),
    )
    if isinstance(result, HttpResponse):
        return result
    form, problems = result
    return _page(request, questionnaire, form=form, problems=problems, status=400)


@login_required
@require_GET
def questionnaire_translator_file(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, PERM, questionnaire)
    made = translation_views.download(
        request,
        lambda language, file_format: questionnaire_translation_export(
            user=request.user, questionnaire=questionnaire, language=language, file_format=file_format
        ),
    )
    if made is not None:
        return made
    return _page(
        request, questionnaire, download_form=translation_views.DownloadForm(request.GET), status=400
    )
