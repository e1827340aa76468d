"""The dashboard: the first page staff see after signing in (issue 9 §6), for their organisation
and its partnerships. The key numbers, each linking to the page behind it: activities this
quarter, people reached by them (consultations/people.py), groups under-represented in the
user's area over the last year (reach's "who haven't we heard from?"), open consultations,
possible duplicates to look at (coordination) and community contacts due for review; with the
ward map and the reach charts of the area. Everything through the reading doors, so each role
sees what it may; a fixed number of queries, whatever the size of the register."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from consultations.models import Questionnaire, QuestionnaireState
from consultations.people import people_reached_by_activity
from core.permissions import require
from engagement.models import Activity, Status
from organisations.models import Organisation, Partnership, User
from places.models import Area, AreaLevel

from .audit_map import WardMap, map_area, ward_map
from .charts_reach import bar_chart
from .contacts_selectors import contacts_due
from .coordination_selectors import duplicates_list
from .engine import Scope, outermost
from .gather import reader_for
from .models import MatchKind
from .report import ReachReport, heard_report

YEAR = timedelta(days=365)
DUPLICATES_AHEAD = timedelta(weeks=12)
CHARTS = 2


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    detail: str
    url: str


@dataclass
class Dashboard:
    organisation: Organisation | None
    partnerships: list[str]
    area: Area | None
    areas: list[Area]
    quarter: tuple[date, date]
    figures: list[Figure] = field(default_factory=list)
    map: WardMap | None = None
    report: ReachReport | None = None
    charts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def quarter_label(self) -> str:
        return f"{self.quarter[0]:%B} to {self.quarter[1]:%B %Y}"

    def as_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation.name if self.organisation else None,
            "partnerships": self.partnerships,
            "area": {"code": self.area.code, "name": self.area.name} if self.area else None,
            "quarter": {"starts": self.quarter[0], "ends": self.quarter[1]},
            "figures": [
                {"key": f.key, "label": f.label, "value": f.value, "detail": f.detail, "url": f.url}
                for f in self.figures
            ],
            "under_represented": [
                {"dimension": d.label, "groups": [c.label for c in cells]} for d, cells in self.report.under
            ]
            if self.report
            else [],
        }


def quarter_bounds(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def _partners(user: User) -> tuple[list[str], set[int], list[Area]]:
    """The user's partnerships' names, their member organisations and their areas."""
    if not user.organisation_id:
        return [], set(), []
    rows = Partnership.members.through.objects.filter(partnership__members=user.organisation_id).values_list(
        "partnership__name", "organisation_id"
    )
    names, members = set(), set()
    for name, organisation_id in rows:
        names.add(name)
        members.add(organisation_id)
    areas = list(Area.objects.filter(partnerships__members=user.organisation_id).distinct())
    return sorted(names), members, areas


def user_areas(user: User, partnership_areas: list[Area]) -> list[Area]:
    """The areas the dashboard can show: the partnerships' and the organisation's (outermost
    first), or the force areas for somebody of no organisation."""
    own = list(user.organisation.areas.all()) if user.organisation_id and user.organisation else []
    found = outermost(partnership_areas) + [a for a in outermost(own) if a not in partnership_areas]
    return found or list(Area.objects.filter(level=AreaLevel.FORCE).order_by("name"))


def _link(name: str, **query: Any) -> str:
    shown = {k: v for k, v in query.items() if v not in (None, "")}
    return reverse(name) + (f"?{urlencode(shown)}" if shown else "")


def _activity_figures(user: User, dashboard: Dashboard, members: set[int]) -> list[Figure]:
    first, last = dashboard.quarter
    own = user.organisation_id
    live = Questionnaire.private_objects.filter(activity_id=OuterRef("pk"), state=QuestionnaireState.LIVE)
    rows = (
        Activity.private_objects.visible_to(user)
        .exclude(status=Status.CANCELLED)
        .filter(Q(starts_at__date__gte=first, starts_at__date__lte=last) | Q(status=Status.OPEN))
        .annotate(live=Exists(live))
        .values_list("pk", "lead_organisation_id", "status", "consultation_kind", "live", "starts_at")
    )
    scope = ({own} | members) if own else None
    quarter, consultations = [], []
    for pk, lead, status, kind, is_live, starts in rows:
        if scope is not None and lead not in scope:
            continue
        if first <= timezone.localtime(starts).date() <= last:
            quarter.append((pk, lead))
        if status == Status.OPEN and (kind or is_live):
            consultations.append(lead)
    reached = people_reached_by_activity([pk for pk, _ in quarter])
    mine = [pk for pk, lead in quarter if lead == own]
    slug = dashboard.organisation.slug if dashboard.organisation else ""
    partnership = f" and {len(quarter):,} across your partnerships" if members else ""
    people_partnership = f" and {sum(reached.values()):,} by your partnerships'" if members else ""
    return [
        Figure(
            "activities",
            "Activities this quarter",
            len(mine) if own else len(quarter),
            (f"Led by your organisation{partnership}" if own else "Across the register")
            + f", starting {first:%-d %B} to {last:%-d %B %Y} (cancelled ones left out).",
            _link("engagement:activity_list", organisation=slug, starts_from=first, starts_to=last),
        ),
        Figure(
            "people",
            "People reached",
            sum(reached.get(pk, 0) for pk in mine) if own else sum(reached.values()),
            (
                f"By your organisation's activities this quarter{people_partnership}"
                if own
                else "By this quarter's activities"
            )
            + ": responses, and people at events.",
            _link("engagement:activity_list", organisation=slug, starts_from=first, starts_to=last),
        ),
        Figure(
            "consultations",
            "Open consultations",
            sum(1 for lead in consultations if lead == own) if own else len(consultations),
            "Led by your organisation"
            + (f", {len(consultations):,} across your partnerships." if members else ".")
            if own
            else "Across the register.",
            _link("engagement:activity_list", organisation=slug, status=Status.OPEN),
        ),
    ]


def _reach_figure(user: User, dashboard: Dashboard, today: date) -> Figure | None:
    area = dashboard.area
    if area is None:
        return None
    since = today - YEAR
    report = heard_report(
        scope=Scope(area=area, since=since, until=today),
        activities=Activity.private_objects.visible_to(user),
        reader=reader_for(user),
        people=False,
    )
    dashboard.report = report
    groups = [c.label for _, cells in report.under for c in cells]
    detail = (
        f"Under-represented in {area.name} over the last 12 months: "
        + ", ".join(groups[:4])
        + ("…" if len(groups) > 4 else ".")
        if groups
        else f"No group clearly under-represented in {area.name} over the last 12 months."
    )
    if area.level == AreaLevel.NEIGHBOURHOOD:
        url = _link("reach:unheard", area=area.code)
    else:
        url = _link("reach:reach", area=area.code, since=since, until=today)
    charted = [d for d in report.dimensions if d.under][:CHARTS] or report.dimensions[:1]
    dashboard.charts = [
        {
            "dimension": d,
            "chart": bar_chart(d, whom="the people who live there", chart_id=f"dashboard-{d.dimension}"),
        }
        for d in charted
    ]
    return Figure("gaps", "Representation gaps", len(groups), detail, url)


def _coordination_figures(user: User, dashboard: Dashboard, today: date) -> list[Figure]:
    organisation = dashboard.organisation
    data = {
        "kind": MatchKind.DUPLICATE,
        "starts_from": today.isoformat(),
        "starts_to": (today + DUPLICATES_AHEAD).isoformat(),
        "organisation": organisation.slug if organisation else "",
    }
    duplicates = len(duplicates_list(user=user, data={k: v for k, v in data.items() if v}))
    figures = [
        Figure(
            "duplicates",
            "Duplicates to look at",
            duplicates,
            "Possible duplicates between partners' activities"
            + (" and your organisation's" if organisation else "")
            + " in the next 12 weeks.",
            _link("coordination:report", **data),
        )
    ]
    if user.has_perm("reach.view_contact"):
        figures.append(
            Figure(
                "contacts",
                "Contacts due for review",
                contacts_due(user=user).count(),
                "Community contacts whose consent is due for review.",
                reverse("contacts:contact_review"),
            )
        )
    return figures


def dashboard(*, user: User, area: Area | None = None, today: date | None = None) -> Dashboard:
    """The dashboard for `user`, of `area` (one of theirs; by default the first)."""
    require(user, "reach.view_dashboard")
    today = today or timezone.localdate()
    names, members, partnership_areas = _partners(user)
    areas = user_areas(user, partnership_areas)
    shown = Dashboard(
        organisation=user.organisation if user.organisation_id else None,
        partnerships=names,
        area=area or (areas[0] if areas else None),
        areas=areas,
        quarter=quarter_bounds(today),
    )
    shown.figures = _activity_figures(user, shown, members)
    gaps = _reach_figure(user, shown, today)
    shown.figures[2:2] = [gaps] if gaps else []
    shown.figures += _coordination_figures(user, shown, today)
    if shown.area is not None:
        shown.map = ward_map(user=user, area=map_area(shown.area), today=today)
    return shown
