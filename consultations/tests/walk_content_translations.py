"""The Translations part of the URL walks (heard/tests/walks.py): a questionnaire's
"Translations" pages and the API's read and save. They carry the questionnaire's own words
(staff's), never residents' answers; only those who may change the questionnaire reach them."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["questionnaire"].pk}


def _language(r: Record) -> dict[str, Any]:
    return {"pk": r["questionnaire"].pk, "language": "cy"}


def _api(r: Record) -> dict[str, Any]:
    return {"questionnaire_id": r["questionnaire"].pk}


def _api_language(r: Record) -> dict[str, Any]:
    return {"questionnaire_id": r["questionnaire"].pk, "language": "cy"}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "consultations:questionnaire_translations": _page,
    "consultations:questionnaire_translate": _language,
    "api:questionnaire_translations": _api,
    "api:questionnaire_translate": _api_language,
}

# The redaction matrix: asked for by everyone, they never show a resident's words.
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "consultations:questionnaire_translations": _page,
    "consultations:questionnaire_translate": _language,
    "api:questionnaire_translations": _api,
}
NO_TEXT: dict[str, str] = {
    "api:questionnaire_translate": "answers with the questionnaire's own words and their translations",
}

# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/questionnaires/{questionnaire_id}/translations/{language}": lambda r: {"language": "cy"},
}
