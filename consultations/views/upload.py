"""Importing responses from a CSV or XLSX file: upload, map columns to questions, then a
background task checks every row and imports all or nothing (import_status.py shows how it
goes). Every refusal made here is a 400 with the form saying why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from core.permissions import require
from engagement.access import DEFAULT_LANGUAGE
from organisations.http import StaffRequest

from .. import imports, selectors
from ..forms import apply_service_error
from ..import_forms import ImportMappingForm, ImportUploadForm
from ..import_jobs import response_import_start
from ..models import Channel, Questionnaire, QuestionnaireState
from ._common import questions_of

PREVIEW_ROWS = 3
TOO_BIG = f"The file is larger than {imports.MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
UNREADABLE = (
    "The upload could not be read. A file name hundreds of characters long does this: rename the file "
    "to something shorter and upload it again."
)


def _session_key(pk: int) -> str:
    return f"consultations:import:{pk}"


class UploadLimit(FileUploadHandler):
    """Stops receiving a file as soon as it passes MAX_BYTES, rather than storing all of it
    before the page can say it is too big."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > imports.MAX_BYTES:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@csrf_exempt  # only so that the limit is in place before the body is read: _upload checks CSRF
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "consultations.enter_responses", questionnaire)
    if questionnaire.state == QuestionnaireState.DRAFT:
        messages.error(request, gettext("Publish the questionnaire before importing responses to it."))
        return redirect("consultations:questionnaire_detail", pk=questionnaire.pk)
    limit = UploadLimit(request)
    request.upload_handlers.insert(0, limit)
    try:
        request.FILES  # noqa: B018 - read the body now, with the limit in place
    except MultiPartParserError:
        return _upload_page(request, questionnaire, ImportUploadForm({}, refused=UNREADABLE))
    return _upload(request, questionnaire, limit)


@csrf_protect
def _upload(request: StaffRequest, questionnaire: Questionnaire, limit: UploadLimit) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"channel": "paper", "language": DEFAULT_LANGUAGE},
        refused=TOO_BIG if limit.too_big else "",
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.MAX_BYTES:
                raise imports.ImportFileError(TOO_BIG)
            table = imports.read_table(
                upload.read(), name=upload.name or "", encoding=form.cleaned_data["encoding"]
            )
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[_session_key(questionnaire.pk)] = {
                "table": table.as_dict(),
                "channel": form.cleaned_data["channel"],
                "language": form.cleaned_data.get("language") or DEFAULT_LANGUAGE,
            }
            return redirect("consultations:import_map", pk=questionnaire.pk)
    return _upload_page(request, questionnaire, form)


def _upload_page(request: StaffRequest, questionnaire: Questionnaire, form: ImportUploadForm) -> HttpResponse:
    return render(
        request,
        "consultations/staff/import_upload.html",
        {"form": form, "questionnaire": questionnaire, "activity": questionnaire.activity},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_map(request: StaffRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(user=request.user, pk=pk)
    require(request.user, "consultations.enter_responses", questionnaire)
    stored = request.session.get(_session_key(questionnaire.pk))
    if not stored:
        messages.error(request, gettext("Upload the file first."))
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
            job = response_import_start(
                user=request.user,
                questionnaire=questionnaire,
                table=table,
                mapping=form.mapping(),
                channel=stored["channel"],
                language=stored.get("language", DEFAULT_LANGUAGE),
            )
        except imports.ImportRejected as error:
            rejected = error
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            del request.session[_session_key(questionnaire.pk)]
            return redirect("consultations:import_status", pk=questionnaire.pk, import_pk=job.pk)
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
