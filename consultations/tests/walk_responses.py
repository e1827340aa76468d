"""One response's page and API operation in the URL walks (heard/tests/walks.py).

Scoping: a response to each walked questionnaire, which a user of another organisation reaches
neither as a page nor through the API (404). Redaction: the response holding the matrix's
planted answer, which its own organisation reads as written and everyone else who may read
the written answers reads redacted."""

import uuid
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from consultations.models import Answer, Response

Record = dict[str, Any]
Scene = dict[str, Any]


def _page(key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {"pk": r[key].pk}


def _api(key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {"response_id": r[key].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "consultations:response_detail": _page("response"),
    "api:get_response": _api("response"),
}


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    """A response to the walked questionnaire, answering its question with the walk's secret."""
    questionnaire = record["questionnaire"]
    response = Response.objects.create(
        questionnaire=questionnaire,
        receipt_hash=uuid.uuid4().hex,
        privacy_statement=questionnaire.privacy_statement,
        consented_at=timezone.now(),
    )
    Answer.objects.create(response=response, question=record["question"], text="ANSWER-SECRET")
    record["response"] = response


# The redaction matrix

SHOWS_TEXT: dict[str, tuple[Callable[[Scene], dict[str, Any]], str]] = {
    "consultations:response_detail": (_page("matrix_response"), ""),
    "api:get_response": (_api("matrix_response"), ""),
}


def add_matrix_records(scene: Scene) -> None:
    """The response whose written answer is the planted one."""
    from heard.tests.test_redaction_matrix import ANSWER

    answer = Answer.objects.select_related("response").get(question=scene["question"], text=ANSWER)
    scene["matrix_response"] = answer.response
