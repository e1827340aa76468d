"""What coordination's pages, exports and API show of possible duplicates and chances to
piggyback, read once for all of them.

Only activities the reader may see are compared (`visible_to`), never a cancelled one, and never
another organisation's OFFICIAL-SENSITIVE activity (visible_to keeps those from everyone but a
superuser; this keeps them from superusers too). Gathering facts takes a fixed number of queries
whatever the number of activities and pairs (coordination_facts.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.extensions import Panel
from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity, Status
from engagement.selectors import activity_get
from governance.models import Marking
from organisations.models import User

from .coordination_facts import gather, span, window
from .coordination_forms import ReportFilterForm
from .coordination_match import Match, compare, matches_among, matches_for
from .models import JointProposal, MatchKind

PANEL_SIZE = 3
PLANNING = (Status.DRAFT, Status.PLANNED)


def _comparable(user: User) -> QuerySet[Activity]:
    """The activities `user` may see that matching may show."""
    own = Q(lead_organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return (
        Activity.private_objects.visible_to(user)
        .exclude(status=Status.CANCELLED)
        .filter(Q(marking=Marking.OFFICIAL) | own)
        .select_related("method", "lead_organisation")
        .prefetch_related("areas", "audiences", "aims")
    )


def _from(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _to(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _around(
    activities: QuerySet[Activity], start: datetime | None, end: datetime | None
) -> QuerySet[Activity]:
    """Those that may be within the window of [start, end]: a loose cut made in the database."""
    within = window()
    if end is not None:
        activities = activities.filter(starts_at__lte=end + within)
    if start is not None:
        early = start - within
        activities = activities.filter(
            Q(starts_at__gte=early)
            | Q(ends_at__gte=early)
            | Q(response_closes__gte=timezone.localdate(early))
        )
    return activities


def activity_matches(*, user: User, activity: Activity) -> list[Match]:
    """The partner activities that may duplicate `activity` (one `user` may see), or that one of
    the two could piggyback on, best first. Remembered on the activity for the rest of the
    request, so that its page's section and checklist links compare once."""
    require(user, "reach.view_coordination")
    remembered = getattr(activity, "_coordination_matches", None)
    if remembered is not None and remembered[0] == user.pk:
        return list(remembered[1])
    start, end = span(activity)
    candidates = (
        _around(_comparable(user), start, end)
        .exclude(lead_organisation_id=activity.lead_organisation_id)
        .exclude(pk=activity.pk)
    )
    facts, known = gather([activity, *candidates])
    found = matches_for(facts[0], facts[1:], known)
    activity._coordination_matches = (user.pk, found)  # type: ignore[attr-defined]
    return found


@dataclass(frozen=True)
class MatchRow:
    match: Match
    proposal: JointProposal | None  # the latest proposal between the two, if any
    propose_url: str  # "" for those who may not propose


@dataclass(frozen=True)
class ActivityCoordination:
    activity: Activity
    rows: list[MatchRow]
    weeks: float


def _proposals_between(user: User, activity: Activity) -> dict[int, JointProposal]:
    found: dict[int, JointProposal] = {}
    rows = (
        JointProposal.objects.visible_to(user)
        .filter(Q(activity=activity) | Q(other_activity=activity))
        .order_by("created_at", "pk")
    )
    for proposal in rows:
        other = proposal.other_activity_id if proposal.activity_id == activity.pk else proposal.activity_id
        found[other] = proposal
    return found


def activity_coordination(*, user: User, pk: Any) -> ActivityCoordination:
    """An activity's pairs, with what was proposed about each and where to propose."""
    activity = activity_get(user=user, pk=pk)
    can_propose = user.has_perm("reach.propose_joint_activity", activity)
    proposals = _proposals_between(user, activity)
    rows = [
        MatchRow(
            match=m,
            proposal=proposals.get(m.other.pk),
            propose_url=reverse("coordination:propose", kwargs={"pk": activity.pk, "other_pk": m.other.pk})
            if can_propose
            else "",
        )
        for m in activity_matches(user=user, activity=activity)
    ]
    return ActivityCoordination(activity=activity, rows=rows, weeks=window().days / 7)


def activity_panel(user: User, activity: Activity) -> Panel | None:
    """The section of a draft or planned activity's page (core.extensions.activity_panels)."""
    if activity.status not in PLANNING or not user.has_perm("reach.view_coordination"):
        return None
    matches = activity_matches(user=user, activity=activity)
    duplicates = sum(1 for m in matches if m.is_duplicate)
    context = {
        "activity": activity,
        "matches": matches[:PANEL_SIZE],
        "count": len(matches),
        "duplicates": duplicates,
        "piggybacks": len(matches) - duplicates,
        "weeks": window().days / 7,
        "url": reverse("coordination:activity", kwargs={"pk": activity.pk}),
    }
    return Panel("reach/coordination/_panel.html", context)


CHECKLIST_TEXT = {
    2: "Partner activities you could work with",
    3: "Possible clashes with partner activities",
}


