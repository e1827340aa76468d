"""The demo: real Trafford places and Census profiles, ten partner organisations, one login
per role, and about forty activities over the past and next twelve months in every status,
with checklist answers. Deterministic and safe to run again (nothing is duplicated)."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from engagement.checklist import EVALUATION_POINT, Stage, applicable_points
from engagement.models import Activity, Answer, ChecklistAnswer, EngagementPlan, Method, Status
from engagement.services import AimInput, activity_create
from governance.models import Marking
from organisations.demo_agreements import agreements_demo_load
from organisations.models import (
    DataSharingAgreement,
    Organisation,
    Partnership,
    PartnershipKind,
    Role,
    Sector,
    User,
)
from organisations.services import user_create
from places.demo import places_demo_load
from places.models import Area, AreaLevel, Audience

from .demo_consultations import consultations_demo_load
from .demo_parts import demo_load_parts

DEMO_PASSWORD = "heard-demo-2026"  # noqa: S105 - printed for the demo, never for production

ORGANISATIONS = [
    ("Greater Manchester Police", Sector.POLICE),
    ("Greater Manchester Combined Authority (Policing and Crime)", Sector.POLICE_AUTHORITY),
    ("Trafford Council", Sector.LOCAL_AUTHORITY),
    ("NHS Greater Manchester (Trafford locality)", Sector.HEALTH),
    ("Greater Manchester Fire and Rescue Service", Sector.FIRE),
    ("Trafford Housing Trust", Sector.HOUSING),
    ("Trafford Community Voluntary Network", Sector.VOLUNTARY),
    ("Trafford Faith Forum", Sector.FAITH),
    ("Altrincham Business Improvement District", Sector.BUSINESS),
    ("Trafford College", Sector.EDUCATION),
]

# username, organisation index, role, first name, last name, job title
USERS = [
    ("admin", 0, Role.ADMIN, "Alex", "Admin", "Heard administrator"),
    ("officer", 0, Role.ENGAGEMENT_OFFICER, "Priya", "Shah", "Neighbourhood engagement officer"),
    ("analyst", 0, Role.ANALYST, "Tom", "Byrne", "Partnership analyst"),
    ("intel", 0, Role.INTELLIGENCE_OFFICER, "Grace", "Okafor", "Local intelligence officer"),
    ("partner", 2, Role.PARTNER_USER, "Sam", "Whitworth", "Community safety officer, Trafford Council"),
    ("member", 1, Role.AUTHORITY_MEMBER, "Dev", "Mistry", "Policing and crime panel member"),
]

# title pattern, method slug, purpose, audiences (slugs), consultation kind
TEMPLATES = [
    ("PACT meeting: {ward}", "pact-meeting", "forums_for_debate", ["residents"], ""),
    (
        "Street briefing on anti-social behaviour, {ward}",
        "street-briefing",
        "giving_information",
        ["residents", "young-people"],
        "",
    ),
    (
        "Beat surgery at {ward} library",
        "beat-surgery",
        "getting_information",
        ["residents", "older-people"],
        "",
    ),
    ("Youth voice session, {ward}", "focus-group", "participation", ["young-people", "students"], ""),
    (
        "Door-knocking after burglaries in {ward}",
        "door-knocking",
        "getting_information",
        ["residents", "victims-of-crime"],
        "",
    ),
    (
        "Neighbourhood priorities survey: {ward}",
        "online-survey",
        "getting_information",
        ["residents"],
        "focused",
    ),
    (
        "Faith leaders' forum, {ward}",
        "meeting-with-client-groups",
        "forums_for_debate",
        ["faith-groups", "muslim-communities", "jewish-communities"],
        "",
    ),
    (
        "Business crime roadshow, {ward}",
        "roadshow",
        "forums_for_debate",
        ["businesses", "night-time-economy"],
        "",
    ),
    (
        "Hate crime awareness drop-in, {ward}",
        "open-surgery",
        "giving_information",
        ["victims-of-hate-crime", "lgbt-people", "disabled-people"],
        "",
    ),
    (
        "Safer streets walkabout with women and girls, {ward}",
        "co-design-co-production",
        "participation",
        ["women-and-girls"],
        "",
    ),
]
DISTRICT_TEMPLATES = [
    (
        "Trafford community safety strategy consultation",
        "questionnaire",
        "getting_information",
        ["residents"],
        "drafts",
        "district",
    ),
    (
        "Safer Trafford Partnership annual stakeholder event",
        "stakeholder-event",
        "partnership",
        ["residents", "businesses"],
        "",
        "district",
    ),
    (
        "Independent Advisory Group: stop and search scrutiny",
        "independent-advisory-group-iag-meeting",
        "partnership",
        ["black-communities", "young-people"],
        "",
        "theme",
    ),
    (
        "Police and crime plan: public consultation",
        "online-survey",
        "getting_information",
        ["residents"],
        "document",
        "strategic",
    ),
]

PLANS = [
    "Local policing plan 2026/27",
    "Safer Trafford Partnership strategy 2025-28",
    "Greater Manchester police and crime plan",
    "Neighbourhood priority agreed at the last PACT meeting",
    "Violence against women and girls strategy",
]


@dataclass
class DemoSummary:
    organisations: int
    users: int
    activities: int
    created_activities: int
    live_questionnaires: int


def _status_for(start: date, today: date, rng: random.Random) -> Status:
    """A status that fits the date: the past has run its course, the future is being planned."""
    days = (start - today).days
    if days > 60:
        return rng.choice([Status.DRAFT, Status.PLANNED, Status.PLANNED])
    if days > 0:
        return rng.choice([Status.PLANNED, Status.PLANNED, Status.OPEN])
    if days > -30:
        return rng.choice([Status.OPEN, Status.CLOSED])
    if days > -120:
        return rng.choice([Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.CANCELLED])
    return rng.choice([Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED, Status.EVALUATED])


def _answer_checklist(activity: Activity, user: User, rng: random.Random) -> None:
    """Before-stage answers for anything past draft; the rest as the activity progresses."""
    stages = {Stage.BEFORE}
    if activity.status in (Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED):
        stages |= {Stage.DURING}
    if activity.status in (Status.FEEDBACK_GIVEN, Status.EVALUATED):
        stages |= {Stage.AFTER}
    if activity.status in (Status.DRAFT, Status.CANCELLED):
        stages = {Stage.BEFORE} if rng.random() < 0.5 else set()
    rows = []
    for point in applicable_points(activity.checklist_scope):
        if point.stage not in stages or (activity.status == Status.DRAFT and rng.random() < 0.5):
            continue
        answer = rng.choices([Answer.DONE, Answer.NOT_DONE, Answer.NOT_APPLICABLE], weights=[8, 1, 1])[0]
        if point.number == EVALUATION_POINT and activity.status == Status.EVALUATED:
            answer = Answer.DONE
        rows.append(ChecklistAnswer(activity=activity, point=point.number, answer=answer, answered_by=user))
    ChecklistAnswer.objects.bulk_create(rows)


def _organisations() -> list[Organisation]:
    orgs = []
    for name, sector in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sector": sector}
        )
        orgs.append(org)
    # The areas each organisation is responsible for: the force and the police and crime
    # commissioner cover the force area, the others Trafford.
    trafford = Area.objects.filter(code="E08000009").first()
    force = trafford.parent if trafford else None
    for org in orgs:
        covered = force if org in orgs[:2] else trafford
        if covered:
            org.areas.add(covered)
    csp, _ = Partnership.objects.get_or_create(
        name="Safer Trafford Partnership",
        defaults={
            "kind": PartnershipKind.STATUTORY,
            "objectives": "Reduce anti-social behaviour\nTackle violence against women and girls\n"
            "Build confidence in local services",
        },
    )
    csp.members.add(*[orgs[i] for i in (0, 2, 3, 4, 5, 9)])
    youth, _ = Partnership.objects.get_or_create(
        name="Stretford and Old Trafford youth network",
        defaults={"kind": PartnershipKind.JOINT, "objectives": "Hear young people's views on safety"},
    )
    youth.members.add(*[orgs[i] for i in (0, 2, 6, 9)])
    # The partners share their registers; the police share theirs with the commissioner too.
    register, oversight = "Safer Trafford Partnership engagement register", "Oversight of engagement"
    for owner, recipient, title in ((0, 2, register), (2, 0, register), (0, 1, oversight)):
        DataSharingAgreement.objects.get_or_create(
            owner=orgs[owner],
            recipient=orgs[recipient],
            defaults={"title": title, "starts": date(2025, 4, 1)},
        )
    agreements_demo_load(orgs)
    return orgs


def _users(orgs: list[Organisation]) -> dict[str, User]:
    users = {}
    for username, org_index, role, first, last, title in USERS:
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            organisation=orgs[org_index],
            roles=[role],
            password=DEMO_PASSWORD,
            email=f"{username}@heard.example",
            first_name=first,
            last_name=last,
            job_title=title,
            is_superuser=role == Role.ADMIN,
        )
        users[username] = user
    return users


def _make_activity(spec: dict[str, Any], user: User, rng: random.Random, today: date) -> bool:
    if Activity.private_objects.filter(title=spec["title"], lead_organisation=user.organisation).exists():
        return False
    starts = timezone.make_aware(datetime.combine(spec["day"], time(rng.choice([10, 14, 18, 19]), 0)))
    status = _status_for(spec["day"], today, rng)
    kind = spec["kind"]
    window: dict[str, Any] = {}
    if kind:
        weeks = {"focused": 4, "drafts": 6, "document": 13}[kind]
        short = rng.random() < 0.25
        opens = spec["day"]
        window = {
            "consultation_kind": kind,
            "response_opens": opens,
            "response_closes": opens + timedelta(weeks=weeks - (1 if short else 0)),
            "short_window_reason": "Results are needed for the partnership board's budget meeting"
            if short
            else "",
        }
    method = Method.objects.get(slug=spec["method"])
    activity = activity_create(
        user=user,
        title=spec["title"],
        summary=spec["summary"],
        purpose=spec["purpose"],
        method=method,
        level=spec["level"],
        areas=spec["areas"],
        audiences=list(Audience.objects.filter(slug__in=spec["audiences"])),
        partners=spec["partners"],
        contact_name=f"{user.first_name} {user.last_name}",
        contact_email=user.email,
        contact_phone="0161 872 5050",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue=spec["venue"],
        accessibility="Step-free access, hearing loop, accessible toilet. Ask us for interpreters or large print.",
        budget=rng.choice([None, Decimal(0), Decimal(150), Decimal(400), Decimal(1200)]),
        expected_benefit="Residents' priorities shape the next quarter's neighbourhood plan.",
        marking=Marking.OFFICIAL_SENSITIVE if rng.random() < 0.08 else Marking.OFFICIAL,
        is_published=status != Status.DRAFT and rng.random() < 0.85,
        status=status,
        aims=[AimInput(text=spec["aim"], linked_to=rng.choice(PLANS))],
        created_at=starts - timedelta(days=rng.randint(20, 60)),
        **window,
    )
    _answer_checklist(activity, user, rng)
    if status != Status.DRAFT:
        EngagementPlan.objects.create(
            activity=activity,
            updated_by=user,
            decision_route="Findings go to the neighbourhood tasking meeting the following month.",
            analysis="Attendance and equality monitoring; themes from comments.",
            sharing_back="'You said, we did' on the neighbourhood page and at the next PACT meeting.",
        )
    return True


@transaction.atomic
def demo_load(*, progress: bool = False, today: date | None = None, parts: bool = True) -> DemoSummary:
    """Load (or top up) the demo; `today` anchors its dates. `parts=False` stops after the
    register and the consultations, for a part's own tests to load that part onto them."""
    places_demo_load(progress=progress)
    today = today or timezone.localdate()
    orgs = _organisations()
    users = _users(orgs)
    rng = random.Random(2021)  # noqa: S311 - demo data, not security
    wards = list(
        Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, parent__code="E08000009").order_by("code")
    )
    trafford = Area.objects.get(code="E08000009")
    force = Area.objects.get(level=AreaLevel.FORCE)
    specs: list[tuple[dict[str, Any], User]] = []
    for i, ward in enumerate(wards):
        for j in range(2):
            title, method, purpose, audiences, kind = TEMPLATES[(i * 2 + j) % len(TEMPLATES)]
            lead = users["partner"] if (i + j) % 5 == 0 and "survey" not in method else users["officer"]
            partner_orgs = [o for o in rng.sample(orgs[1:], 2) if o != lead.organisation]
            specs.append(
                (
                    {
                        "title": title.format(ward=ward.name),
                        "method": method,
                        "purpose": purpose,
                        "audiences": audiences,
                        "kind": kind,
                        "level": "neighbourhood",
                        "areas": [ward],
                        "day": today + timedelta(days=rng.randint(-330, 330)),
                        "partners": partner_orgs,
                        "venue": f"{ward.name} community centre",
                        "summary": f"A chance for people in {ward.name} to meet the neighbourhood team and partners.",
                        "aim": f"Hear what matters most to people in {ward.name} and agree what to do next",
                    },
                    lead,
                )
            )
    for title, method, purpose, audiences, kind, level in DISTRICT_TEMPLATES:
        specs.append(
            (
                {
                    "title": title,
                    "method": method,
                    "purpose": purpose,
                    "audiences": audiences,
                    "kind": kind,
                    "level": level,
                    "areas": [force if level == "strategic" else trafford],
                    "day": today + timedelta(days=rng.randint(-200, 120)),
                    "partners": orgs[2:5],
                    "venue": "Trafford Town Hall, Talbot Road, Stretford",
                    "summary": title + ".",
                    "aim": "Test the partnership's draft priorities with residents and partners",
                },
                users["officer"],
            )
        )
    created = sum(_make_activity(spec, user, rng, today) for spec, user in specs)
    questionnaires = consultations_demo_load(officer=users["officer"], analyst=users["analyst"], today=today)
    if parts:
        demo_load_parts(users=users, orgs=orgs, today=today)
    return DemoSummary(
        organisations=len(orgs),
        users=len(users),
        activities=Activity.private_objects.count(),
        created_activities=created,
        live_questionnaires=questionnaires,
    )
