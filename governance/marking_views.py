"""The shared page that raises a record's protective marking: a thin adapter over
`marking_services.marking_raise`, for every kind of record registered in governance/marking.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .marking import can_raise, kind_for
from .marking_services import marked_record, marking_raise


@login_required
@require_http_methods(["GET", "POST"])
def marking_raise_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = kind_for(kind)
    try:
        record = marked_record(user=request.user, key=kind, pk=pk)
    except ObjectDoesNotExist:
        raise Http404("No such record.") from None
    if entry is None:
        raise Http404("No such record.")
    if not can_raise(request.user, record):
        raise PermissionDenied("Only its own organisation can raise this record's marking.")
    if request.method == "POST":
        _, below = marking_raise(user=request.user, key=kind, pk=pk)
        extra = f" {below} records that come from it were raised with it." if below else ""
        messages.success(request, "Marked OFFICIAL-SENSITIVE." + extra)
        return redirect(entry.url(record))
    noun = str(entry.model._meta.verbose_name)
    return render(
        request,
        "governance/marking_raise.html",
        {"record": record, "noun": noun, "back": entry.url(record)},
    )
