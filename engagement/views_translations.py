"""An activity's "Translations" pages: how far each language has got, and one language's
translations of its title, summary, accessibility and aims typed in beside the English
(governance/content_translation_views.py)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from core.permissions import require
from governance import content_translation_views as pages
from organisations.http import StaffRequest

from . import selectors
from .content_translation import activity_records
from .models import Activity, Aim

PERM = "engagement.change_activity"
LABELS = {"title": "Title", "summary": "What it is and who it is for", "accessibility": "Accessibility"}


def _label(activity: Activity) -> pages.Labeller:
    numbers = {
        aim.pk: n
        for n, aim in enumerate(Aim.objects.filter(activity=activity).order_by("order", "pk"), start=1)
    }

    def label(record: models.Model, field: str) -> str:
        return f"Aim {numbers.get(record.pk, '?')}" if isinstance(record, Aim) else LABELS[field]

    return label


def _context(activity: Activity) -> dict[str, Any]:
    return {
        "breadcrumbs": "engagement/_translator_breadcrumbs.html",
        "activity": activity,
        "caption": activity.title,
        "kind": "activity",
        "pk": activity.pk,
        "back_url": reverse("engagement:activity_detail", args=[activity.pk]),
        "summary_url": reverse("engagement:activity_translations", args=[activity.pk]),
        "language_url_name": "engagement:activity_translate",
        "files_url": reverse("engagement:activity_translator_files", args=[activity.pk]),
    }


def _get(request: StaffRequest, pk: int) -> Activity:
    activity = selectors.activity_get(user=request.user, pk=pk)
    require(request.user, PERM, activity)
    return activity


@login_required
@require_GET
def activity_translations(request: StaffRequest, pk: int) -> HttpResponse:
    activity = _get(request, pk)
    return pages.summary_page(request, records=activity_records(activity), context=_context(activity))


@login_required
@require_http_methods(["GET", "POST"])
def activity_translate(request: StaffRequest, pk: int, language: str) -> HttpResponse:
    activity = _get(request, pk)
    context = _context(activity)
    return pages.language_page(
        request,
        language=language,
        records=activity_records(activity),
        owner=activity,
        label=_label(activity),
        done_url=context["summary_url"],
        context=context,
    )
