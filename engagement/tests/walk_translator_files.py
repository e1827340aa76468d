"""The translator files' part of the URL walks (heard/tests/walks.py): an activity's
"Send for translation" page, its download and the API's export and import. They carry the
activity's public texts (staff's words), never residents'; only those who may change the
activity reach them."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["activity"].pk}


def _api(r: Record) -> dict[str, Any]:
    return {"activity_id": r["activity"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "engagement:activity_translator_files": _page,
    "engagement:activity_translator_file": _page,
    "api:export_activity_translation": _api,
    "api:import_activity_translation": _api,
}

# The redaction matrix: asked for by everyone, they never show a resident's words.
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "engagement:activity_translator_files": _page,
    "engagement:activity_translator_file": _page,
    "api:export_activity_translation": _api,
}
NO_TEXT: dict[str, str] = {
    "api:import_activity_translation": "answers with counts, or problems naming the activity's own texts",
}
