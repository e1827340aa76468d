"""The retention review's and subject requests' part of the URL walks (heard/tests/walks.py).

Scoping: each walked activity's organisation gets an erasure request and a failed retention
decision; admins of another organisation reach neither. Redaction: the matrix's planted answer
is found by a request of its organisation, whose page shows it as written to that
organisation's admins — it is the person's own, for them to see — and to nobody else; the
review queue, the lists and the request's summary show no residents' words."""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from consultations.models import Response
from governance.retention_models import DecisionState, RetentionDecision
from governance.subject_models import RequestKind, RequestState, SubjectRequest

Record = dict[str, Any]
PERSON = "matrix.person@example.org"


def _request(r: Record) -> dict[str, Any]:
    return {"pk": r["subject_request"].pk}


def _api_request(r: Record) -> dict[str, Any]:
    return {"request_id": r["subject_request"].pk}


def _decision(r: Record) -> dict[str, Any]:
    return {"pk": r["retention_decision"].pk}


def _api_decision(r: Record) -> dict[str, Any]:
    return {"decision_id": r["retention_decision"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{f"subjects:{name}": _request for name in ("detail", "search", "copy", "erase", "close")},
    "retention:retry": _decision,
    **{
        f"api:{name}": _api_request
        for name in (
            "get_subject_request",
            "search_subject_request",
            "copy_subject_request",
            "erase_subject_request",
            "close_subject_request",
        )
    },
    "api:retry_retention_decision": _api_decision,
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "retention:queue": {},
    "retention:decide": {},
    "subjects:list": {},
    "subjects:open": {},
    "api:get_retention_queue": {},
    "api:decide_retention": {},
    "api:list_retention_decisions": {},
    "api:list_subject_requests": {},
    "api:open_subject_request": {},
}


def _open_request(organisation_id: int, state: str = RequestState.RECEIVED) -> SubjectRequest:
    today = timezone.localdate()
    return SubjectRequest.objects.create(
        kind=RequestKind.ERASURE,
        identifier_kind="email",
        identifier=PERSON,
        identifier_hint=PERSON,
        organisation_id=organisation_id,
        received_on=today,
        due_on=today,
        state=state,
    )


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    record["subject_request"] = _open_request(police.pk)
    record["retention_decision"] = RetentionDecision.objects.create(
        record_type="analysis_runs",
        object_id=record["analysis_run"].pk,
        organisation_id=police.pk,
        action="delete",
        state=DecisionState.FAILED,
        error="Other records still use it.",
    )


def _found(s: Record) -> dict[str, Any]:
    return {"pk": s["subject_request"].pk}


def add_matrix_records(scene: Record) -> None:
    planted = Response.objects.filter(answers__text__contains="Dave Smith").get()
    Response.objects.filter(pk=planted.pk).update(email=PERSON, wants_updates=True)
    scene["subject_request"] = _open_request(scene["police"].pk, RequestState.SEARCHED)


SHOWS_TEXT: dict[str, tuple[Callable[[Record], dict[str, Any]], str]] = {"subjects:detail": (_found, "")}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{name: (lambda s: {}) for name in ("retention:queue", "subjects:list", "subjects:open")},
    **{
        name: (lambda s: {})
        for name in ("api:get_retention_queue", "api:list_retention_decisions", "api:list_subject_requests")
    },
    "api:get_subject_request": lambda s: {"request_id": s["subject_request"].pk},
    "subjects:erase": _found,
}
TEXT_WRITES: dict[str, tuple[str, Callable[[Record], dict[str, Any]], Callable[[Record], dict[str, Any]]]] = {
    "api:search_subject_request": ("post", lambda s: {"request_id": s["subject_request"].pk}, lambda s: {}),
}
NO_TEXT: dict[str, str] = {
    "retention:decide": "a form post that answers with a redirect",
    "retention:retry": "a form post that answers with a redirect",
    "subjects:search": "a form post that answers with a redirect",
    "subjects:copy": "the person's own copy, a zip for the organisation's admins (test_subject_requests)",
    "subjects:close": "a form post that answers with a redirect",
    "api:decide_retention": "returns the decisions: record ids only",
    "api:retry_retention_decision": "returns the decision: a record id only",
    "api:open_subject_request": "returns the request the caller opened",
    "api:copy_subject_request": "the person's own copy, a zip for the organisation's admins (test_subject_requests)",
    "api:erase_subject_request": "returns the request: counts only",
    "api:close_subject_request": "returns the request: counts only",
}

# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{
        f"/api/subject-requests/{{request_id}}/{step}": (lambda r: {"request_id": r["subject_request"].pk})
        for step in ("search", "copy", "erase", "close")
    },
    "/api/retention/decisions/{decision_id}/retry": lambda r: {"decision_id": r["retention_decision"].pk},
}
