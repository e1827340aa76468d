"""An activity's "Send for translation" page: download its public texts for a translator and
upload the translation back (core/translation_views.py does the page's work)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core import translation_views
from core.permissions import require
from organisations.http import StaffRequest

from . import selectors
from .models import Activity
from .translator_files import activity_texts, activity_translation_export, activity_translation_import

PERM = "engagement.change_activity"


def _page(request: StaffRequest, activity: Activity, *, status: int = 200, **context: Any) -> HttpResponse:
    return translation_views.page(
        request,
        {
            "breadcrumbs": "engagement/_translator_breadcrumbs.html",
            "activity": activity,
            "caption": activity.title,
            "kind": "activity",
            "back_url": reverse("engagement:activity_detail", args=[activity.pk]),
            "download_url": reverse("engagement:activity_translator_file", args=[activity.pk]),
            "upload_url": reverse("engagement:activity_translator_files", args=[activity.pk]),
            "progress": translation_views.progress(activity_texts(activity)),
            **context,
        },
        status=status,
    )


@csrf_exempt  # only so that the size limit is in place before the body is read: upload() checks CSRF
@login_required
@require_http_methods(["GET", "POST"])
def activity_translator_files(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, PERM, activity)
    if request.method != "POST":
        return _page(request, activity)
    result = translation_views.upload(
        request,
        lambda language, data, name, allow_missing: activity_translation_import(
            user=request.user,
            activity=activity,
            language=language,
            data=data,
            file_name=name,
            allow_missing=allow_missing,
        ),
        done=reverse("engagement:activity_translator_files", args=[activity.pk]),
    )
    if isinstance(result, HttpResponse):
        return result
    form, problems = result
    return _page(request, activity, form=form, problems=problems, status=400)


@login_required
@require_GET
def activity_translator_file(request: StaffRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, PERM, activity)
    made = translation_views.download(
        request,
        lambda language, file_format: activity_translation_export(
            user=request.user, activity=activity, language=language, file_format=file_format
        ),
    )
    if made is not None:
        return made
    return _page(request, activity, download_form=translation_views.DownloadForm(request.GET), status=400)
