"""The translator files' part of the URL walks (heard/tests/walks.py): a questionnaire's
"Send for translation" page, its download and the API's export and import. They carry the
questionnaire's own words (staff's), never residents' answers; only those who may change the
questionnaire reach them."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]


def _page(r: Record) -> dict[str, Any]:
    return {"pk": r["questionnaire"].pk}


def _api(r: Record) -> dict[str, Any]:
    return {"questionnaire_id": r["questionnaire"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "consultations:questionnaire_translator_files": _page,
    "consultations:questionnaire_translator_file": _page,
    "api:export_questionnaire_translation": _api,
    "api:import_questionnaire_translation": _api,
}

# The redaction matrix: asked for by everyone, they never show a resident's words.
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "consultations:questionnaire_translator_files": _page,
    "consultations:questionnaire_translator_file": _page,
    "api:export_questionnaire_translation": _api,
}
NO_TEXT: dict[str, str] = {
    "api:import_questionnaire_translation": "answers with counts, or problems naming the questionnaire's own texts",
}
