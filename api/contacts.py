"""Community contacts and coverage over HTTP: thin adapters over the app's selectors and services."""

from datetime import date, datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from ninja.responses import Status as Reply

from engagement.models import Activity
from engagement.selectors import activity_get
from organisations.models import User
from places.models import Area, Audience
from reach import contacts_selectors as selectors
from reach import contacts_services as services
from reach.contacts_exports import contacts_export, coverage_export
from reach.contacts_selectors import ContactView
from reach.coverage import coverage_build, coverage_data
from reach.fatigue import fatigue_list
from reach.models import ContactKind

router = Router(tags=["community contacts"])


class ContactOut(Schema):
    id: int
    kind: str
    name: str
    role: str
    organisation: str = Field(..., alias="organisation_slug")
    areas: list[str]
    audiences: list[str]
    email: str
    phone: str
    address: str
    notes: str
    consent_to_contact: bool
    consent_to_share: bool
    consent_details: str
    consent_given_on: date
    review_on: date
    due_for_review: bool
    met_at: int | None = Field(None, alias="met_at_id")
    created_at: datetime
    updated_at: datetime
    marking: str = Field("official", description="Protective marking: official or official_sensitive")

    @staticmethod
    def resolve_areas(obj: ContactView) -> list[str]:
        return [code for code, _ in obj.areas]

    @staticmethod
    def resolve_audiences(obj: ContactView) -> list[str]:
        return [slug for slug, _ in obj.audiences]


class ContactPageOut(Schema):
    items: list[ContactOut]
    count: int


class ContactPatch(Schema):
    """Fields to change; areas by their codes, audiences by their slugs, the activity by its id."""

    kind: ContactKind | None = None
    name: str | None = Field(None, max_length=200)
    role: str | None = Field(None, max_length=200)
    areas: list[str] | None = Field(None, description="Area codes")
    audiences: list[str] | None = Field(None, description="Audience slugs")
    email: str | None = None
    phone: str | None = Field(None, max_length=40)
    address: str | None = None
    notes: str | None = None
    consent_to_contact: bool | None = None
    consent_to_share: bool | None = None
    consent_details: str | None = None
    consent_given_on: date | None = None
    review_on: date | None = None
    met_at: int | None = Field(None, description="Id of the activity where you met them")


class ContactIn(ContactPatch):
    kind: ContactKind
    name: str = Field(..., max_length=200)
    areas: list[str] = Field(..., min_length=1, description="Area codes")
    consent_to_contact: bool
    consent_given_on: date


class RenewIn(Schema):
    review_on: date | None = Field(None, description="The next review; a year from today if left out")
    consent_to_share: bool | None = None


class ContactFilters(Schema):
    q: str | None = None
    kind: str | None = None
    area: str | None = Field(None, description="Area code; includes the areas inside it")
    audience: str | None = Field(None, description="Audience slug")
    due: bool | None = Field(None, description="Only contacts due for a consent review")
    page: int = Field(1, ge=1)


class CoverageFilters(Schema):
    level: str | None = Field(None, description="neighbourhood (default) or district")
    within: str | None = Field(None, description="Area code: only areas inside it")
    organisation: str | None = Field(None, description="Organisation slug, leading or partner")
    method: str | None = Field(None, description="Method slug")
    purpose: str | None = None
    starts: date | None = None
    ends: date | None = None


class CellOut(Schema):
    month: str
    activities: int
    participants: int


class AudienceOut(Schema):
    audience: str  # the slug; "" for activities aimed at everyone
    name: str
    activities: int
    participants: int
    gap: bool
    months: list[CellOut]


class AreaOut(Schema):
    code: str
    name: str
    activities: int
    participants: int
    gaps: list[str]
    audiences: list[AudienceOut]


class CoverageOut(Schema):
    starts: date
    ends: date
    months: list[str]
    areas: list[AreaOut]


class FatigueOut(Schema):
    code: str
    name: str
    asks: int
    weeks: int
    limit: int
    over: bool = Field(..., alias="is_over")
    warning: str
    activities: list[int] = Field(..., alias="activity_ids")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _lookup(choices: QuerySet[Any], field: str, values: list[str], name: str) -> list[Any]:
    found = {str(getattr(o, field)): o for o in choices.filter(**{f"{field}__in": values})}
    missing = [v for v in values if v not in found]
    if missing:
        raise ValidationError(
            {name: gettext("Unknown %(field)s: %(values)s.") % {"field": name, "values": ", ".join(missing)}}
        )
    return [found[v] for v in values]


NOT_EMPTY = (
    "kind",
    "name",
    "areas",
    "consent_to_contact",
    "consent_given_on",
    "review_on",
    "consent_to_share",
)


def _activity_met_at(user: User, pk: Any) -> Activity:
    """The activity where the contact was met: one the user may see, or a 422."""
    try:
        return activity_get(user=user, pk=pk)
    except Http404:
        raise ValidationError({"met_at": gettext("Unknown activity: %(pk)s.") % {"pk": pk}}) from None


