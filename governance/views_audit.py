"""The audit log's staff pages: the filtered trail, its export and one record's history. Thin
adapters over governance/selectors_audit.py, which the API (api/audit_log.py) uses too."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors_audit as selectors
from .export_jobs import export_send
from .export_kinds import export_parameters
from .hooks_exports import AUDIT_LOG


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: str(v) for k, v in request.GET.items() if k != "page"}


@login_required
@require_safe
def audit_list(request: HttpRequest) -> HttpResponse:
    data = _filters(request)
    shown = selectors.audit_page(user=request.user, data=data, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/audit_list.html",
        {"form": shown.form, "page_obj": shown.page, "rows": shown.rows, "query": query.urlencode()},
        status=400 if shown.form.errors else 200,
    )


@login_required
@require_safe
def audit_export(request: HttpRequest, file_format: str) -> HttpResponse | StreamingHttpResponse:
    try:
        return export_send(
            user=request.user,
            kind=AUDIT_LOG,
            parameters=export_parameters(file_format=file_format, query=request.GET.urlencode()),
        )
    except ValidationError as error:
        return HttpResponse(
            "The filters are not valid: " + " ".join(error.messages), status=400, content_type="text/plain"
        )


@login_required
@require_safe
def audit_record(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    history = selectors.record_history(
        user=request.user, object_type=object_type, object_id=object_id, page=request.GET.get("page")
    )
    return render(request, "governance/audit_record.html", {"history": history, "page_obj": history.page})
