"""The benchmark's organisations, partnerships, staff and activity register: a police force,
a council per district, health, fire, housing and voluntary partners; activities spread over
the years before `today` and a few months after, mostly in one ward, some across several wards,
a district or the whole force, led mostly by the police and councils, of every method and
purpose, with the statuses their dates imply, some consultations and surveys with a
questionnaire each."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consultations.models import Choice, PrivacyStatement, Question, Questionnaire, QuestionnaireState
from engagement.models import Activity, ConsultationKind, Level, Method, Status
from governance.models import Marking
from organisations.models import Organisation, Partnership, PartnershipKind, Role, Sector, User, UserRole
from places.models import Area, Audience

from .places import Places, Ward

UK = ZoneInfo("Europe/London")
PARTNERS = [
    ("Northshire NHS Trust", Sector.HEALTH),
    ("Northshire Fire and Rescue Service", Sector.FIRE),
    ("Northshire Homes", Sector.HOUSING),
    ("Northshire Council for Voluntary Service", Sector.VOLUNTARY),
    ("Northshire Youth Trust", Sector.VOLUNTARY),
    ("Northshire Faith Forum", Sector.FAITH),
    ("Northshire College", Sector.EDUCATION),
    ("Office of the Northshire Police and Crime Commissioner", Sector.POLICE_AUTHORITY),
]
TOPICS = [
    "antisocial behaviour",
    "speeding",
    "burglary",
    "drug dealing",
    "knife crime",
    "litter and fly-tipping",
    "street lighting",
    "parking",
    "hate crime",
    "youth provision",
    "neighbourhood priorities",
    "safety after dark",
    "scams and fraud",
    "off-road bikes",
    "shoplifting",
]
KIND_WEEKS = {
    ConsultationKind.FOCUSED: (4, 8),
    ConsultationKind.DRAFTS: (6, 10),
    ConsultationKind.DOCUMENT: (13, 16),
}


@dataclass
class Plan:
    """What the responses step needs to know of an activity."""

    pk: int
    wards: list[Ward]
    audiences: list[str]
    first: date
    last: date
    status: str
    event: bool
    questionnaires: list[int] = field(default_factory=list)


@dataclass
class Register:
    police: Organisation
    organisations: list[Organisation]
    users: dict[str, User]
    plans: list[Plan]
    privacy: PrivacyStatement


def make_organisations(rng: random.Random, places: Places) -> tuple[Organisation, list[Organisation]]:
    police = Organisation.objects.create(
        name="Northshire Police", slug="northshire-police", sector=Sector.POLICE
    )
    councils = [
        Organisation(
            name=f"{d.name} Council",
            slug=f"northshire-district-{n + 1}-council",
            sector=Sector.LOCAL_AUTHORITY,
        )
        for n, d in enumerate(places.districts)
    ]
    others = [Organisation(name=name, slug=name.lower().replace(" ", "-"), sector=s) for name, s in PARTNERS]
    made = Organisation.objects.bulk_create(councils + others)
    police.areas.add(places.force)
    for council, district in zip(made, places.districts, strict=False):
        council.areas.add(district)
    for other in made[len(councils) :]:
        other.areas.add(places.force)
    whole = Partnership.objects.create(name="Northshire Community Safety Board", kind=PartnershipKind.JOINT)
    whole.members.set([police, *made])
    whole.areas.add(places.force)
    for council, district in zip(made, places.districts, strict=False):
        csp = Partnership.objects.create(
            name=f"{district.name} Community Safety Partnership", kind=PartnershipKind.STATUTORY
        )
        csp.members.set([police, council, *rng.sample(made[len(councils) :], 3)])
        csp.areas.add(district)
    return police, [police, *made]


def make_users(police: Organisation, council: Organisation) -> dict[str, User]:
    """Staff to sign in as: a police engagement officer, a council officer, a superuser."""
    made = {
        "officer": User(username="bench-officer", first_name="Sam", last_name="Bench", organisation=police),
        "council": User(username="bench-council", first_name="Alex", last_name="Bench", organisation=council),
        "admin": User(username="bench-admin", is_superuser=True, is_staff=True),
    }
    for user in made.values():
        user.set_unusable_password()
        user.save()
    UserRole.objects.bulk_create(
        [
            UserRole(user=made["officer"], role=Role.ENGAGEMENT_OFFICER),
            UserRole(user=made["council"], role=Role.ENGAGEMENT_OFFICER),
        ]
    )
    return made


def _where(rng: random.Random, places: Places) -> tuple[list[Area], list[Ward], str]:
    roll = rng.random()
    ward = rng.choice(places.wards)
    if roll < 0.80:
        return [ward.area], [ward], Level.NEIGHBOURHOOD
    district_wards = places.by_district[ward.district.pk]
    if roll < 0.90:
        chosen = rng.sample(district_wards, min(len(district_wards), rng.randint(2, 4)))
        return [w.area for w in chosen], chosen, Level.NEIGHBOURHOOD
    if roll < 0.98:
        return [ward.district], district_wards, Level.DISTRICT
    return [places.force], places.wards, Level.STRATEGIC


def _status(rng: random.Random, first: date, last: date, today: date) -> str:
    if rng.random() < 0.03:
        return Status.CANCELLED
    if first > today:
        return Status.DRAFT if rng.random() < 0.2 else Status.PLANNED
    if last >= today:
        return Status.OPEN
    return rng.choices(
        [Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED], (4, 2, 2, 1)
    )[0]


def _lead(
    rng: random.Random, organisations: list[Organisation], places: Places, areas: list[Area]
) -> Organisation:
    roll = rng.random()
    if roll < 0.5:
        return organisations[0]
    if roll < 0.8:
        district = areas[0] if areas[0].level == "district" else None
        index = places.districts.index(district) if district else rng.randrange(len(places.districts))
        return organisations[1 + index]
    return rng.choice(organisations[1 + len(places.districts) :])


def make_activities(
    rng: random.Random, places: Places, organisations: list[Organisation], *, count: int, today: date
) -> tuple[list[Plan], list[Activity]]:
    methods = list(Method.objects.filter(is_active=True).order_by("slug"))
    audiences = list(Audience.objects.filter(is_active=True).order_by("slug"))
    span = 365 * 2 + 200
    activities, extras = [], []
    for _ in range(count):
        areas, wards, level = _where(rng, places)
        method = rng.choice(methods)
        starts_day = today - timedelta(days=span) + timedelta(days=rng.randrange(span + 120))
        starts = datetime.combine(starts_day, time(rng.randint(9, 19), rng.choice((0, 30))), UK)
        ends = starts + timedelta(hours=rng.choice((1, 2, 3))) if rng.random() < 0.8 else None
        kind, opens, closes = "", None, None
        if method.collects_information_only or rng.random() < 0.1:
            kind = rng.choice(list(KIND_WEEKS))
            low, high = KIND_WEEKS[kind]
            opens = starts_day
            closes = opens + timedelta(weeks=rng.randint(low, high))
        first, last = starts_day, max(closes or starts_day, (ends or starts).date())
        chosen = rng.sample(audiences, rng.choice((0, 0, 1, 1, 1, 2)))
        lead = _lead(rng, organisations, places, areas)
        activities.append(
            Activity(
                title=f"{method.name}: {rng.choice(TOPICS)} in {areas[0].name}",
                summary="Generated for the reach benchmark.",
                purpose=method.purpose if rng.random() < 0.8 else rng.choice(methods).purpose,
                method=method,
                level=level,
                lead_organisation=lead,
                contact_name="Generated contact",
                starts_at=starts,
                ends_at=ends,
                consultation_kind=kind,
                response_opens=opens,
                response_closes=closes,
                marking=Marking.OFFICIAL_SENSITIVE if rng.random() < 0.05 else Marking.OFFICIAL,
                status=_status(rng, first, last, today),
                is_published=rng.random() < 0.6,
                created_at=starts - timedelta(days=30),
            )
        )
        partners = rng.sample([o for o in organisations if o != lead], rng.choice((0, 0, 1, 2)))
        extras.append((areas, wards, chosen, partners, first, last, not method.collects_information_only))
    made = Activity.private_objects.bulk_create(activities, batch_size=2_000)
    plans = []
    through_areas, through_audiences, through_partners = [], [], []
    for activity, (areas, wards, chosen, partners, first, last, event) in zip(made, extras, strict=True):
        through_areas += [Activity.areas.through(activity_id=activity.pk, area_id=a.pk) for a in areas]
        through_audiences += [
            Activity.audiences.through(activity_id=activity.pk, audience_id=a.pk) for a in chosen
        ]
        through_partners += [
            Activity.partners.through(activity_id=activity.pk, organisation_id=o.pk) for o in partners
        ]
        plans.append(Plan(activity.pk, wards, [a.slug for a in chosen], first, last, activity.status, event))
    Activity.areas.through.objects.bulk_create(through_areas, batch_size=5_000)
    Activity.audiences.through.objects.bulk_create(through_audiences, batch_size=5_000)
    Activity.partners.through.objects.bulk_create(through_partners, batch_size=5_000)
    return plans, made


def make_questionnaires(
    rng: random.Random, plans: list[Plan], activities: list[Activity], privacy: PrivacyStatement
) -> None:
    """One questionnaire for every consultation and survey, and a feedback form for a fifth of
    the other activities; one in ten consultations went to a second version."""
    made: list[tuple[Plan, Questionnaire]] = []
    for plan, activity in zip(plans, activities, strict=True):
        if not (activity.consultation_kind or rng.random() < 0.2):
            continue
        live = plan.status not in (Status.DRAFT, Status.PLANNED, Status.CANCELLED)
        versions = 2 if live and activity.consultation_kind and rng.random() < 0.1 else 1
        for version in range(1, versions + 1):
            state = (
                QuestionnaireState.DRAFT
                if not live
                else (QuestionnaireState.SUPERSEDED if version < versions else QuestionnaireState.LIVE)
            )
            made.append(
                (
                    plan,
                    Questionnaire(
                        activity_id=plan.pk,
                        title=activity.title[:200],
                        version=version,
                        privacy_statement=privacy,
                        state=state,
                        marking=activity.marking,
                    ),
                )
            )
    stored = Questionnaire.private_objects.bulk_create([q for _, q in made], batch_size=2_000)
    questions = Question.objects.bulk_create(
        [
            Question(questionnaire=q, position=0, kind="scale", text="How safe do you feel where you live?")
            for q in stored
        ],
        batch_size=5_000,
    )
    labels = ("Very safe", "Fairly safe", "Fairly unsafe", "Very unsafe")
    Choice.objects.bulk_create(
        [Choice(question=q, position=i, label=label) for q in questions for i, label in enumerate(labels)],
        batch_size=10_000,
    )
    for (plan, _), questionnaire in zip(made, stored, strict=True):
        if questionnaire.state != QuestionnaireState.DRAFT:
            plan.questionnaires.append(questionnaire.pk)
