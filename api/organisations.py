"""Reference data over HTTP: organisations and engagement methods."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from engagement.models import Method
from organisations.models import Organisation
from organisations.predicates import is_staff_member

router = Router(tags=["reference data"])


class OrganisationOut(Schema):
    slug: str
    name: str
    sector: str


class MethodOut(Schema):
    slug: str
    name: str
    purpose: str
    collects_information_only: bool


def _staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied


@router.get("/organisations", response=list[OrganisationOut])
def list_organisations(request: HttpRequest) -> Any:
    _staff(request)
    return Organisation.objects.filter(is_active=True)


@router.get("/methods", response=list[MethodOut])
def list_methods(request: HttpRequest) -> Any:
    _staff(request)
    return Method.objects.filter(is_active=True)
