"""The staff page "Send for translation or upload a translation" of any item with translatable
texts: its forms, the download and the upload. governance/translatable_views.py finds the item
and passes its services in (core cannot import governance's); the page works without
JavaScript (the download is a GET form, the upload a POST form)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info

from . import translation_files as files
from .content_languages import CONTENT_LANGUAGES, english, translation_of
from .translation_exchange import ImportOutcome, Problem, Text, TranslationFile, TranslationRejected

TEMPLATE = "translations/translator_files.html"
TOO_BIG = (
    f"The file is larger than {files.MAX_BYTES // (1024 * 1024)} MB: it cannot be a translation Heard made."
)
Upload = Callable[[str, bytes, str, bool], ImportOutcome]


def language_label(code: str) -> str:
    """ "Welsh (Cymraeg)": staff pages are in English, the language's own name helps."""
    info = get_language_info(code)
    return f"{info['name']} ({info['name_local']})"


LANGUAGE_CHOICES = [(code, language_label(code)) for code in CONTENT_LANGUAGES]


class DownloadForm(forms.Form):
    """Ids of its own: the page's upload form asks for a language too."""

    language = forms.ChoiceField(
        label="Language to translate into",
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the language to translate into"},
    )
    format = forms.ChoiceField(
        label="File format",
        choices=list(files.FORMATS.items()),
        initial="xliff",
        widget=forms.RadioSelect,
        help_text="XLIFF for translation tools such as Trados, memoQ or Phrase; PO for Poedit and Weblate.",
        error_messages={"required": "Choose a file format"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_download_%s")
        super().__init__(*args, **kwargs)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Translated file",
        help_text=f"The .xlf or .po file Heard made, with the translations filled in: at most "
        f"{files.MAX_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Choose the translated file", "empty": "The file is empty"},
    )
    language = forms.ChoiceField(
        label="Language of the translation",
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the language the file is in"},
    )
    allow_missing = forms.BooleanField(
        label="Import what is there: keep texts the file leaves untranslated as they are",
        required=False,
        help_text="Otherwise a file with any text not translated is refused, so nothing is half done.",
    )


class UploadLimit(FileUploadHandler):
    """Stops receiving a file as soon as it passes the limit, rather than storing all of it."""

    too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > files.MAX_BYTES:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def progress(texts: list[Text]) -> list[dict[str, Any]]:
    """How much of the item reads in each language."""
    shown = [t for t in texts if english(t.obj, t.field).strip()]
    return [
        {
            "label": label,
            "done": sum(1 for t in shown if translation_of(t.obj, t.field, code)),
            "total": len(shown),
        }
        for code, label in LANGUAGE_CHOICES
    ]


def download(request: HttpRequest, make: Callable[[str, str], TranslationFile]) -> HttpResponse | None:
    """The file, or None when the choices are not valid (the caller shows the page, with errors)."""
    form = DownloadForm(request.GET)
    if not form.is_valid():
        return None
    made = make(form.cleaned_data["language"], form.cleaned_data["format"])
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    return response


def upload(request: HttpRequest, take: Upload, done: str) -> tuple[UploadForm, list[Problem]] | HttpResponse:
    """Receives the file with the size limit in place, then checks CSRF (the caller is csrf_exempt
    only so that the limit comes first). A redirect to `done` when saved."""
    limit = UploadLimit(request)
    request.upload_handlers.insert(0, limit)
    try:
        request.FILES  # noqa: B018 - read the body now, with the limit in place
    except MultiPartParserError:
        return _refused("The upload could not be read: rename the file with a shorter name and try again.")
    refused = CsrfViewMiddleware(_nothing).process_view(request, _nothing, (), {})
    if refused is not None:
        return refused
    if limit.too_big:
        return _refused(TOO_BIG)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, []
    given = form.cleaned_data["file"]
    if given.size > files.MAX_BYTES:
        return _refused(TOO_BIG)
    try:
        outcome = take(
            form.cleaned_data["language"], given.read(), given.name or "", form.cleaned_data["allow_missing"]
        )
    except TranslationRejected as rejected:
        return form, rejected.problems
    except ValidationError as error:
        form.add_error(None, error)
        return form, []
    messages.success(request, outcome.message)
    return redirect(done)


def _nothing(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def _refused(message: str) -> tuple[UploadForm, list[Problem]]:
    form = UploadForm({})
    form.is_valid()
    form.errors.clear()
    form.add_error("file", message)
    return form, []


def page(request: HttpRequest, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    context.setdefault("download_form", DownloadForm())
    context.setdefault("form", UploadForm())
    context.setdefault("problems", [])
    return render(request, TEMPLATE, context, status=status)
