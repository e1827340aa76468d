"""How a response import running in the background is going: a page that refreshes itself
(HTMX every 2 seconds; without JavaScript, a meta refresh and a link), then what came of it:
how many were imported, or every row with a problem (nothing imported), or why it failed."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import require
from organisations.http import StaffRequest

from .. import selectors
from ..imports import ImportSummary
from ..models import Channel, ImportState
from ..selectors_imports import response_import_get, response_import_problems


@login_required
@require_GET
def import_status(request: StaffRequest, pk: int, import_pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "consultations.enter_responses", questionnaire)
    job = response_import_get(user=request.user, pk=import_pk, questionnaire=questionnaire)
    if request.htmx and job.is_active:
        return render(
            request, "consultations/staff/_import_progress.html", {"job": job, "questionnaire": questionnaire}
        )
    if request.htmx:  # finished: the whole page shows what came of it
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    summary = (
        ImportSummary(imported=job.imported, blank_lines=job.blank_lines, hidden_answers=job.hidden_answers)
        if job.state == ImportState.DONE
        else None
    )
    row_errors, error = response_import_problems(user=request.user, job=job)
    return render(
        request,
        "consultations/staff/import_status.html",
        {
            "job": job,
            "row_errors": row_errors,
            "error": error,
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "summary": summary,
            "channel": Channel(job.channel).label if job.channel in Channel.values else job.channel,
            "rejected": job.state == ImportState.REJECTED,
        },
    )
