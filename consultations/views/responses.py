"""One response on its own page: its answers as the reader may read them (redacted outside the
organisation leading the activity), how and when it came in, its marking, and the responses
received before and after it. What it shows comes from `consultations.selectors`, shared with
the API; each reading is recorded in the audit log there."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organisations.http import StaffRequest

from .. import selectors


@login_required
@require_GET
def response_detail(request: StaffRequest, pk: int) -> HttpResponse:
    shown = selectors.response_detail(user=request.user, pk=pk)
    questionnaire = shown.questionnaire
    return render(
        request,
        "consultations/staff/response_detail.html",
        {"shown": shown, "questionnaire": questionnaire, "activity": questionnaire.activity},
    )
