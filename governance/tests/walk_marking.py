"""The protective-marking page's part of the URL walks (heard/tests/walks.py): raising a
record's marking is for its own organisation; everybody else gets a 404, and the page shows no
residents' words (only what kind of record it is)."""

from collections.abc import Callable
from typing import Any

Record = dict[str, Any]


def _questionnaire(r: Record) -> dict[str, Any]:
    return {"kind": "consultations.questionnaire", "pk": r["questionnaire"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {"marking:raise": _questionnaire}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {"marking:raise": _questionnaire}
