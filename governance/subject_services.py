"""Subject access and erasure requests: opening one, searching, the copy, erasing, closing.

Every step is the handler's organisation's records only,
is recorded in the audit log by counts — never what was found — and moves the request through
its lifecycle under a row lock (retention_rules.SUBJECT_REQUEST). Erasing is all or nothing:
every record type's own removal (for responses, the withdrawal) runs in one transaction."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from . import records
from .models import AuditAction
from .retention_rules import SUBJECT_REQUEST, can_handle
from .retention_settings import add_months
from .services import audit_record
from .subject_bundle import bundle_bytes
from .subject_models import IdentifierKind, RequestKind, RequestState, SubjectRequest
from .subject_selectors import Results, subject_results

RECEIPT_LENGTH = 12


def _require(user: Any, request: SubjectRequest | None = None) -> None:
    if not can_handle(user, request):
        raise PermissionDenied


def _identifier(kind: str, given: str) -> tuple[str, str]:
    """(what is stored, what staff see)."""
    given = given.strip()
    if kind == IdentifierKind.EMAIL:
        try:
            validate_email(given)
        except ValidationError:
            raise ValidationError({"identifier": "Enter an e-mail address like name@example.com."}) from None
        person = records.person_for(kind, given)
        return person.value, person.value
    if kind == IdentifierKind.RECEIPT:
        letters = "".join(ch for ch in given.upper() if ch.isalnum())
        if len(letters) != RECEIPT_LENGTH or not letters.isascii():
            raise ValidationError(
                {"identifier": "Enter the receipt code as it was given, like K633-FX4E-FU3S."}
            )
        return records.person_for(kind, letters).value, f"the receipt code ending {letters[-4:]}"
    raise ValidationError({"identifier_kind": "Choose an e-mail address or a receipt code."})


def subject_request_open(
    *,
    user: Any,
    kind: str,
    identifier_kind: str,
    identifier: str,
    received_on: date | None = None,
    note: str = "",
) -> SubjectRequest:
    _require(user)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": "Choose access or erasure."})
    stored, hint = _identifier(identifier_kind, identifier)
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "The date it was received cannot be in the future."})
    request = SubjectRequest(
        kind=kind,
        identifier_kind=identifier_kind,
        identifier=stored,
        identifier_hint=hint,
        organisation_id=user.organisation_id,
        received_on=received_on,
        due_on=add_months(received_on, 1),
        note=note.strip(),
        opened_by=user,
        handled_by=user,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=request,
            object_repr=f"{request.get_kind_display().split(':')[0]} request {request.pk}",
            changes={"due_on": request.due_on.isoformat()},
        )
    return request


def _stamp(user: Any, **fields: Any) -> Any:
    def update(locked: SubjectRequest) -> list[str]:
        locked.handled_by = user
        for name, value in fields.items():
            setattr(locked, name, value)
        return ["handled_by", *fields]

    return update


def subject_request_search(*, user: Any, request: SubjectRequest) -> Results:
    """Search again, keep the counts, and move a new request on to "searched"."""
    _require(user, request)
    if request.state == RequestState.CLOSED:
        raise ValidationError(gettext("This request is closed."))
    results = subject_results(request=request)
    counts = results.counts()
    with transaction.atomic():
        if request.state == RequestState.RECEIVED:
            SUBJECT_REQUEST.advance(
                request,
                RequestState.SEARCHED,
                user=user,
                update=_stamp(user, found=counts, searched_at=timezone.now()),
            )
        else:
            SubjectRequest.objects.filter(pk=request.pk).update(found=counts, searched_at=timezone.now())
            request.found = counts
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            obj=request,
            object_repr=f"Request {request.pk}: searched",
            changes={"found": sum(counts.values())},
        )
    return results


def subject_request_bundle(*, user: Any, request: SubjectRequest) -> bytes:
    """The copy, as a zip; the first one moves the request on to "copy sent"."""
    _require(user, request)
    if request.state in (RequestState.RECEIVED, RequestState.CLOSED):
        raise ValidationError(
            "Search for the person's records first." if request.identifier else "This request is closed."
        )
    results = subject_results(request=request)
    data = bundle_bytes(request=request, results=results)
    with transaction.atomic():
        if request.state == RequestState.SEARCHED:
            SUBJECT_REQUEST.advance(
                request, RequestState.EXPORTED, user=user, update=_stamp(user, exported_at=timezone.now())
            )
        audit_record(
            actor=user,
            action=AuditAction.EXPORT,
            obj=request,
            object_repr=f"Request {request.pk}: copy made",
            changes=results.counts(),
        )
    return data


def subject_request_erase(*, user: Any, request: SubjectRequest) -> dict[str, int]:
    """Erase every erasable record about the person, all or nothing. Returns the counts."""
    _require(user, request)
    SUBJECT_REQUEST.check(request, RequestState.ERASED, user)
    erased: dict[str, int] = {}
    with transaction.atomic():
        results = subject_results(request=request, with_rows=False)
        for found in results.found:
            kind = found.record_type
            if not kind.erasable or not found.ids:
                continue
            present = list(kind.records().filter(pk__in=found.ids).values_list("pk", flat=True))
            count = kind.delete(present) if present else 0
            erased[kind.key] = count
            if count:
                audit_record(
                    actor=user,
                    action=AuditAction.DELETE,
                    object_type="governance.subjectrequest",
                    object_id=str(request.pk),
                    object_repr=f"{count} {kind.noun if count == 1 else kind.label} erased on request",
                    changes={"record_type": kind.key, "count": count},
                )
        SUBJECT_REQUEST.advance(
            request,
            RequestState.ERASED,
            user=user,
            update=_stamp(user, erased=erased, erased_at=timezone.now()),
        )
    return erased


def subject_request_close(*, user: Any, request: SubjectRequest) -> SubjectRequest:
    """Close the request; the identifier the person gave is cleared."""
    _require(user, request)
    with transaction.atomic():
        SUBJECT_REQUEST.advance(
            request,
            RequestState.CLOSED,
            user=user,
            update=_stamp(user, identifier="", identifier_hint="", closed_at=timezone.now()),
        )
        audit_record(
            actor=user, action=AuditAction.TRANSITION, obj=request, changes={"state": ["open", "closed"]}
        )
    return request
