"""The Translations part of the URL walks (heard/tests/walks.py): an activity's "Translations"
pages and the API's read and save. They carry the activity's public words (staff's), never
residents'; only those who may change the activity reach them."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["activity"].pk}


def _language(r: Record) -> dict[str, Any]:
    return {"pk": r["activity"].pk, "language": "cy"}


def _api(r: Record) -> dict[str, Any]:
    return {"activity_id": r["activity"].pk}


def _api_language(r: Record) -> dict[str, Any]:
    return {"activity_id": r["activity"].pk, "language": "cy"}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "engagement:activity_translations": _page,
    "engagement:activity_translate": _language,
    "api:activity_translations": _api,
    "api:activity_translate": _api_language,
}

# The redaction matrix: asked for by everyone, they never show a resident's words.
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "engagement:activity_translations": _page,
    "engagement:activity_translate": _language,
    "api:activity_translations": _api,
}
NO_TEXT: dict[str, str] = {
    "api:activity_translate": "answers with the activity's own words and their translations",
}

# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/activities/{activity_id}/translations/{language}": lambda r: {"language": "cy"},
}
