"""The activity register over HTTP: an adapter over the same selectors (reads) and services
(writes) as the staff pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from engagement import selectors, services
from engagement.access import LANGUAGES, AccessFormat
from engagement.exports import activities_export
from engagement.models import Activity, Answer, Method, Status
from organisations.models import Organisation, User
from places.models import Area, Audience

router = Router(tags=["activities"])


class AimSchema(Schema):
    text: str = Field(..., max_length=500)
    linked_to: str = Field(..., max_length=300)


class ActivityOut(Schema):
    id: int
    title: str
    summary: str
    status: str
    purpose: str
    method: str = Field(..., alias="method.slug")
    level: str
    areas: list[str]
    audiences: list[str]
    lead_organisation: str = Field(..., alias="lead_organisation.slug")
    partners: list[str]
    aims: list[AimSchema]
    contact_name: str
    contact_email: str
    contact_phone: str
    starts_at: datetime
    ends_at: datetime | None
    consultation_kind: str
    response_opens: date | None
    response_closes: date | None
    short_window_reason: str
    venue: str
    accessibility: str
    languages: list[str] = Field(..., description="Language codes (GET /api/languages)")
    access_formats: list[str] = Field(..., description="Access format codes (GET /api/access-formats)")
    budget: Decimal | None
    expected_benefit: str
    marking: str
    is_published: bool
    publication_scheme: bool
    checklist_scope: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_areas(obj: Activity) -> list[str]:
        return [a.code for a in obj.areas.all()]

    @staticmethod
    def resolve_audiences(obj: Activity) -> list[str]:
        return [a.slug for a in obj.audiences.all()]

    @staticmethod
    def resolve_partners(obj: Activity) -> list[str]:
        return [p.slug for p in obj.partners.all()]

    @staticmethod
    def resolve_aims(obj: Activity) -> list[dict[str, str]]:
        return [{"text": a.text, "linked_to": a.linked_to} for a in obj.aims.all()]


class ActivityPatch(Schema):
    """Fields to change; related records by their codes and slugs."""

    title: str | None = Field(None, max_length=200)
    summary: str | None = None
    purpose: str | None = None
    method: str | None = Field(None, description="Method slug")
    level: str | None = None
    areas: list[str] | None = Field(None, description="Area codes")
    audiences: list[str] | None = Field(None, description="Audience slugs")
    partners: list[str] | None = Field(None, description="Organisation slugs")
    aims: list[AimSchema] | None = None
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = None
    contact_phone: str | None = Field(None, max_length=40)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    consultation_kind: str | None = None
    response_opens: date | None = None
    response_closes: date | None = None
    short_window_reason: str | None = None
    venue: str | None = Field(None, max_length=300)
    accessibility: str | None = None
    languages: list[str] | None = Field(
        None,
        max_length=60,
        description="Language codes it is held in or interpreted into (GET /api/languages)",
    )
    access_formats: list[str] | None = Field(
        None, max_length=20, description="Access format codes it offers (GET /api/access-formats)"
    )
    budget: Decimal | None = None
    expected_benefit: str | None = None
    marking: str | None = None
    is_published: bool | None = None
    publication_scheme: bool | None = None
    checklist_scope: str | None = None


class ActivityIn(ActivityPatch):
    title: str = Field(..., max_length=200)
    purpose: str
    method: str = Field(..., description="Method slug")
    level: str
    areas: list[str] = Field(..., min_length=1, description="Area codes")
    aims: list[AimSchema] = Field(..., min_length=1)
    contact_name: str = Field(..., max_length=200)
    starts_at: datetime


class ActivityFilters(Schema):
    q: str | None = None
    area: str | None = Field(None, description="Area code; includes the areas inside it")
    audience: str | None = Field(None, description="Audience slug")
    method: str | None = Field(None, description="Method slug")
    purpose: str | None = None
    level: str | None = None
    status: str | None = None
    organisation: str | None = Field(None, description="Organisation slug, leading or partner")
    language: str | None = Field(None, description="Language code: held in it or interpreted into it")
    access_format: str | None = Field(None, description="Access format code it offers")
    starts_from: date | None = None
    starts_to: date | None = None


class TransitionIn(Schema):
    to: Status
    confirmed: bool = False
    note: str = Field("", max_length=500)
    from_status: Status | None = Field(
        None,
        description="The status you last saw. If the activity has moved on since, nothing changes "
        "and the answer is a 409 giving its status now.",
    )


class ChecklistPointOut(Schema):
    point: int = Field(..., alias="number")
    stage: str
    title: str
    applies: bool
    answer: str | None
    note: str
    answered_by: str | None
    answered_at: datetime | None


class ChecklistAnswerIn(Schema):
    answer: Answer
    note: str = Field("", max_length=5000)


class PlanSchema(Schema):
    decision_route: str = ""
    analysis: str = ""
    sharing_back: str = ""


class Message(Schema):
    detail: str


def _user(request: HttpRequest) -> User:
    """The signed-in user: every route here needs authentication (api.auth.AUTH)."""
    return cast(User, request.user)


def _lookup(choices: QuerySet[Any], field: str, values: list[str], name: str) -> list[Any]:
    """The reference records named by `values` (codes or slugs), or a 422 naming the unknown."""
    found = {getattr(o, field): o for o in choices.filter(**{f"{field}__in": values})}
    missing = [v for v in values if v not in found]
    if missing:
        raise ValidationError(
            {name: gettext("Unknown %(field)s: %(values)s.") % {"field": name, "values": ", ".join(missing)}}
        )
    return [found[v] for v in values]


# What an activity always has: a PATCH may change these but not empty them.
NOT_EMPTY = (
    "title",
    "purpose",
    "method",
    "level",
    "areas",
    "aims",
    "contact_name",
    "starts_at",
    "marking",
    "is_published",
    "publication_scheme",
    "checklist_scope",
)
TEXT_FIELDS = (
    "consultation_kind",
    "short_window_reason",
    "summary",
    "contact_email",
    "contact_phone",
    "venue",
    "accessibility",
    "expected_benefit",
)


def _service_kwargs(payload: ActivityPatch, *, partial: bool) -> dict[str, Any]:
    data = payload.dict(exclude_unset=partial)
    if not partial:
        data = {k: v for k, v in data.items() if v is not None}
    emptied = [name for name in NOT_EMPTY if name in data and data[name] is None]
    if emptied:
        raise ValidationError(
            dict.fromkeys(emptied, "This cannot be empty: leave it out to keep it as it is.")
        )
    if "method" in data:
        data["method"] = _lookup(Method.objects.all(), "slug", [data["method"]], "method")[0]
    if "areas" in data:
        data["areas"] = _lookup(Area.objects.all(), "code", data["areas"] or [], "areas")
    if "audiences" in data:
        data["audiences"] = _lookup(Audience.objects.all(), "slug", data["audiences"] or [], "audiences")
    if "partners" in data:
        data["partners"] = _lookup(Organisation.objects.all(), "slug", data["partners"] or [], "partners")
    if "aims" in data:
        data["aims"] = [services.AimInput(**a) for a in data["aims"] or []]
    for text_field in TEXT_FIELDS:
        if text_field in data and data[text_field] is None:
            data[text_field] = ""
    for list_field in ("languages", "access_formats"):
        if list_field in data and data[list_field] is None:
            data[list_field] = []
    return data


class LanguageOut(Schema):
    code: str
    name: str = Field(..., description="In English")
    own_name: str = Field(..., description="In the language itself; empty when the same")


class AccessFormatOut(Schema):
    code: str
    label: str


@router.get("/languages", response=list[LanguageOut])
def list_languages(request: HttpRequest) -> Any:
    """The languages an activity may offer and a response may be written in: Heard's interface
    languages first, then languages common in England and Wales."""
    return list(LANGUAGES)


@router.get("/access-formats", response=list[AccessFormatOut])
def list_access_formats(request: HttpRequest) -> Any:
    """The formats and access support an activity may offer."""
    return [{"code": value, "label": str(label)} for value, label in AccessFormat.choices]


@router.get("/activities", response=list[ActivityOut])
@paginate(PageNumberPagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilters]) -> Any:
    return selectors.activity_list(user=_user(request), data=filters.dict(exclude_none=True))


@router.get("/activities/export", response={200: None}, summary="Export the filtered register as CSV or XLSX")
def export_activities(
    request: HttpRequest, filters: Query[ActivityFilters], format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    return activities_export(user=_user(request), data=filters.dict(exclude_none=True), file_format=format)


@router.post("/activities", response={201: ActivityOut})
def create_activity(request: HttpRequest, payload: ActivityIn) -> Any:
    user = _user(request)
    activity = services.activity_create(user=user, **_service_kwargs(payload, partial=False))
    return Reply(201, selectors.activity_get(user=user, pk=activity.pk))


@router.get("/activities/{int:activity_id}", response=ActivityOut)
def get_activity(request: HttpRequest, activity_id: int) -> Any:
    return selectors.activity_get(user=_user(request), pk=activity_id)


@router.patch("/activities/{int:activity_id}", response=ActivityOut)
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatch) -> Any:
    user = _user(request)
    activity = selectors.activity_get(user=user, pk=activity_id)
    services.activity_update(user=user, activity=activity, **_service_kwargs(payload, partial=True))
    return selectors.activity_get(user=user, pk=activity.pk)


@router.delete("/activities/{int:activity_id}", response={204: None})
def delete_activity(request: HttpRequest, activity_id: int) -> Any:
    user = _user(request)
    services.activity_delete(user=user, activity=selectors.activity_get(user=user, pk=activity_id))
    return Reply(204, None)


@router.post("/activities/{int:activity_id}/transition", response={200: ActivityOut, 409: Message})
def transition_activity(request: HttpRequest, activity_id: int, payload: TransitionIn) -> Any:
    """Move along the lifecycle. 409 means the move needs `confirmed: true` (the message says
    why), or that the activity is no longer in `from_status` (the answer gives its `state`)."""
    user = _user(request)
    activity = selectors.activity_get(user=user, pk=activity_id)
    try:
        services.activity_transition(
            user=user,
            activity=activity,
            to=payload.to,
            confirmed=payload.confirmed,
            note=payload.note,
            seen=payload.from_status,
        )
    except services.ConfirmationRequired as question:
        return Reply(409, {"detail": question.message})
    return selectors.activity_get(user=user, pk=activity.pk)


@router.get("/activities/{int:activity_id}/checklist", response=list[ChecklistPointOut])
def get_checklist(request: HttpRequest, activity_id: int) -> Any:
    user = _user(request)
    return selectors.checklist_rows(user=user, activity=selectors.activity_get(user=user, pk=activity_id))


@router.put("/activities/{int:activity_id}/checklist/{int:point}", response=list[ChecklistPointOut])
def answer_checklist_point(
    request: HttpRequest, activity_id: int, point: int, payload: ChecklistAnswerIn
) -> Any:
    user = _user(request)
    activity = selectors.activity_get(user=user, pk=activity_id)
    services.checklist_answer_set(
        user=user, activity=activity, point=point, answer=payload.answer, note=payload.note
    )
    return selectors.checklist_rows(user=user, activity=activity)


@router.get("/activities/{int:activity_id}/plan", response={200: PlanSchema, 404: Message})
def get_plan(request: HttpRequest, activity_id: int) -> Any:
    plan = selectors.plan_get(activity=selectors.activity_get(user=_user(request), pk=activity_id))
    if plan is None:
        return Reply(404, {"detail": "No engagement plan yet."})
    return plan


@router.put("/activities/{int:activity_id}/plan", response=PlanSchema)
def set_plan(request: HttpRequest, activity_id: int, payload: PlanSchema) -> Any:
    user = _user(request)
    activity = selectors.activity_get(user=user, pk=activity_id)
    return services.engagement_plan_set(user=user, activity=activity, **payload.dict())
