"""The published priorities' translations in the URL walks (heard/tests/walks.py): a
neighbourhood's Translations pages, its translator files and the API's read, save, export and
import. An area is open data and each shows only the caller's own organisation's published
priorities (staff's words, never residents'), to those who may publish them there: lists, in
the walks' terms."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]
Scene = dict[str, Any]
AREA = "E05000819"


def _area(_s: Scene) -> dict[str, Any]:
    return {"code": AREA}


def _api(_s: Scene) -> dict[str, Any]:
    return {"area_code": AREA}


COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "insight:priorities_translations": {"code": AREA},
    "insight:priorities_translate": {"code": AREA, "language": "cy"},
    "insight:priorities_translator_files": {"code": AREA},
    "insight:priorities_translator_file": {"code": AREA},
    "api:priorities_translations": {"area_code": AREA},
    "api:priorities_translate": {"area_code": AREA, "language": "cy"},
    "api:export_priorities_translation": {"area_code": AREA},
    "api:import_priorities_translation": {"area_code": AREA},
}

# The redaction matrix: asked for by everyone, they never show a resident's words.
OTHER_GETS: dict[str, Callable[[Scene], dict[str, Any]]] = {
    "insight:priorities_translations": _area,
    "insight:priorities_translate": lambda s: {"code": AREA, "language": "cy"},
    "insight:priorities_translator_files": _area,
    "insight:priorities_translator_file": _area,
    "api:priorities_translations": _api,
    "api:export_priorities_translation": _api,
}
NO_TEXT: dict[str, str] = {
    "api:priorities_translate": "answers with the organisation's own priorities and their translations",
    "api:import_priorities_translation": "answers with counts, or problems naming the priorities' own texts",
}

# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/priorities/{area_code}/translations/{language}": lambda r: {"area_code": AREA, "language": "cy"},
}
