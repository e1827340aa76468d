"""Reach over HTTP: who took part against who lives there (the shape of `manage.py reach`), a
list of participants gathered elsewhere, the export, an activity's reach, a questionnaire's
weighted results, the ward map as GeoJSON, "who haven't we heard from?" and target profiles.
Thin adapters over reach's selectors and services, with the same permission rules as the pages.
Community contacts, coverage, coordination and the audit are in their own routers."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.responses import Status as Reply

from core.permissions import require
from organisations.http import StaffRequest
from reach import selectors_reach as selectors
from reach import selectors_reach_more as more
from reach import services_reach as services

from .reach_schemas import (
    ReachFilters,
    ReachReportOut,
    ReachShape,
    TargetOut,
    UnheardOut,
    WeightedOut,
    target_out,
)

router = Router(tags=["reach"])


def _query(request: StaffRequest, filters: ReachFilters) -> selectors.ReachQuery:
    return selectors.reach_query(
        user=request.user,
        area=filters.area,
        audience=filters.audience,
        activity=filters.activity,
        since=filters.since,
        until=filters.until,
        target=filters.target,
    )


def _bytes(file: UploadedFile | None) -> bytes:
    if file is None:
        raise ValidationError({"file": "Send a CSV file."})
    return b"".join(file.chunks())


@router.get("/reach", response=ReachShape, summary="Who took part against who lives there")
def get_reach(request: StaffRequest, filters: Query[ReachFilters]) -> Any:
    """`{dimension: {category: {participants, share, population_share, ratio, low, high, flag}}}`
    for Heard's participants (equality forms) in an area, for an audience, an activity or a
    period, as `manage.py reach --format json` gives it. Counts under 10 read "fewer than 10"
    except for the reader's own organisation's activities."""
    return selectors.reach_report(user=request.user, query=_query(request, filters)).as_json()


@router.get("/reach/report", response=ReachReportOut, summary="Who took part, with the totals and a summary")
def get_reach_report(request: StaffRequest, filters: Query[ReachFilters]) -> Any:
    return selectors.reach_report(user=request.user, query=_query(request, filters)).as_report_json()


@router.post(
    "/reach/participants", response=ReachShape, summary="Compare a list of participants gathered elsewhere"
)
def compare_participants(
    request: StaffRequest,
    file: File[UploadedFile | None] = None,
    area: Form[str] = "",
    target: Form[str] = "",
) -> Any:
    """A CSV of one row per person: `area_code` and any of `age` (years or a band), `sex`,
    `ethnic_group`, `religion`, `disability` in Census names. Any bad row refuses the whole file
    (422, every problem with its line)."""
    report = selectors.file_reach(
        user=request.user, data=_bytes(file), area=area or None, target=target or None
    )
    return report.as_json()


@router.get("/reach/export", response={200: None}, summary="Export who took part as CSV or XLSX")
def export_reach(
    request: StaffRequest, filters: Query[ReachFilters], format: str = "csv"
) -> HttpResponse | StreamingHttpResponse:
    return selectors.reach_export(
        user=request.user,
        query=_query(request, filters),
        file_format=format,
        query_string=request.GET.urlencode(),
    )


@router.get("/reach/activities/{int:activity_id}", response=ReachReportOut, summary="An activity's reach")
def get_activity_reach(request: StaffRequest, activity_id: int, target: int | None = None) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    return selectors.activity_reach(user=request.user, activity=activity, target=target).as_report_json()


@router.get(
    "/reach/questionnaires/{int:questionnaire_id}/weighted",
    response=WeightedOut,
    summary="A questionnaire's results weighted to the population",
)
def get_weighted_results(request: StaffRequest, questionnaire_id: int, target: int | None = None) -> Any:
    questionnaire = more.questionnaire_get(user=request.user, pk=questionnaire_id)
    return more.weighted_results(user=request.user, questionnaire=questionnaire, target=target).as_json()


@router.get(
    "/reach/map", response=dict[str, Any], summary="The wards of an area as GeoJSON, with their reach"
)
def get_reach_map(request: StaffRequest, area: str) -> Any:
    """A GeoJSON FeatureCollection (WGS84) of the wards of `area` over the last 12 months:
    activities held, equality forms and the groups under-represented."""
    return more.reach_geojson(user=request.user, area=selectors.area_get(area))


@router.get("/reach/unheard", response=UnheardOut, summary="Who haven't we heard from in a neighbourhood?")
def get_unheard(request: StaffRequest, area: str) -> Any:
    return more.unheard(user=request.user, area=selectors.area_get(area)).as_json()


@router.get("/reach/targets", response=list[TargetOut], summary="Target profiles you can use")
def list_target_profiles(request: StaffRequest) -> Any:
    require(request.user, "reach.view_target_profile")
    return [target_out(t) for t in selectors.target_choices(user=request.user)]


@router.post("/reach/targets", response={201: TargetOut}, summary="Import a target profile from CSV")
def import_target_profile(
    request: StaffRequest,
    file: File[UploadedFile | None] = None,
    name: Form[str] = "",
    description: Form[str] = "",
    source: Form[str] = "",
    is_shared: Form[bool] = True,
) -> Any:
    """Columns `dimension`, `category` and `share` or `count`. Any bad row refuses the whole
    file (422, every problem with its line)."""
    if not name.strip():
        raise ValidationError({"name": "Give the target profile a name."})
    profile = services.target_profile_import(
        user=request.user,
        name=name,
        description=description,
        source=source,
        is_shared=is_shared,
        data=_bytes(file),
    )
    return Reply(201, target_out(profile, shares=True))


@router.get("/reach/targets/{int:target_id}", response=TargetOut, summary="A target profile")
def get_target_profile(request: StaffRequest, target_id: int) -> Any:
    return target_out(selectors.target_get(user=request.user, pk=target_id), shares=True)


@router.delete("/reach/targets/{int:target_id}", response={204: None}, summary="Delete a target profile")
def delete_target_profile(request: StaffRequest, target_id: int) -> Any:
    profile = selectors.target_get(user=request.user, pk=target_id)
    services.target_profile_delete(user=request.user, profile=profile)
    return Reply(204, None)
