"""Staff pages of data-sharing agreements: thin adapters over organisations/agreements.py
(writes) and agreements_selectors.py (reads), the same ones the API uses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import require
from core.shortcuts import parse_id

from . import agreements as services
from . import agreements_selectors as selectors
from .agreements_forms import AgreementForm, EndForm, SignatoryForm
from .http import StaffRequest


@login_required
def agreement_list(request: StaffRequest) -> HttpResponse:
    state = request.GET.get("state", "current")
    state = state if state in selectors.STATES else "current"
    rows = selectors.agreement_rows(user=request.user, state=state)
    return render(
        request,
        "organisations/agreements/list.html",
        {
            "rows": rows,
            "state": state,
            "states": selectors.STATES.items(),
            "can_add": request.user.has_perm("organisations.add_agreement"),
        },
    )


@login_required
def agreement_detail(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    detail = selectors.agreement_detail(user=request.user, agreement=agreement)
    return render(request, "organisations/agreements/detail.html", {"agreement": agreement, "detail": detail})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "organisations.add_agreement")
    initial = {"owner": request.user.organisation_id, "starts": timezone.localdate()}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(user=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, gettext("Agreement recorded."))
            return redirect("agreements:detail", pk=agreement.pk)
    return render(
        request, "organisations/agreements/form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    require(request.user, "organisations.change_agreement", agreement)
    form = AgreementForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(user=request.user, agreement=agreement, **form.service_kwargs())
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("agreements:detail", pk=agreement.pk)
    return render(
        request,
        "organisations/agreements/form.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_end(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    require(request.user, "organisations.change_agreement", agreement)
    form = EndForm(request.POST or None, initial={"ends": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_end(user=request.user, agreement=agreement, on=form.cleaned_data["ends"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, gettext("Agreement ended."))
            return redirect("agreements:detail", pk=agreement.pk)
    return render(
        request,
        "organisations/agreements/end.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signatory_add(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    require(request.user, "organisations.change_agreement", agreement)
    form = SignatoryForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_signatory_add(
                user=request.user, agreement=agreement, signatory=form.signatory()
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, gettext("Signatory added."))
            return redirect("agreements:detail", pk=agreement.pk)
    return render(
        request,
        "organisations/agreements/signatory_form.html",
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def signatory_remove(request: StaffRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    require(request.user, "organisations.change_agreement", agreement)
    try:
        services.agreement_signatory_remove(
            user=request.user, agreement=agreement, signatory_id=parse_id(request.POST.get("signatory")) or 0
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Signatory removed."))
    return redirect("agreements:detail", pk=agreement.pk)
