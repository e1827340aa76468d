"""Colleagues' two-factor sign-in, for an organisation's admins: who has it set up, and a reset
(with a confirmation page) for someone who lost both their phone and their recovery codes.
Thin over organisations/two_factor_admin.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.shortcuts import get_or_404

from .http import StaffRequest
from .two_factor_admin import colleague_row, colleague_rows, colleagues_of, two_factor_reset

TEMPLATES = "organisations/colleagues"


@login_required
def colleague_list(request: StaffRequest) -> HttpResponse:
    rows = colleague_rows(request.user)
    return render(
        request,
        f"{TEMPLATES}/list.html",
        {"colleagues": rows, "every_organisation": request.user.is_superuser},
    )


@login_required
@require_http_methods(["GET", "POST"])
def colleague_reset(request: StaffRequest, pk: int) -> HttpResponse:
    colleague = get_or_404(colleagues_of(request.user), pk)
    problem = ""
    if request.method == "POST":
        try:
            two_factor_reset(actor=request.user, user=colleague)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                gettext(
                    "Two-factor sign-in is reset for %(name)s. They will set it up again when they next "
                    "sign in."
                )
                % {"name": colleague.display_name()},
            )
            return redirect("colleagues:list")
    return render(
        request,
        f"{TEMPLATES}/reset.html",
        {"colleague": colleague_row(request.user, colleague), "problem": problem},
        status=400 if problem else 200,
    )
