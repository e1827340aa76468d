"""What a partnership audit report covers: a partnership (its members' activities) or every
organisation, an area (by default the partnership's) and a period (by default the last year and
the next six months), and the activities in it as the reader may see them: counted the way
coverage counts them (reach/coverage.py: not drafts, not cancelled; an activity covers a ward
when it is held there, inside it, or across an area containing it). The police are the member
organisations of the police and police authority sectors; everyone else is a partner."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.permissions import require
from core.shortcuts import get_or_404
from engagement.models import Activity
from organisations.models import Organisation, Partnership, Sector, User
from places.models import Area

from .coverage_areas import AreaCover, counted_activities, covered_rows, overlapping
from .engine import outermost

BACK = timedelta(days=365)
AHEAD = timedelta(days=183)
POLICE_SECTORS = (Sector.POLICE, Sector.POLICE_AUTHORITY)


@dataclass(frozen=True)
class AuditScope:
    partnership: Partnership | None
    area: Area
    since: date
    until: date
    members: frozenset[int] | None  # the partnership's organisations; None: every organisation
    police: frozenset[int]  # ids of the police organisations (of the partnership, if one)
    rows: list[Area]  # the wards the gaps are looked for in (or the area itself)

    @property
    def title(self) -> str:
        whose = self.partnership.name if self.partnership else "Every organisation"
        return f"{whose}: {self.area.name}"

    @property
    def period_label(self) -> str:
        return f"{self.since:%-d %B %Y} to {self.until:%-d %B %Y}"

    def is_police(self, organisation_id: int) -> bool:
        return organisation_id in self.police


def report_partnerships(*, user: User) -> list[Partnership]:
    """The partnerships whose audit the user may read: those their organisation is in."""
    found = (
        Partnership.objects.all()
        if user.is_superuser
        else Partnership.objects.filter(members=user.organisation_id)
    )
    return list(found.order_by("name"))


def report_partnership_get(*, user: User, pk: object) -> Partnership:
    """A partnership whose audit the user may read, by id (a 404 for any other)."""
    found = Partnership.objects.filter(pk__in=[p.pk for p in report_partnerships(user=user)])
    return get_or_404(found, pk)


def default_area(*, user: User, partnership: Partnership | None) -> Area | None:
    """The partnership's area, else the user's organisation's (the outermost, by name)."""
    for areas in (
        partnership.areas.all() if partnership else Area.objects.none(),
        user.organisation.areas.all() if user.organisation else Area.objects.none(),
    ):
        found = outermost(areas)
        if found:
            return found[0]
    return None


def audit_scope(
    *,
    user: User,
    partnership: Partnership | None = None,
    area: Area | None = None,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> AuditScope:
    """The scope asked for, with its defaults; ValidationError when it cannot be one."""
    require(user, "reach.view_partnership_audit", partnership)
    today = today or timezone.localdate()
    since, until = since or today - BACK, until or today + AHEAD
    if since > until:
        raise ValidationError({"until": "The end of the period must be on or after its start."})
    area = area or default_area(user=user, partnership=partnership)
    if area is None:
        raise ValidationError({"area": "Choose an area: the partnership has none of its own."})
    members = frozenset(partnership.members.values_list("pk", flat=True)) if partnership else None
    police = Organisation.objects.filter(sector__in=POLICE_SECTORS)
    if members is not None:
        police = police.filter(pk__in=members)
    wards = list(Area.objects.within(area).neighbourhoods().order_by("name"))
    return AuditScope(
        partnership=partnership,
        area=area,
        since=since,
        until=until,
        members=members,
        police=frozenset(police.values_list("pk", flat=True)),
        rows=wards or [area],
    )


@dataclass(frozen=True)
class Gathered:
    activities: list[Activity]  # with method, lead organisation, areas and audiences
    covers: dict[int, set[int]]  # activity id -> indexes of the scope's rows it covers


def gather(*, user: User, scope: AuditScope) -> Gathered:
    """The activities of the scope that the user may see, in date order."""
    found = overlapping(counted_activities(user), scope.since, scope.until)
    if scope.members is not None:
        found = found.filter(lead_organisation_id__in=scope.members)
    covers = covered_rows(list(found.values_list("pk", flat=True)), AreaCover(scope.rows))
    kept = {pk: rows for pk, rows in covers.items() if rows}
    activities = list(
        Activity.private_objects.filter(pk__in=list(kept))
        .select_related("method", "lead_organisation")
        .prefetch_related("areas", "audiences")
        .order_by("starts_at", "pk")
    )
    return Gathered(activities=activities, covers=kept)
