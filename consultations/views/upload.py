"""Importing responses from a CSV or XLSX file: upload, map columns to questions, then check
every row and import all or nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from organisations.http import StaffRequest

from .. import imports
from ..forms import apply_service_error
from ..import_forms import ImportMappingForm, ImportUploadForm
from ..models import Channel, QuestionnaireState
from ._common import questions_of, require, visible_questionnaire

PREVIEW_ROWS = 3


def _session_key(pk: int) -> str:
    return f"consultations:import:{pk}"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = visible_questionnaire(request, pk)
    require(request, "consultations.enter_responses", questionnaire)
    if questionnaire.state == QuestionnaireState.DRAFT:
        messages.error(request, "Publish the questionnaire before importing responses to it.")
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None, initial={"channel": "paper"})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.MAX_BYTES:
                raise imports.ImportFileError(
                    f"The file is larger than {imports.MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
                )
            table = imports.read_table(
                upload.read(), name=upload.name, encoding=form.cleaned_data["encoding"]
            )
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[_session_key(questionnaire.pk)] = {
                "table": table.as_dict(),
                "channel": form.cleaned_data["channel"],
            }
            return redirect("consultations:import_map", pk=questionnaire.pk)
    return render(
        request,
        "consultations/staff/import_upload.html",
        {"form": form, "questionnaire": questionnaire, "activity": questionnaire.activity},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_map(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = visible_questionnaire(request, pk)
    require(request, "consultations.enter_responses", questionnaire)
    stored = request.session.get(_session_key(questionnaire.pk))
    if not stored:
        messages.error(request, "Upload the file first.")
        return redirect("consultations:import_upload", pk=questionnaire.pk)
    table = imports.Table.from_dict(stored["table"])
    questions = questions_of(questionnaire)
    form = ImportMappingForm(
        request.POST or None,
        headers=table.headers,
        samples=table.rows[:PREVIEW_ROWS],
        options=imports.targets(questionnaire, questions),
        initial={
            f"col_{i}": key
            for i, key in enumerate(imports.suggest_mapping(questionnaire, questions, table.headers))
        },
    )
    rejected = None
    if request.method == "POST" and form.is_valid():
        try:
            summary = imports.responses_import(
                user=request.user,
                questionnaire=questionnaire,
                table=table,
                mapping=form.mapping(),
                channel=stored["channel"],
            )
        except imports.ImportRejected as error:
            rejected = error
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            del request.session[_session_key(questionnaire.pk)]
            messages.success(request, summary.message)
            return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    return render(
        request,
        "consultations/staff/import_map.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "activity": questionnaire.activity,
            "table": table,
            "preview": list(zip(table.lines, table.rows, strict=True))[:PREVIEW_ROWS],
            "rejected": rejected,
            "channel": Channel(stored["channel"]).label,
        },
        status=400 if form.is_bound else 200,
    )