def checklist_link(user: User, activity: Activity, point: int) -> tuple[str, str] | None:
    """Points 2 and 3 link to what was found (core.extensions.checklist_links)."""
    if point not in CHECKLIST_TEXT or not user.has_perm("reach.view_coordination"):
        return None
    matches = activity_matches(user=user, activity=activity)
    wanted = [m for m in matches if point == 2 or m.is_duplicate]
    found = f"{len(wanted)} found" if wanted else "none found"
    url = reverse("coordination:activity", kwargs={"pk": activity.pk})
    return f"{CHECKLIST_TEXT[point]}: {found}", url


def pair_match(*, activity: Activity, other: Activity) -> Match | None:
    """The two as a pair, whatever their score, or None when they are no pair at all."""
    facts, known = gather([activity, other])
    return compare(facts[0], facts[1], known, within=window())


@dataclass(frozen=True)
class ProposalDraft:
    activity: Activity
    other: Activity
    match: Match | None


def proposal_draft(*, user: User, pk: Any, other_pk: Any) -> ProposalDraft:
    """The user's activity `pk` and the partner activity `other_pk` a proposal would link:
    Http404 for either out of sight, PermissionDenied for those who may not propose."""
    activity = activity_get(user=user, pk=pk)
    require(user, "reach.propose_joint_activity", activity)
    other = get_visible_or_404(_comparable(user), user, other_pk)
    return ProposalDraft(activity=activity, other=other, match=pair_match(activity=activity, other=other))


@dataclass(frozen=True)
class DuplicatesReport:
    form: ReportFilterForm
    matches: list[Match]


def _inside(activity: Activity, path: str) -> bool:
    return any(area.path.startswith(path) for area in activity.areas.all())


def _keep(match: Match, filters: Mapping[str, Any]) -> bool:
    pair = (match.activity, match.other)
    if filters.get("kind") and match.kind != filters["kind"]:
        return False
    if filters.get("area") and not any(_inside(a, filters["area"].path) for a in pair):
        return False
    if filters.get("organisation") and filters["organisation"].pk not in {
        a.lead_organisation_id for a in pair
    }:
        return False
    since, until = filters.get("starts_from"), filters.get("starts_to")
    return any(
        (not since or a.starts_at >= _from(since)) and (not until or a.starts_at <= _to(until)) for a in pair
    )


def _report(user: User, filters: Mapping[str, Any]) -> list[Match]:
    since, until = filters.get("starts_from"), filters.get("starts_to")
    activities = _around(_comparable(user), _from(since) if since else None, _to(until) if until else None)
    facts, known = gather(list(activities))
    return [m for m in matches_among(facts, known) if _keep(m, filters)]


def duplicates_report(*, user: User, data: Mapping[str, Any] | None) -> DuplicatesReport:
    """Every pair across the register as `user` may see it, narrowed by the filters in `data`;
    nothing when the filters are not valid (the page shows the form's errors)."""
    require(user, "reach.view_coordination")
    form = ReportFilterForm(data or None)
    if form.is_bound and not form.is_valid():
        return DuplicatesReport(form=form, matches=[])
    return DuplicatesReport(form=form, matches=_report(user, form.cleaned_data if form.is_bound else {}))


def duplicates_list(*, user: User, data: Mapping[str, Any] | None) -> list[Match]:
    """The report's pairs, or ValidationError naming the filters that are not valid."""
    report = duplicates_report(user=user, data=data)
    if report.form.is_bound and not report.form.is_valid():
        raise ValidationError({name: [str(e) for e in errors] for name, errors in report.form.errors.items()})
    return report.matches


EXPORT_HEADERS = [
    gettext_lazy("Found"),
    gettext_lazy("Score"),
    gettext_lazy("Why"),
    gettext_lazy("Details"),
    gettext_lazy("What could be done"),
    gettext_lazy("First activity ID"),
    gettext_lazy("First activity"),
    gettext_lazy("First led by"),
    gettext_lazy("First starts"),
    gettext_lazy("First areas"),
    gettext_lazy("Second activity ID"),
    gettext_lazy("Second activity"),
    gettext_lazy("Second led by"),
    gettext_lazy("Second starts"),
    gettext_lazy("Second areas"),
]


def _side(activity: Activity) -> list[Any]:
    return [
        activity.pk,
        activity.title,
        activity.lead_organisation.name,
        activity.starts_at,
        "; ".join(area.name for area in activity.areas.all()),
    ]


def export_rows(*, matches: list[Match]) -> list[list[Any]]:
    return [
        [m.kind_label, m.score, m.reason, "; ".join(m.details), m.advice, *_side(m.activity), *_side(m.other)]
        for m in matches
    ]


def kind_counts(matches: list[Match]) -> dict[str, int]:
    duplicates = sum(1 for m in matches if m.kind == MatchKind.DUPLICATE)
    return {"duplicates": duplicates, "piggybacks": len(matches) - duplicates}
