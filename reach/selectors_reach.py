"""The reading door of reach: what the reach pages, their API twins and exports show, shaped
once. Activities come from `visible_to(user)`; equality counts are suppressed for the reader
(`gather.reader_for`: the owning organisation's staff see their own exactly on pages, everyone
else and every export sees "fewer than 10"); ids and codes that name nothing the reader may see
are a 404, bad filters a ValidationError."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.extensions import Panel
from core.permissions import require
from core.shortcuts import get_visible_or_404, parse_id
from engagement.models import Activity
from governance.exports import FORMATS, Sheet, export_response
from organisations.models import User
from places.models import Area, Audience

from .engine import CSV_HEADERS, Scope, outermost
from .gather import EVERYTHING, reader_for
from .models import TargetProfile
from .participants_file import ParticipantsFileError, read_participants
from .report import ReachReport, build, heard_report, population_for


def area_choices() -> QuerySet[Area]:
    """Areas people plan engagement for, in tree order."""
    return Area.objects.engagement_levels().order_by("path")


def audience_choices() -> QuerySet[Audience]:
    return Audience.objects.filter(is_active=True).order_by("name")


def target_choices(*, user: User) -> QuerySet[TargetProfile]:
    return TargetProfile.objects.visible_to(user).select_related("organisation").order_by("name")


def area_get(code_or_id: Any) -> Area:
    """An area by its ONS code (or id); areas are open data, so any staff member may name one."""
    text = str(code_or_id or "").strip().upper()
    found = Area.objects.filter(code=text).first()
    if found is None and (pk := parse_id(text)) is not None:
        found = Area.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such area.")
    return found


def target_get(*, user: User, pk: Any) -> TargetProfile:
    require(user, "reach.view_target_profile")
    return get_visible_or_404(TargetProfile.objects.select_related("organisation"), user, pk)


@dataclass(frozen=True)
class ReachQuery:
    scope: Scope
    target: TargetProfile | None = None


def reach_query(
    *,
    user: User,
    area: Any = None,
    audience: Any = None,
    activity: Any = None,
    since: date | None = None,
    until: date | None = None,
    target: Any = None,
) -> ReachQuery:
    """The scope asked for, each part checked: areas by code, audiences by slug, an activity and
    a target profile among those the user may see (a 404 otherwise)."""
    require(user, "reach.view_reach")
    if since and until and since > until:
        raise ValidationError({"until": "The end of the period must be after its start."})
    chosen_activity = None
    if activity not in (None, ""):
        chosen_activity = get_visible_or_404(Activity.private_objects.all(), user, activity)
        require(user, "reach.view_activity_reach", chosen_activity)
    chosen_audience = None
    if audience not in (None, ""):
        chosen_audience = Audience.objects.filter(slug=str(audience).strip()).first()
        if chosen_audience is None:
            raise ValidationError({"audience": "There is no such audience."})
    if chosen_activity is None and area in (None, "") and chosen_audience is None:
        raise ValidationError({"area": "Choose an area, an audience or an activity."})
    return ReachQuery(
        scope=Scope(
            activity=chosen_activity,
            area=area_get(area) if area not in (None, "") else None,
            audience=chosen_audience,
            since=since,
            until=until,
        ),
        target=target_get(user=user, pk=target) if target not in (None, "") else None,
    )


def reach_report(*, user: User, query: ReachQuery, export: bool = False, people: bool = True) -> ReachReport:
    """Participants in the query's scope against its population, as this reader may see them."""
    require(user, "reach.export_reach" if export else "reach.view_reach")
    return heard_report(
        scope=query.scope,
        activities=Activity.private_objects.visible_to(user),
        reader=reader_for(user, export=export),
        target=query.target,
        people=people,
    )


def activity_get(*, user: User, pk: Any) -> Activity:
    activity = get_visible_or_404(Activity.private_objects.select_related("lead_organisation"), user, pk)
    require(user, "reach.view_activity_reach", activity)
    return activity


def activity_reach(*, user: User, activity: Activity, target: Any = None) -> ReachReport:
    query = ReachQuery(
        scope=Scope(activity=activity), target=target_get(user=user, pk=target) if target else None
    )
    return reach_report(user=user, query=query)


def file_reach(*, user: User, data: bytes, area: Any = None, target: Any = None) -> ReachReport:
    """Reach of a participants file gathered elsewhere: the user's own data, so shown exactly.
    Problems come back as a ValidationError on `file`, one message per problem with its line."""
    require(user, "reach.upload_participants")
    within = area_get(area) if area not in (None, "") else None
    chosen = target_get(user=user, pk=target) if target not in (None, "") else None
    try:
        found = read_participants(data, within=within)
    except ParticipantsFileError as error:
        raise ValidationError({"file": error.problems}) from error
    areas = [within] if within is not None else outermost(found.areas)
    scope = Scope(area=within)
    title = f"A list of {found.participants.forms:,} participants" + (f" in {within.name}" if within else "")
    return build(
        title=title,
        scope=scope,
        participants=found.participants,
        population=population_for(areas, chosen),
        left_out=found.left_out,
    )


def reach_export(
    *, user: User, query: ReachQuery, file_format: str, query_string: str = ""
) -> HttpResponse | StreamingHttpResponse:
    """The reach table as CSV or XLSX: suppressed for everyone (issue 9: exports), audited."""
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    report = reach_report(user=user, query=query, export=True, people=False)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"heard-reach-{stamp}",
        sheets=[Sheet("Reach", CSV_HEADERS, report.rows())],
        object_type="reach.report",
        changes={"scope": report.title[:300], "query": query_string[:500]},
    )


def activity_panel(user: User, activity: Activity) -> Panel | None:
    """ "Who took part" on an activity's page: its equality forms and people reached against the
    population of its areas, in brief, linking to the full page."""
    if not user.has_perm("reach.view_activity_reach", activity):
        return None
    report = reach_report(user=user, query=ReachQuery(scope=Scope(activity=activity)))
    return Panel("reach/reach/_panel.html", {"activity": activity, "report": report})


def command_report(
    *, scope: Scope, target: TargetProfile | None, participants_file: bytes | None
) -> ReachReport:
    """For `manage.py reach`: the person running it holds the database, so counts are exact."""
    if participants_file is None:
        return heard_report(
            scope=scope, activities=Activity.private_objects.all(), reader=EVERYTHING, target=target
        )
    found = read_participants(participants_file, within=scope.area)
    areas = [scope.area] if scope.area is not None else outermost(found.areas)
    return build(
        title=scope.describe(),
        scope=scope,
        participants=found.participants,
        population=population_for(areas, target),
        left_out=found.left_out,
    )
