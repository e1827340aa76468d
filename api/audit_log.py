"""The audit log over HTTP: the filtered trail, its export and one record's history, for
organisation admins (their organisation's trail) and superusers. Thin adapters over
governance/selectors_audit.py, as the pages are. (api/audit.py is the partnership audit.)"""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Field, Query, Router, Schema

from governance import selectors_audit as selectors
from governance.selectors_audit import AuditRow

router = Router(tags=["audit log"])


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str = Field(..., alias="username", description="Username, or 'system'")
    actor_name: str = Field(..., alias="who")
    actor_organisation: str = Field(..., alias="organisation")
    action: str
    action_label: str
    object_type: str
    object_type_label: str = Field(..., alias="kind")
    object_id: str
    record: str = Field(
        ..., description="The record's name for its own organisation; otherwise its kind and number"
    )
    summary: str = Field(..., description="What happened, in words; never the values stored")


class AuditPageOut(Schema):
    items: list[AuditEntryOut]
    count: int


class AuditFilters(Schema):
    person: str | None = Field(None, description="Username or part of a name")
    object_type: str | None = Field(None, description="Such as engagement.activity")
    object_id: str | None = None
    action: str | None = Field(
        None, description="create, update, delete, transition, export, import, withdraw, view"
    )
    since: date | None = None
    until: date | None = None


def _data(filters: AuditFilters) -> dict[str, str]:
    return {k: str(v) for k, v in filters.dict(exclude_none=True).items()}


def _check(page: int) -> None:
    if page < 1:
        raise ValidationError({"page": "Pages are numbered from 1."})


def _page(rows: list[AuditRow], count: int) -> dict[str, Any]:
    return {"items": rows, "count": count}


@router.get(
    "/audit-log", response=AuditPageOut, summary="The audit log, filtered (admins: their organisation's)"
)
def list_audit_log(request: HttpRequest, filters: Query[AuditFilters], page: int = 1) -> Any:
    _check(page)
    shown = selectors.audit_page(
        user=request.user, data=_data(filters), page=page, per_page=settings.NINJA_PAGINATION_PER_PAGE
    )
    if shown.form.errors:
        raise selectors.problems(shown.form)
    count = shown.page.paginator.count
    return _page(shown.rows if page <= shown.page.paginator.num_pages else [], count)


@router.get("/audit-log/export", response={200: None}, summary="Export the filtered audit log as CSV or XLSX")
def export_audit_log(
    request: HttpRequest, filters: Query[AuditFilters], format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    return selectors.audit_export(user=request.user, data=_data(filters), file_format=format)


@router.get(
    "/audit-log/records/{object_type}/{object_id}",
    response=AuditPageOut,
    summary="Everything the audit log holds about one record",
)
def get_record_history(request: HttpRequest, object_type: str, object_id: str, page: int = 1) -> Any:
    _check(page)
    history = selectors.record_history(
        user=request.user,
        object_type=object_type,
        object_id=object_id,
        page=page,
        per_page=settings.NINJA_PAGINATION_PER_PAGE,
    )
    return _page(
        history.rows if page <= history.page.paginator.num_pages else [], history.page.paginator.count
    )
