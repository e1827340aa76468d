"""The "You said, we did" translations' part of the URL walks (heard/tests/walks.py): a
feedback's Translations pages, its translator files and the API's read, save, export and import.
They carry the feedback's words with its findings', decisions' and actions' (which may quote
residents): only the feedback's own organisation's staff who may write it reach them, and they
read the words as written; everyone else is refused."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]
Scene = dict[str, Any]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["loop_feedback"].pk}


def _language(r: Record) -> dict[str, Any]:
    return {"pk": r["loop_feedback"].pk, "language": "cy"}


def _api(r: Record) -> dict[str, Any]:
    return {"feedback_id": r["loop_feedback"].pk}


def _api_language(r: Record) -> dict[str, Any]:
    return {"feedback_id": r["loop_feedback"].pk, "language": "cy"}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "outcomes:feedback_translations": _page,
    "outcomes:feedback_translate": _language,
    "outcomes:feedback_translator_files": _page,
    "outcomes:feedback_translator_file": _page,
    "api:feedback_translations": _api,
    "api:feedback_translate": _api_language,
    "api:export_feedback_translation": _api,
    "api:import_feedback_translation": _api,
}

# The redaction matrix: the pages and files with the English show the trail's words as
# written to the feedback's organisation only; the summaries show counts.
SHOWS_TEXT: dict[str, tuple[Callable[[Scene], dict[str, Any]], str]] = {
    "outcomes:feedback_translate": (_language, ""),
    "outcomes:feedback_translator_file": (_page, "?language=cy&format=xliff"),
    "api:feedback_translations": (_api, ""),
    "api:export_feedback_translation": (_api, "?language=cy&format=xliff"),
}
OTHER_GETS: dict[str, Callable[[Scene], dict[str, Any]]] = {
    "outcomes:feedback_translations": _page,
    "outcomes:feedback_translator_files": _page,
}
NO_TEXT: dict[str, str] = {
    "api:feedback_translate": "answers with the trail's words, for the feedback's own organisation's staff only",
    "api:import_feedback_translation": "answers with counts, or problems naming the feedback's own texts",
}

# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/outcomes/feedback/{feedback_id}/translations/{language}": _api_language,
}
