"""Subject access and erasure requests over HTTP: open, search, download the copy, erase,
close. Thin adapters over governance's subject selectors and services, with the page's rules
(an organisation's admins, for its own records; superusers for all)."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from governance import subject_selectors as selectors
from governance import subject_services as services
from governance.retention_rules import can_handle
from governance.subject_models import SubjectRequest

router = Router(tags=["subject requests"])


class RequestIn(Schema):
    kind: str = Field(..., max_length=10, description="access or erasure")
    identifier_kind: str = Field(..., max_length=10, description="email or receipt")
    identifier: str = Field(..., max_length=254)
    received_on: date | None = None
    note: str = Field("", max_length=2000)


class RequestOut(Schema):
    id: int
    kind: str
    identifier: str = Field(..., alias="identifier_hint")
    received_on: date
    due_on: date
    overdue: bool = Field(..., alias="is_overdue")
    state: str
    found: dict[str, int]
    erased: dict[str, int]
    searched_at: datetime | None
    exported_at: datetime | None
    erased_at: datetime | None
    closed_at: datetime | None


class FoundOut(Schema):
    record_type: str
    label: str
    count: int
    in_copy: bool
    erasable: bool
    records: list[dict[str, Any]]


class ResultsOut(Schema):
    request: RequestOut
    found: list[FoundOut]
    audit_entries: list[dict[str, Any]]


class ConfirmIn(Schema):
    confirmed: bool = False


def _get(request: HttpRequest, pk: int) -> SubjectRequest:
    return selectors.subject_request_get(user=request.user, pk=pk)


def _results(subject: SubjectRequest, results: selectors.Results) -> dict[str, Any]:
    return {
        "request": subject,
        "found": [
            {
                "record_type": f.record_type.key,
                "label": str(f.record_type.label),
                "count": f.count,
                "in_copy": f.in_copy,
                "erasable": f.record_type.erasable,
                "records": f.rows,
            }
            for f in results.found
        ],
        "audit_entries": results.audit,
    }


@router.get("/subject-requests", response=list[RequestOut], summary="Open requests, the earliest due first")
def list_subject_requests(request: HttpRequest) -> Any:
    if not can_handle(request.user):
        raise PermissionDenied
    return list(selectors.requests_open(user=request.user))


@router.post(
    "/subject-requests", response={201: RequestOut}, summary="Open a subject access or erasure request"
)
def open_subject_request(request: HttpRequest, body: RequestIn) -> Any:
    return Reply(201, services.subject_request_open(user=request.user, **body.dict()))


@router.get("/subject-requests/{request_id}", response=RequestOut, summary="One request")
def get_subject_request(request: HttpRequest, request_id: int) -> Any:
    return _get(request, request_id)


@router.post(
    "/subject-requests/{request_id}/search", response=ResultsOut, summary="Find everything held about them"
)
def search_subject_request(request: HttpRequest, request_id: int) -> Any:
    subject = _get(request, request_id)
    results = services.subject_request_search(user=request.user, request=subject)
    return _results(subject, results)


@router.post(
    "/subject-requests/{request_id}/copy", response={200: None}, summary="The copy for them, as a zip"
)
def copy_subject_request(request: HttpRequest, request_id: int) -> HttpResponse:
    subject = _get(request, request_id)
    data = services.subject_request_bundle(user=request.user, request=subject)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-request-{subject.pk}.zip"'
    return response


@router.post("/subject-requests/{request_id}/erase", response=RequestOut, summary="Erase their records")
def erase_subject_request(request: HttpRequest, request_id: int, body: ConfirmIn) -> Any:
    """All or nothing. Send `"confirmed": true`; without it nothing happens (422)."""
    subject = _get(request, request_id)
    if not body.confirmed:
        raise ValidationError({"confirmed": 'Send "confirmed": true to erase: this cannot be undone.'})
    services.subject_request_erase(user=request.user, request=subject)
    subject.refresh_from_db()
    return subject


@router.post("/subject-requests/{request_id}/close", response=RequestOut, summary="Close the request")
def close_subject_request(request: HttpRequest, request_id: int) -> Any:
    subject = _get(request, request_id)
    return services.subject_request_close(user=request.user, request=subject)
