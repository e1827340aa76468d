"""The publication scheme over HTTP: a thin adapter over outcomes' publication selectors and
services, with the same rules as the staff page (admins and analysts of a police force or
police authority make bundles; a bundle is its organisation's).

Asking for a bundle answers 202 with its id; its progress is read from
`GET /publication-bundles/{id}` until it is `done` (or `failed`), then its zip is downloaded
(409 until then). Every download is recorded in the audit log as an export."""

from datetime import date, datetime
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.responses import Status as Reply

from organisations.models import User
from outcomes import publication_selectors as selectors
from outcomes.models import BundleState, PublicationBundle
from outcomes.publication_services import publication_bundle_request, publication_bundles_fail_stale

router = Router(tags=["publication scheme"])


class BundleFileOut(Schema):
    name: str
    sha256: str
    size: int


class BundleOut(Schema):
    id: int
    title: str
    start: date
    end: date
    area: str | None = Field(..., description="The area's ONS code; null for every area")
    state: str = Field(..., description="queued, running, done or failed")
    state_label: str
    progress: int = Field(..., description="From 0 to 100")
    error: str
    created_at: datetime
    finished_at: datetime | None
    filename: str = Field(..., description="The zip's name, with its date, once it is done")
    files: list[BundleFileOut] = Field(..., description="The manifest's files, once it is done")
    zip: str = Field(..., description="Where to download the zip, once it is done")


class BundleIn(Schema):
    start: date | None = Field(None, description="The first day; a year before `end` if left out")
    end: date | None = Field(None, description="The last day; today if left out")
    area: str = Field("", description="An area's ONS code (with the areas inside it); empty for every area")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _out(bundle: PublicationBundle) -> dict[str, Any]:
    done = bundle.state == BundleState.DONE
    return {
        "id": bundle.pk,
        "title": bundle.title,
        "start": bundle.start,
        "end": bundle.end,
        "area": bundle.area.code if bundle.area_id and bundle.area else None,
        "state": bundle.state,
        "state_label": bundle.get_state_display(),
        "progress": bundle.progress,
        "error": bundle.error,
        "created_at": bundle.created_at,
        "finished_at": bundle.finished_at,
        "filename": bundle.filename if done else "",
        "files": [
            {"name": f["name"], "sha256": f["sha256"], "size": f["size"]}
            for f in bundle.manifest.get("files", [])
        ],
        "zip": reverse("api:get_publication_bundle_zip", kwargs={"bundle_id": bundle.pk}) if done else "",
    }


@router.get(
    "/publication-bundles", response=list[BundleOut], summary="Your organisation's publication-scheme bundles"
)
def list_publication_bundles(request: HttpRequest) -> Any:
    publication_bundles_fail_stale()
    return [_out(b) for b in selectors.bundle_list(user=_user(request))[:200]]


@router.post(
    "/publication-bundles",
    response={202: BundleOut},
    summary="Ask for the publication-scheme bundle of a period (the last twelve months unless given)",
)
def create_publication_bundle(request: HttpRequest, payload: BundleIn) -> Any:
    user = _user(request)
    period = selectors.bundle_period(start=payload.start, end=payload.end, area=payload.area)
    bundle = publication_bundle_request(user=user, start=period.start, end=period.end, area=period.area)
    return Reply(202, _out(bundle))


@router.get(
    "/publication-bundles/{int:bundle_id}", response=BundleOut, summary="A bundle and how far it has got"
)
def get_publication_bundle(request: HttpRequest, bundle_id: int) -> Any:
    publication_bundles_fail_stale()
    return _out(selectors.bundle_get(user=_user(request), pk=bundle_id))


@router.get(
    "/publication-bundles/{int:bundle_id}/zip",
    response={200: None, 409: dict},
    summary="A ready bundle as a zip",
)
def get_publication_bundle_zip(request: HttpRequest, bundle_id: int) -> Any:
    user = _user(request)
    bundle = selectors.bundle_get(user=user, pk=bundle_id)
    if bundle.state != BundleState.DONE:
        detail = "The bundle is not ready yet." if bundle.is_active else "The bundle could not be made."
        return Reply(409, {"detail": detail, "state": bundle.state})
    return selectors.bundle_download(user=user, bundle=bundle)
