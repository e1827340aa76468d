"""Data-sharing agreements and protective marking over HTTP: thin adapters over
organisations/agreements.py (writes), agreements_selectors.py (reads) and
governance/marking_services.py (raising a record's marking), with the pages' rules."""

from datetime import date
from typing import Any, cast

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from governance.marking_services import marking_raise
from organisations import agreements as services
from organisations import agreements_selectors as selectors
from organisations.models import DataSharingAgreement, Organisation, SharingScope, User

router = Router(tags=["data-sharing agreements"])


class SignatoryOut(Schema):
    id: int
    name: str
    role: str
    organisation: str = Field(description="The organisation's slug")
    signed_on: date


class AgreementOut(Schema):
    id: int
    title: str
    owner: str = Field(description="Slug of the organisation sharing its records")
    recipient: str = Field(description="Slug of the organisation receiving them")
    scopes: list[str] = Field(description=f"Any of: {', '.join(SharingScope.values)}")
    starts: date
    ends: date | None
    notes: str
    is_active: bool
    signatories: list[SignatoryOut]


class AgreementIn(Schema):
    title: str = Field("", max_length=200)
    owner: str = Field("", max_length=200, description="Organisation slug")
    recipient: str = Field("", max_length=200, description="Organisation slug")
    scopes: list[str] = []
    starts: date | None = None
    ends: date | None = None
    notes: str = Field("", max_length=5000)


class AgreementPatch(Schema):
    title: str | None = Field(None, max_length=200)
    scopes: list[str] | None = None
    starts: date | None = None
    ends: date | None = None
    notes: str | None = Field(None, max_length=5000)


class EndIn(Schema):
    ends: date | None = Field(None, description="The last day of sharing (today when empty)")


class SignatoryIn(Schema):
    name: str = Field("", max_length=200)
    role: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200, description="Slug of the party they sign for")
    signed_on: date | None = None


class MarkingOut(Schema):
    kind: str
    id: int
    marking: str
    raised_with_it: int = Field(description="How many records that come from it were raised too")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _out(user: User, agreement: DataSharingAgreement) -> dict[str, Any]:
    detail = selectors.agreement_detail(
        user=user, agreement=selectors.agreement_get(user=user, pk=agreement.pk)
    )
    found = detail.row.agreement
    return {
        "id": found.pk,
        "title": found.title,
        "owner": found.owner.slug,
        "recipient": found.recipient.slug,
        "scopes": sorted(s.scope for s in found.scopes.all()),
        "starts": found.starts,
        "ends": found.ends,
        "notes": found.notes,
        "is_active": detail.row.is_active,
        "signatories": [
            {
                "id": s.pk,
                "name": s.name,
                "role": s.role,
                "organisation": s.organisation.slug,
                "signed_on": s.signed_on,
            }
            for s in detail.signatories
        ],
    }


def _organisation(slug: str, field: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug.strip(), is_active=True).first()
    if found is None:
        raise ValidationError({field: "No active organisation has that slug."})
    return found


@router.get("/agreements", response=list[AgreementOut], summary="Agreements your organisation is a party to")
def list_agreements(request: HttpRequest, state: str = "current") -> Any:
    user = _user(request)
    if state not in selectors.STATES:
        raise ValidationError(
            {"state": gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(selectors.STATES)}}
        )
    return [_out(user, row.agreement) for row in selectors.agreement_rows(user=user, state=state)]


@router.post("/agreements", response={201: AgreementOut}, summary="Record an agreement (admins of a party)")
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Any:
    user = _user(request)
    agreement = services.agreement_create(
        user=user,
        title=payload.title,
        owner=_organisation(payload.owner, "owner"),
        recipient=_organisation(payload.recipient, "recipient"),
        scopes=payload.scopes,
        starts=payload.starts,
        ends=payload.ends,
        notes=payload.notes,
    )
    return Reply(201, _out(user, agreement))


@router.get("/agreements/{int:agreement_id}", response=AgreementOut)
def get_agreement(request: HttpRequest, agreement_id: int) -> Any:
    user = _user(request)
    return _out(user, selectors.agreement_get(user=user, pk=agreement_id))


@router.patch("/agreements/{int:agreement_id}", response=AgreementOut, summary="Change an agreement")
def update_agreement(request: HttpRequest, agreement_id: int, payload: AgreementPatch) -> Any:
    user = _user(request)
    agreement = selectors.agreement_get(user=user, pk=agreement_id)
    fields = payload.dict(exclude_unset=True)
    scopes = fields.pop("scopes", None)
    services.agreement_update(user=user, agreement=agreement, scopes=scopes, **fields)
    return _out(user, agreement)


@router.post("/agreements/{int:agreement_id}/end", response=AgreementOut, summary="End an agreement")
def end_agreement(request: HttpRequest, agreement_id: int, payload: EndIn) -> Any:
    user = _user(request)
    agreement = selectors.agreement_get(user=user, pk=agreement_id)
    services.agreement_end(user=user, agreement=agreement, on=payload.ends)
    return _out(user, agreement)


@router.post(
    "/agreements/{int:agreement_id}/signatories", response={201: AgreementOut}, summary="Add a signatory"
)
def add_agreement_signatory(request: HttpRequest, agreement_id: int, payload: SignatoryIn) -> Any:
    user = _user(request)
    agreement = selectors.agreement_get(user=user, pk=agreement_id)
    if payload.signed_on is None:
        raise ValidationError({"signed_on": "Give the date they signed."})
    parties = Organisation.objects.filter(pk__in=[agreement.owner_id, agreement.recipient_id])
    organisation = parties.filter(slug=payload.organisation.strip()).first()
    if organisation is None:
        raise ValidationError({"organisation": "A signatory signs for one of the two organisations."})
    signatory = services.Signatory(
        name=payload.name, role=payload.role, organisation=organisation, signed_on=payload.signed_on
    )
    services.agreement_signatory_add(user=user, agreement=agreement, signatory=signatory)
    return Reply(201, _out(user, agreement))


@router.post(
    "/marking/{kind}/{int:record_id}/raise",
    response=MarkingOut,
    tags=["protective marking"],
    summary="Mark a record OFFICIAL-SENSITIVE, with what comes from it (its own organisation only)",
)
def raise_marking(request: HttpRequest, kind: str, record_id: int) -> Any:
    try:
        record, below = marking_raise(user=_user(request), key=kind, pk=record_id)
    except ObjectDoesNotExist:
        raise Http404("No such record.") from None
    return {"kind": kind, "id": record.pk, "marking": record.marking, "raised_with_it": below}  # type: ignore[attr-defined]
