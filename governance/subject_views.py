"""Staff pages of subject access and erasure requests: the list (overdue and due soon first),
opening one, its search results, the copy, erasing and closing. Thin adapters over
subject_selectors and subject_services, which the API (api/subject_requests.py) uses too."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from core.lifecycle import TransitionConflict

from . import subject_selectors as selectors
from . import subject_services as services
from .retention_forms import SubjectRequestForm
from .retention_rules import can_handle
from .subject_models import RequestKind, RequestState, SubjectRequest


def _allowed(request: HttpRequest) -> None:
    if not can_handle(request.user):
        raise PermissionDenied


def _get(request: HttpRequest, pk: Any) -> SubjectRequest:
    return selectors.subject_request_get(user=request.user, pk=pk)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    context = {
        "open": selectors.requests_open(user=request.user),
        "closed": selectors.requests_closed(user=request.user)[:50],
        "today": timezone.localdate(),
        "soon": selectors.due_soon_before(),
    }
    return render(request, "governance/subject_list.html", context)


@login_required
def request_open(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    form = SubjectRequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            made = services.subject_request_open(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request,
                gettext("Request %(number)s opened: the reply is due by %(due)s.")
                % {"number": made.pk, "due": date_format(made.due_on, "j F Y")},
            )
            return redirect("subjects:detail", pk=made.pk)
    return render(request, "governance/subject_open.html", {"form": form}, status=400 if form.errors else 200)


def _detail(
    request: HttpRequest, subject: SubjectRequest, error: str = "", status: int = 200
) -> HttpResponse:
    searched = subject.state != RequestState.RECEIVED and bool(subject.identifier)
    results = selectors.subject_results(request=subject) if searched else None
    context = {
        "subject": subject,
        "results": results,
        "error": error,
        "today": timezone.localdate(),
        "is_erasure": subject.kind == RequestKind.ERASURE,
        "can_erase": subject.kind == RequestKind.ERASURE
        and subject.state in (RequestState.SEARCHED, RequestState.EXPORTED),
        "is_closed": subject.state == RequestState.CLOSED,
    }
    return render(request, "governance/subject_detail.html", context, status=status)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(request, pk))


def _refused(request: HttpRequest, subject: SubjectRequest, error: Exception) -> HttpResponse:
    if isinstance(error, TransitionConflict):
        return _detail(request, subject, error.message, status=409)
    return _detail(request, subject, " ".join(getattr(error, "messages", [str(error)])), status=400)


@login_required
@require_POST
def request_search(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _get(request, pk)
    try:
        services.subject_request_search(user=request.user, request=subject)
    except (ValidationError, TransitionConflict) as error:
        return _refused(request, subject, error)
    return redirect("subjects:detail", pk=subject.pk)


@login_required
@require_POST
def request_copy(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _get(request, pk)
    try:
        data = services.subject_request_bundle(user=request.user, request=subject)
    except (ValidationError, TransitionConflict) as error:
        return _refused(request, subject, error)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-request-{subject.pk}.zip"'
    return response


@login_required
def request_erase(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _get(request, pk)
    if request.method != "POST":
        if subject.kind != RequestKind.ERASURE or subject.state not in (
            RequestState.SEARCHED,
            RequestState.EXPORTED,
        ):
            return _detail(request, subject, "Only a searched erasure request can be erased.", status=400)
        results = selectors.subject_results(request=subject, with_rows=False)
        return render(request, "governance/subject_erase.html", {"subject": subject, "results": results})
    try:
        erased = services.subject_request_erase(user=request.user, request=subject)
    except (ValidationError, TransitionConflict) as error:
        return _refused(request, subject, error)
    messages.success(
        request,
        ngettext(
            "Erased %(count)s record. Close the request once you have told them.",
            "Erased %(count)s records. Close the request once you have told them.",
            sum(erased.values()),
        )
        % {"count": sum(erased.values())},
    )
    return redirect("subjects:detail", pk=subject.pk)


@login_required
@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _get(request, pk)
    try:
        services.subject_request_close(user=request.user, request=subject)
    except (ValidationError, TransitionConflict) as error:
        return _refused(request, subject, error)
    messages.success(request, gettext("Request %(number)s closed.") % {"number": subject.pk})
    return redirect("subjects:list")