TEXT_FIELDS = ("role", "email", "phone", "address", "notes", "consent_details")


def _service_kwargs(user: User, payload: ContactPatch, *, partial: bool) -> dict[str, Any]:
    data = payload.dict(exclude_unset=partial)
    if not partial:
        data = {k: v for k, v in data.items() if v is not None or k == "met_at"}
    emptied = [name for name in NOT_EMPTY if name in data and data[name] is None]
    if emptied:
        raise ValidationError(
            dict.fromkeys(emptied, "This cannot be empty: leave it out to keep it as it is.")
        )
    if "areas" in data:
        data["areas"] = _lookup(Area.objects.all(), "code", data["areas"] or [], "areas")
    if "audiences" in data:
        data["audiences"] = _lookup(Audience.objects.all(), "slug", data["audiences"] or [], "audiences")
    if "met_at" in data:
        data["met_at"] = _activity_met_at(user, data["met_at"]) if data["met_at"] else None
    for name in TEXT_FIELDS:
        if name in data and data[name] is None:
            data[name] = ""
    return data


def _one(user: User, contact_id: int, where: str) -> ContactView:
    contact = selectors.contact_get(user=user, pk=contact_id)
    return selectors.contact_views(user=user, contacts=[contact], where=where)[0]


@router.get("/contacts", response=ContactPageOut)
def list_contacts(request: HttpRequest, filters: Query[ContactFilters]) -> Any:
    user = _user(request)
    data = filters.dict(exclude_none=True)
    page = data.pop("page")
    found = selectors.contact_page(
        user=user, queryset=selectors.contact_list(user=user, data=data), page=page, where="API list"
    )
    return {"items": found.contacts, "count": found.page.paginator.count}


@router.get("/contacts/review", response=ContactPageOut, summary="Contacts due for a consent review")
def list_contacts_due(request: HttpRequest, page: int = 1) -> Any:
    user = _user(request)
    found = selectors.contact_page(
        user=user, queryset=selectors.contacts_due(user=user), page=page, where="API review list"
    )
    return {"items": found.contacts, "count": found.page.paginator.count}


@router.get("/contacts/export", response={200: None}, summary="Export the filtered contacts as CSV or XLSX")
def export_contacts(
    request: HttpRequest, filters: Query[ContactFilters], format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    data = filters.dict(exclude_none=True)
    data.pop("page", None)
    return contacts_export(user=_user(request), data=data, file_format=format)


@router.post("/contacts", response={201: ContactOut})
def create_contact(request: HttpRequest, payload: ContactIn) -> Any:
    user = _user(request)
    contact = services.contact_create(user=user, **_service_kwargs(user, payload, partial=False))
    return Reply(201, _one(user, contact.pk, "API"))


@router.get("/contacts/{int:contact_id}", response=ContactOut)
def get_contact(request: HttpRequest, contact_id: int) -> Any:
    return _one(_user(request), contact_id, "API")


@router.patch("/contacts/{int:contact_id}", response=ContactOut)
def update_contact(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Any:
    user = _user(request)
    contact = selectors.contact_get(user=user, pk=contact_id)
    kwargs = _service_kwargs(user, payload, partial=True)
    services.contact_update(user=user, contact=contact, **kwargs)
    return _one(user, contact.pk, "API")


@router.post("/contacts/{int:contact_id}/renew", response=ContactOut, summary="They agreed again today")
def renew_contact(request: HttpRequest, contact_id: int, payload: RenewIn) -> Any:
    user = _user(request)
    contact = selectors.contact_get(user=user, pk=contact_id)
    services.contact_renew(user=user, contact=contact, **payload.dict())
    return _one(user, contact.pk, "API")


@router.delete("/contacts/{int:contact_id}", response={204: None})
def delete_contact(request: HttpRequest, contact_id: int, reason: str = "") -> Any:
    user = _user(request)
    services.contact_delete(user=user, contact=selectors.contact_get(user=user, pk=contact_id), reason=reason)
    return Reply(204, None)


@router.get("/coverage", response=CoverageOut)
def get_coverage(request: HttpRequest, filters: Query[CoverageFilters]) -> Any:
    return coverage_data(coverage_build(user=_user(request), data=filters.dict(exclude_none=True)))


@router.get("/coverage/export", response={200: None}, summary="Export coverage as CSV or XLSX")
def export_coverage(
    request: HttpRequest, filters: Query[CoverageFilters], format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    return coverage_export(user=_user(request), data=filters.dict(exclude_none=True), file_format=format)


@router.get(
    "/coverage/fatigue", response=list[FatigueOut], summary="Times each area was asked for views lately"
)
def get_consultation_fatigue(request: HttpRequest, filters: Query[CoverageFilters]) -> Any:
    return fatigue_list(user=_user(request), data=filters.dict(exclude_none=True))
