"""Your API tokens: the staff pages over organisations/tokens.py. A new key is shown on the page
that answers the form, once, and that page is never cached."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.permissions import require
from core.shortcuts import get_or_404

from .http import StaffRequest
from .models import ApiToken
from .tokens import api_token_create, api_token_revoke, api_token_rotate, tokens_of
from .tokens_forms import TokenForm


def _own(request: StaffRequest, pk: int) -> ApiToken:
    return get_or_404(ApiToken.objects.visible_to(request.user).filter(user_id=request.user.pk), pk)


def _show_key(request: StaffRequest, token: ApiToken, key: str, *, rotated: bool) -> HttpResponse:
    response = render(
        request, "organisations/tokens/made.html", {"token": token, "key": key, "rotated": rotated}
    )
    add_never_cache_headers(response)
    return response


@login_required
def token_list(request: StaffRequest) -> HttpResponse:
    require(request.user, "organisations.add_apitoken")
    return render(request, "organisations/tokens/list.html", {"tokens": tokens_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request: StaffRequest) -> HttpResponse:
    require(request.user, "organisations.add_apitoken")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = api_token_create(
                user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _show_key(request, token, key, rotated=False)
    status = 400 if request.method == "POST" else 200
    return render(request, "organisations/tokens/form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def token_rotate(request: StaffRequest, pk: int) -> HttpResponse:
    token = _own(request, pk)
    require(request.user, "organisations.rotate_apitoken", token)
    problem = ""
    if request.method == "POST":
        try:
            new, key = api_token_rotate(user=request.user, token=token)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            return _show_key(request, new, key, rotated=True)
    return render(
        request,
        "organisations/tokens/confirm.html",
        {"token": token, "action": "rotate", "problem": problem},
        status=400 if problem else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: StaffRequest, pk: int) -> HttpResponse:
    token = _own(request, pk)
    require(request.user, "organisations.revoke_apitoken", token)
    problem = ""
    if request.method == "POST":
        try:
            api_token_revoke(user=request.user, token=token)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                gettext("The token “%(name)s” has been revoked. It no longer works.") % {"name": token.name},
            )
            return redirect("tokens:list")
    return render(
        request,
        "organisations/tokens/confirm.html",
        {"token": token, "action": "revoke", "problem": problem},
        status=400 if problem else 200,
    )
