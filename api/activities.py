"""The activity register over HTTP: the same services and permission rules as the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply

from engagement import services
from engagement.checklist import POINTS_BY_NUMBER, applicable_points
from engagement.exports import HEADERS, activity_rows
from engagement.filters import ActivityFilter
from engagement.models import Activity, Answer, EngagementPlan, Method, Status
from governance.exports import XLSX_MIME, to_csv, to_xlsx
from organisations.models import Organisation
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
    budget: Decimal | None
    expected_benefit: str
    marking: str
    is_published: bool
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
    budget: Decimal | None = None
    expected_benefit: str | None = None
    marking: str | None = None
    is_published: bool | None = None
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
    starts_from: date | None = None
    starts_to: date | None = None


class TransitionIn(Schema):
    to: Status
    confirmed: bool = False
    note: str = Field("", max_length=500)


class ChecklistPointOut(Schema):
    point: int
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


def _lookup(model: Any, field: str, values: list[str], name: str) -> list[Any]:
    found = {getattr(o, field): o for o in model.objects.filter(**{f"{field}__in": values})}
    missing = [v for v in values if v not in found]
    if missing:
        raise ValidationError({name: f"Unknown {name}: {', '.join(missing)}."})
    return [found[v] for v in values]


def _service_kwargs(payload: ActivityPatch, *, partial: bool) -> dict[str, Any]:
    data = payload.dict(exclude_unset=partial)
    if not partial:
        data = {k: v for k, v in data.items() if v is not None}
    if "method" in data:
        data["method"] = _lookup(Method, "slug", [data["method"]], "method")[0]
    if "areas" in data:
        data["areas"] = _lookup(Area, "code", data["areas"] or [], "areas")
    if "audiences" in data:
        data["audiences"] = _lookup(Audience, "slug", data["audiences"] or [], "audiences")
    if "partners" in data:
        data["partners"] = _lookup(Organisation, "slug", data["partners"] or [], "partners")
    if "aims" in data:
        data["aims"] = [services.AimInput(**a) for a in data["aims"] or []]
    for text_field in (
        "consultation_kind",
        "short_window_reason",
        "summary",
        "contact_email",
        "contact_phone",
        "venue",
        "accessibility",
        "expected_benefit",
    ):
        if text_field in data and data[text_field] is None:
            data[text_field] = ""
    return data


def _visible(request: HttpRequest, pk: int) -> Activity:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    return get_object_or_404(Activity.private_objects.visible_to(request.user).with_related(), pk=pk)


def _filtered(request: HttpRequest, filters: ActivityFilters) -> Any:
    if not request.user.has_perm("engagement.view_activity"):
        raise PermissionDenied
    data = {k: v for k, v in filters.dict().items() if v is not None}
    activity_filter = ActivityFilter(
        data, queryset=Activity.private_objects.visible_to(request.user).with_related()
    )
    if not activity_filter.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in activity_filter.errors.items()})
    return activity_filter.qs.prefetch_related("aims")


@router.get("/activities", response=list[ActivityOut])
@paginate(PageNumberPagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilters]) -> Any:
    return _filtered(request, filters)


@router.get("/activities/export", response={200: None}, summary="Export the filtered register as CSV or XLSX")
def export_activities(
    request: HttpRequest, filters: Query[ActivityFilters], format: str = "csv"
) -> HttpResponse:
    if not request.user.has_perm("engagement.export_activity"):
        raise PermissionDenied
    if format not in ("csv", "xlsx"):
        raise ValidationError({"format": "Choose csv or xlsx."})
    rows = list(activity_rows(_filtered(request, filters)))
    services.activities_exported(
        user=request.user, count=len(rows), file_format=format, query=request.GET.urlencode()
    )
    body = to_xlsx(HEADERS, rows, title="Activities") if format == "xlsx" else to_csv(HEADERS, rows)
    response = HttpResponse(body, content_type=XLSX_MIME if format == "xlsx" else "text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="heard-activities-{stamp}.{format}"'
    return response


@router.post("/activities", response={201: ActivityOut})
def create_activity(request: HttpRequest, payload: ActivityIn) -> Any:
    data = _service_kwargs(payload, partial=False)
    activity = services.activity_create(user=request.user, **data)
    return Reply(201, Activity.private_objects.with_related().prefetch_related("aims").get(pk=activity.pk))


@router.get("/activities/{int:activity_id}", response=ActivityOut)
def get_activity(request: HttpRequest, activity_id: int) -> Any:
    return _visible(request, activity_id)


@router.patch("/activities/{int:activity_id}", response=ActivityOut)
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatch) -> Any:
    activity = _visible(request, activity_id)
    data = _service_kwargs(payload, partial=True)
    services.activity_update(user=request.user, activity=activity, **data)
    return Activity.private_objects.with_related().prefetch_related("aims").get(pk=activity.pk)


@router.delete("/activities/{int:activity_id}", response={204: None})
def delete_activity(request: HttpRequest, activity_id: int) -> Any:
    services.activity_delete(user=request.user, activity=_visible(request, activity_id))
    return Reply(204, None)


@router.post("/activities/{int:activity_id}/transition", response={200: ActivityOut, 409: Message})
def transition_activity(request: HttpRequest, activity_id: int, payload: TransitionIn) -> Any:
    """Move along the lifecycle. 409 means the move needs `confirmed: true` (the message says why)."""
    activity = _visible(request, activity_id)
    try:
        services.activity_transition(
            user=request.user,
            activity=activity,
            to=payload.to,
            confirmed=payload.confirmed,
            note=payload.note,
        )
    except services.ConfirmationRequired as question:
        return Reply(409, {"detail": question.message})
    return Activity.private_objects.with_related().prefetch_related("aims").get(pk=activity.pk)


def _checklist(activity: Activity) -> list[dict[str, Any]]:
    applies = {p.number for p in applicable_points(activity.checklist_scope)}
    answers = {a.point: a for a in activity.checklist_answers.select_related("answered_by")}
    rows = []
    for number, point in POINTS_BY_NUMBER.items():
        answer = answers.get(number)
        rows.append(
            {
                "point": number,
                "stage": point.stage.value,
                "title": point.title,
                "applies": number in applies,
                "answer": answer.answer if answer else None,
                "note": answer.note if answer else "",
                "answered_by": answer.answered_by.get_username() if answer and answer.answered_by else None,
                "answered_at": answer.answered_at if answer else None,
            }
        )
    return rows


@router.get("/activities/{int:activity_id}/checklist", response=list[ChecklistPointOut])
def get_checklist(request: HttpRequest, activity_id: int) -> Any:
    return _checklist(_visible(request, activity_id))


@router.put("/activities/{int:activity_id}/checklist/{int:point}", response=list[ChecklistPointOut])
def answer_checklist_point(
    request: HttpRequest, activity_id: int, point: int, payload: ChecklistAnswerIn
) -> Any:
    activity = _visible(request, activity_id)
    services.checklist_answer_set(
        user=request.user, activity=activity, point=point, answer=payload.answer, note=payload.note
    )
    return _checklist(activity)


@router.get("/activities/{int:activity_id}/plan", response={200: PlanSchema, 404: Message})
def get_plan(request: HttpRequest, activity_id: int) -> Any:
    plan = EngagementPlan.objects.filter(activity=_visible(request, activity_id)).first()
    if plan is None:
        return Reply(404, {"detail": "No engagement plan yet."})
    return plan


@router.put("/activities/{int:activity_id}/plan", response=PlanSchema)
def set_plan(request: HttpRequest, activity_id: int, payload: PlanSchema) -> Any:
    activity = _visible(request, activity_id)
    return services.engagement_plan_set(user=request.user, activity=activity, **payload.dict())
