"""Coordination in the demo: the council and the police both planning a youth-safety focus group
in Stretford a week apart (a possible duplicate), a council survey of the Clifford estates that
could carry the police's questions about burglary and anti-social behaviour (a chance to
piggyback), and the police's proposal to the council to run one joint focus group. Wards'
neighbours are worked out from the demo's boundaries. Safe to run again: nothing is duplicated.
The lead calls `demo_load_coordination` from heard/demo.py once users and places are loaded."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from engagement.models import Activity, Method, Status
from engagement.services import AimInput, activity_create
from organisations.models import User
from places.models import Area, Audience

from .coordination_neighbours import area_neighbours_refresh
from .coordination_services import proposal_create
from .models import JointProposal

STRETFORD, CLIFFORD = "E05000836", "E05000825"
POLICE_YOUTH = "Youth safety in Stretford: young people's focus group"
COUNCIL_YOUTH = "Stretford youth safety focus group"
COUNCIL_SURVEY = "Clifford estates residents' survey"
POLICE_BRIEFING = "Burglary prevention street briefing, Clifford"
PROPOSAL_MESSAGE = (
    "We are both planning a focus group with young people in Stretford on knife crime and feeling "
    "safe, a week apart. Shall we run one joint session at Stretford Youth Centre, with questions "
    "from both of us, and share what we hear?"
)


@dataclass
class CoordinationDemo:
    neighbour_pairs: int
    created_activities: int
    proposals: int


def _specs(today: date) -> list[dict[str, Any]]:
    """(who leads, and the activity): two youth focus groups a week apart, a survey and a briefing."""
    return [
        {
            "lead": "officer",
            "title": POLICE_YOUTH,
            "method": "focus-group",
            "purpose": "forums_for_debate",
            "area": STRETFORD,
            "audiences": ["young-people"],
            "day": today + timedelta(days=12),
            "aim": "Hear how safe young people feel in Stretford and what would reduce knife crime",
            "linked_to": "Local policing plan 2026/27",
            "venue": "Stretford Youth Centre",
        },
        {
            "lead": "partner",
            "title": COUNCIL_YOUTH,
            "method": "focus-group",
            "purpose": "forums_for_debate",
            "area": STRETFORD,
            "audiences": ["young-people"],
            "day": today + timedelta(days=19),
            "aim": "Find out what makes young people feel unsafe in Stretford, knife crime included, for the youth safety plan",
            "linked_to": "Safer Trafford Partnership strategy 2025-28",
            "venue": "Stretford Library",
        },
        {
            "lead": "partner",
            "title": COUNCIL_SURVEY,
            "method": "online-survey",
            "purpose": "getting_information",
            "area": CLIFFORD,
            "audiences": ["residents", "tenants-and-residents-associations"],
            "day": today + timedelta(days=14),
            "aim": "Ask tenants about repairs, anti-social behaviour and feeling safe on the estates",
            "linked_to": "Trafford housing strategy",
            "venue": "Online and at Old Trafford library",
            "window": 35,
        },
        {
            "lead": "officer",
            "title": POLICE_BRIEFING,
            "method": "street-briefing",
            "purpose": "giving_information",
            "area": CLIFFORD,
            "audiences": ["residents"],
            "day": today + timedelta(days=21),
            "aim": "Tell residents how to protect their homes after a rise in burglaries, and hear their worries about anti-social behaviour",
            "linked_to": "Neighbourhood priority agreed at the last PACT meeting",
            "venue": "Outside the Co-op, Shrewsbury Street",
        },
    ]


def _activity(spec: dict[str, Any], user: User) -> tuple[Activity, bool]:
    found = Activity.private_objects.filter(title=spec["title"], lead_organisation=user.organisation).first()
    if found is not None:
        return found, False
    starts = timezone.make_aware(datetime.combine(spec["day"], time(18)))
    window: dict[str, Any] = {}
    if spec.get("window"):
        opens = spec["day"]
        window = {
            "consultation_kind": "focused",
            "response_opens": opens,
            "response_closes": opens + timedelta(days=spec["window"]),
        }
    activity = activity_create(
        user=user,
        title=spec["title"],
        summary=spec["aim"] + ".",
        purpose=spec["purpose"],
        method=Method.objects.get(slug=spec["method"]),
        level="neighbourhood",
        areas=[Area.objects.get(code=spec["area"])],
        audiences=list(Audience.objects.filter(slug__in=spec["audiences"])),
        contact_name=user.display_name(),
        contact_email=user.email,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue=spec["venue"],
        status=Status.PLANNED,
        is_published=True,
        aims=[AimInput(text=spec["aim"], linked_to=spec["linked_to"])],
        **window,
    )
    return activity, True


@transaction.atomic
def demo_load_coordination(*, officer: User, partner: User, today: date | None = None) -> CoordinationDemo:
    """Add the demo's clash, piggyback chance and proposal. `officer` is the police's engagement
    officer, `partner` the council's partner user; the two organisations share their activities."""
    today = today or timezone.localdate()
    pairs = area_neighbours_refresh()
    users = {"officer": officer, "partner": partner}
    made = {}
    created = 0
    for spec in _specs(today):
        made[spec["title"]], new = _activity(spec, users[spec["lead"]])
        created += new
    police, council = made[POLICE_YOUTH], made[COUNCIL_YOUTH]
    between = JointProposal.objects.filter(
        activity__in=[police, council], other_activity__in=[police, council]
    )
    if not between.exists():
        proposal_create(user=officer, activity=police, other_activity=council, message=PROPOSAL_MESSAGE)
    return CoordinationDemo(neighbour_pairs=pairs, created_activities=created, proposals=between.count())
