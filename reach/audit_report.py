"""The partnership snapshot audit report, answering seed 000's questions for a scope
(audit_scope.py): "Which projects target specific audiences, which reach the community as a
whole?", "Where are there gaps in policing engagement that others' consultation can fill?",
"Which activities can be 'piggybacked' onto? Are there costs associated with this?" and "Can
the police share certain resources with other organisations?". Shaped once here for the page,
the PDF, the XLSX and the API; only activities the reader may see are in it."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from engagement.models import Activity
from organisations.models import User
from places.models import Area

from .audit_scope import AuditScope, Gathered, gather
from .audit_taxonomy import is_whole_community, norm
from .coordination_selectors import duplicates_list
from .models import JointProposal, MatchKind

NOT_A_VENUE = {"", "online", "by post", "various", "tbc", "to be confirmed", "n a", "none", "various venues"}


def money(amount: Decimal | None) -> str:
    if amount is None:
        return "Not given"
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


@dataclass(frozen=True)
class ActivityLine:
    id: int
    title: str
    organisation: str
    police: bool
    method: str
    purpose: str
    audiences: tuple[str, ...]  # the audiences it targets (not "Residents")
    areas: tuple[str, ...]
    starts: date
    ends: date | None
    venue: str
    budget: Decimal | None
    contact: str

    @property
    def whole_community(self) -> bool:
        return not self.audiences

    @property
    def cost(self) -> str:
        return money(self.budget)

    @property
    def when(self) -> str:
        if self.ends and self.ends != self.starts:
            return f"{self.starts:%-d %B %Y} to {self.ends:%-d %B %Y}"
        return f"{self.starts:%-d %B %Y}"

    @property
    def url(self) -> str:
        return reverse("engagement:activity_detail", kwargs={"pk": self.id})

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "organisation": self.organisation,
            "police": self.police,
            "method": self.method,
            "purpose": self.purpose,
            "audiences": list(self.audiences),
            "whole_community": self.whole_community,
            "areas": list(self.areas),
            "starts": self.starts,
            "ends": self.ends,
            "venue": self.venue,
            "cost": float(self.budget) if self.budget is not None else None,
            "contact": self.contact,
        }


def line_of(activity: Activity, scope: AuditScope) -> ActivityLine:
    targeted = [a.name for a in activity.audiences.all() if not is_whole_community(a)]
    ends = timezone.localtime(activity.ends_at).date() if activity.ends_at else None
    return ActivityLine(
        id=activity.pk,
        title=activity.title,
        organisation=activity.lead_organisation.name,
        police=scope.is_police(activity.lead_organisation_id),
        method=activity.method.name,
        purpose=activity.get_purpose_display(),
        audiences=tuple(sorted(targeted)),
        areas=tuple(sorted(a.name for a in activity.areas.all())),
        starts=timezone.localtime(activity.starts_at).date(),
        ends=ends,
        venue=activity.venue,
        budget=activity.budget,
        contact=activity.contact_name,
    )


@dataclass(frozen=True)
class OrganisationTargeting:
    organisation: str
    police: bool
    specific: int
    whole: int


@dataclass(frozen=True)
class Gap:
    """An audience that partners reach in some wards and no police activity does there."""

    audience: str
    areas: tuple[str, ...]
    partners: tuple[ActivityLine, ...]  # the partner activities that reach them there


@dataclass(frozen=True)
class Piggyback:
    police: ActivityLine
    partner: ActivityLine
    reason: str
    advice: str
    score: float
    proposal: str  # what was proposed between the two, in words ("" for nothing yet)


@dataclass(frozen=True)
class Shared:
    """A resource several organisations use: a method or a venue in the same places, or an
    audience they each reach."""

    what: str
    organisations: tuple[str, ...]
    areas: tuple[str, ...]
    activities: tuple[ActivityLine, ...]


@dataclass(frozen=True)
class AuditReport:
    scope: AuditScope
    lines: list[ActivityLine]
    targeting: list[OrganisationTargeting]
    gaps: list[Gap]
    piggybacks: list[Piggyback]
    shared_methods: list[Shared]
    shared_venues: list[Shared]
    shared_audiences: list[Shared]

    @property
    def specific(self) -> list[ActivityLine]:
        return [line for line in self.lines if not line.whole_community]

    @property
    def whole(self) -> list[ActivityLine]:
        return [line for line in self.lines if line.whole_community]

    @property
    def police_names(self) -> list[str]:
        return sorted({t.organisation for t in self.targeting if t.police})

    @property
    def partner_names(self) -> list[str]:
        return sorted({t.organisation for t in self.targeting if not t.police})

    @property
    def piggyback_cost(self) -> str:
        """What the partner activities one could piggyback on cost between them ("" if unknown)."""
        costs = {p.partner.id: p.partner.budget for p in self.piggybacks if p.partner.budget is not None}
        return money(sum(costs.values(), Decimal(0))) if costs else ""


def _targeting(lines: Sequence[ActivityLine]) -> list[OrganisationTargeting]:
    counts: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        counts[line.organisation, line.police][1 if line.whole_community else 0] += 1
    return [
        OrganisationTargeting(organisation=name, police=police, specific=n[0], whole=n[1])
        for (name, police), n in sorted(counts.items(), key=lambda kv: (not kv[0][1], kv[0][0]))
    ]


def _gaps(gathered: Gathered, lines: dict[int, ActivityLine], rows: Sequence[Area]) -> list[Gap]:
    """Per audience, the wards a partner reaches it in and no police activity does (coverage's
    rule: an activity for everyone fills no audience's gap), with the partner activities."""
    police: set[tuple[int, str]] = set()
    partners: dict[tuple[int, str], list[ActivityLine]] = defaultdict(list)
    for activity in gathered.activities:
        line = lines[activity.pk]
        for row in gathered.covers[activity.pk]:
            for audience in line.audiences:
                if line.police:
                    police.add((row, audience))
                else:
                    partners[row, audience].append(line)
    by_audience: dict[str, tuple[set[int], dict[int, ActivityLine]]] = defaultdict(lambda: (set(), {}))
    for (row, audience), found in partners.items():
        if (row, audience) not in police:
            wards, reaching = by_audience[audience]
            wards.add(row)
            reaching.update((line.id, line) for line in found)
    return [
        Gap(audience=audience, areas=_names(rows, wards), partners=tuple(reaching.values()))
        for audience, (wards, reaching) in sorted(by_audience.items())
    ]


def _proposals(user: User, ids: set[int]) -> dict[frozenset[int], str]:
    found = {}
    for proposal in (
        JointProposal.objects.visible_to(user)
        .filter(Q(activity_id__in=ids) & Q(other_activity_id__in=ids))
        .order_by("created_at", "pk")
    ):
        found[frozenset({proposal.activity_id, proposal.other_activity_id})] = (
            f"Joint working proposed: {proposal.get_state_display().lower()}"
        )
    return found


def _piggybacks(user: User, scope: AuditScope, lines: dict[int, ActivityLine]) -> list[Piggyback]:
    """Coordination's chances to piggyback between a police activity and a partner's."""
    data = {
        "kind": MatchKind.PIGGYBACK,
        "starts_from": scope.since.isoformat(),
        "starts_to": scope.until.isoformat(),
    }
    chosen: list[tuple[ActivityLine, ActivityLine, Any]] = []
    for match in duplicates_list(user=user, data=data):
        first, second = lines.get(match.activity.pk), lines.get(match.other.pk)
        if first is None or second is None or first.police == second.police:
            continue
        chosen.append((first, second, match) if first.police else (second, first, match))
    proposed = _proposals(user, {line.id for police, partner, _ in chosen for line in (police, partner)})
    return [
        Piggyback(
            police=police,
            partner=partner,
            reason=match.reason,
            advice=match.advice,
            score=match.score,
            proposal=proposed.get(frozenset({police.id, partner.id}), ""),
        )
        for police, partner, match in chosen
    ]


def _names(rows: Sequence[Area], indexes: set[int]) -> tuple[str, ...]:
    return tuple(sorted(rows[i].name for i in indexes))


def _shared_by(
    gathered: Gathered, lines: dict[int, ActivityLine], rows: Sequence[Area], key: str
) -> list[Shared]:
    """What (a method, or an audience) several organisations use in the same wards."""
    places: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    used: dict[str, list[ActivityLine]] = defaultdict(list)
    for activity in gathered.activities:
        line = lines[activity.pk]
        for what in (line.method,) if key == "method" else line.audiences:
            places[what][line.organisation] |= gathered.covers[activity.pk]
            used[what].append(line)
    shared = []
    for what, by_org in sorted(places.items()):
        together: set[int] = set()
        involved: set[str] = set()
        for (org_a, rows_a), (org_b, rows_b) in combinations(sorted(by_org.items()), 2):
            if rows_a & rows_b:
                together |= rows_a & rows_b
                involved |= {org_a, org_b}
        if involved:
            found = tuple(line for line in used[what] if line.organisation in involved)
            shared.append(Shared(what, tuple(sorted(involved)), _names(rows, together), found))
    return shared


def _shared_venues(lines: Sequence[ActivityLine]) -> list[Shared]:
    venues: dict[str, list[ActivityLine]] = defaultdict(list)
    for line in lines:
        if norm(line.venue) not in NOT_A_VENUE:
            venues[norm(line.venue)].append(line)
    return [
        Shared(found[0].venue, tuple(sorted({f.organisation for f in found})), (), tuple(found))
        for _, found in sorted(venues.items())
        if len({f.organisation for f in found}) > 1
    ]


def audit_report(*, user: User, scope: AuditScope) -> AuditReport:
    """The report for `scope` (built by audit_scope, which checked the user may read it)."""
    gathered = gather(user=user, scope=scope)
    lines = {a.pk: line_of(a, scope) for a in gathered.activities}
    ordered = list(lines.values())
    return AuditReport(
        scope=scope,
        lines=ordered,
        targeting=_targeting(ordered),
        gaps=_gaps(gathered, lines, scope.rows),
        piggybacks=_piggybacks(user, scope, lines),
        shared_methods=_shared_by(gathered, lines, scope.rows, "method"),
        shared_venues=_shared_venues(ordered),
        shared_audiences=_shared_by(gathered, lines, scope.rows, "audiences"),
    )
