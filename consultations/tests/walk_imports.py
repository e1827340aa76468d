"""The response imports' part of the URL walks (heard/tests/walks.py).

An import's page and API answer may quote the file's cells (a row's problem names the value it
could not read), residents' words: the owning organisation's staff who may import read them as
written, everyone else is refused, and a superuser of no organisation reads them redacted."""

from collections.abc import Callable
from typing import Any

from consultations.models import ImportState, ResponseImport

Record = dict[str, Any]
Scene = dict[str, Any]


def _page(key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {"pk": r["questionnaire"].pk, "import_pk": r[key].pk}


def _api(key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {"questionnaire_id": r["questionnaire"].pk, "import_id": r[key].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "consultations:import_status": _page("response_import"),
    "api:get_response_import": _api("response_import"),
}


def _rejected(questionnaire: Any, cell: str) -> ResponseImport:
    return ResponseImport.objects.create(
        questionnaire=questionnaire,
        channel="paper",
        file_name="survey.csv",
        row_count=1,
        state=ImportState.REJECTED,
        row_errors=[{"line": 2, "problems": [f"question 1: “{cell}” is not one of its options (Yes, No)."]}],
    )


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    """A rejected import whose row problem quotes the walk's secret answer."""
    record["response_import"] = _rejected(record["questionnaire"], "ANSWER-SECRET")


# The redaction matrix

SHOWS_TEXT: dict[str, tuple[Callable[[Scene], dict[str, Any]], str]] = {
    "consultations:import_status": (_page("matrix_import"), ""),
    "api:get_response_import": (_api("matrix_import"), ""),
}


def add_matrix_records(scene: Scene) -> None:
    """A rejected import whose row problem quotes the planted answer."""
    from heard.tests.test_redaction_matrix import ANSWER

    scene["matrix_import"] = _rejected(scene["questionnaire"], ANSWER)
