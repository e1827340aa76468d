""" "We did" over HTTP: feedback about an activity, publishing it (and so the personal updates),
and a neighbourhood's priorities and actions in the shape police.uk uses. Mounted by
api/outcomes.py, with the same rules: thin adapters over outcomes' selectors and services."""

from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Router
from ninja.responses import Status as Reply

from engagement.selectors import activity_get
from governance.marking import OFFICIAL, SENSITIVE
from organisations.models import User
from outcomes import loop_selectors as reading
from outcomes import loop_selectors_work as work
from outcomes.loop_exports import export_format, police_uk_export
from outcomes.loop_feedback import feedback_create, feedback_publish, feedback_update
from places.models import Area

from .outcomes_args import area_arg, caller, need
from .outcomes_schemas import FeedbackIn, FeedbackOut, Message, PublishIn

router = Router(tags=["outcomes"])


def _feedback_out(user: User, pk: int) -> dict[str, Any]:
    view = work.feedback_view(user=user, feedback=work.feedback_get(user=user, pk=pk))
    row, dispatch = view.row, view.dispatch
    updates = None
    if dispatch is not None:
        names = ("state", "progress", "addresses", "personal", "general", "failed")
        updates = {name: getattr(dispatch, name) for name in names}
    return {
        "id": row.pk,
        "activity": row.activity_pk,
        **{k: getattr(row, k) for k in ("activity_title", "area", "title", "state", "published_on")},
        "channels": list(view.feedback.channels),
        "statement": view.statement,
        "official_sensitive": row.sensitive,
        "marking": SENSITIVE if row.sensitive else OFFICIAL,
        "decisions": [d.pk for d in view.decisions],
        "actions": [a.pk for a in view.actions],
        "on_website": view.on_website,
        "updates": updates,
    }


def _feedback_kwargs(user: User, data: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        k: data[k] for k in ("title", "statement", "marking") if data.get(k) is not None
    }
    if data.get("area") is not None:
        kwargs["area"] = area_arg(data["area"], required=False)
    if data.get("decisions") is not None:
        kwargs["decisions"] = reading.decisions_from_ids(user=user, ids=data["decisions"])
    if data.get("actions") is not None:
        kwargs["actions"] = reading.actions_from_ids(user=user, ids=data["actions"])
    return kwargs


@router.get("/outcomes/feedback", response=list[FeedbackOut])
def list_feedback(request: HttpRequest, area: str = "", state: str = "") -> Any:
    user = caller(request)
    rows = work.feedback_list(user=user, area=area_arg(area, required=False), state=state)
    return [_feedback_out(user, row.pk) for row in rows]


@router.post("/activities/{int:activity_id}/feedback", response={201: FeedbackOut})
def create_feedback(request: HttpRequest, activity_id: int, payload: FeedbackIn) -> Any:
    user = caller(request)
    activity = activity_get(user=user, pk=activity_id)
    data = payload.dict()
    need(data, "title", "statement")
    feedback = feedback_create(user=user, activity=activity, **_feedback_kwargs(user, data))
    return Reply(201, _feedback_out(user, feedback.pk))


@router.get("/outcomes/feedback/{int:feedback_id}", response=FeedbackOut)
def get_feedback(request: HttpRequest, feedback_id: int) -> Any:
    return _feedback_out(caller(request), feedback_id)


@router.patch("/outcomes/feedback/{int:feedback_id}", response=FeedbackOut)
def update_feedback(request: HttpRequest, feedback_id: int, payload: FeedbackIn) -> Any:
    user = caller(request)
    feedback = work.feedback_get(user=user, pk=feedback_id)
    feedback_update(user=user, feedback=feedback, **_feedback_kwargs(user, payload.dict(exclude_none=True)))
    return _feedback_out(user, feedback.pk)


@router.post("/outcomes/feedback/{int:feedback_id}/publish", response={200: FeedbackOut, 409: Message})
def publish_feedback(request: HttpRequest, feedback_id: int, payload: PublishIn) -> Any:
    """Publish: the public pages show it, checklist point 24 is answered, and the personal
    e-mails go out. 409 when somebody else published it since you read it (`from_state`)."""
    user = caller(request)
    feedback = work.feedback_get(user=user, pk=feedback_id)
    feedback_publish(
        user=user,
        feedback=feedback,
        channels=payload.channels,
        published_on=payload.published_on,
        seen=payload.from_state,
        site_url=getattr(settings, "HEARD_SITE_URL", "") or request.build_absolute_uri("/"),
    )
    return _feedback_out(user, feedback.pk)


@router.get(
    "/outcomes/priorities-and-actions",
    response={200: None},
    summary="A neighbourhood's priorities and actions in police.uk's shape (CSV or JSON)",
)
def export_priorities_and_actions(
    request: HttpRequest, area: str = "", format: str = "json"
) -> HttpResponse | StreamingHttpResponse:
    """Rows of `issue`, `issue-date`, `action`, `action-date`, as police.uk's neighbourhood
    priorities are published."""
    chosen = cast(Area, area_arg(area, required=True))
    if not export_format(format):
        raise ValidationError({"format": "Choose csv or json."})
    return police_uk_export(user=caller(request), area=chosen, file_format=export_format(format))
