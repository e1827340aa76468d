"""Demo community contacts for Trafford (heard/demo.py calls `demo_load_contacts` after the
activities): groups that reach the audiences seed 000 names ("older people through ... lunch
clubs, day centres, also Age Concern"; "young people through a youth council"), a few
individuals who agreed to be contacted, some of them due for a consent review. Contact details
use example.org addresses and Ofcom's drama numbers. Safe to run twice: a contact already there
(same name, same organisation) is left as it is."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from engagement.models import Activity
from organisations.models import User
from places.models import Area, AreaLevel, Audience

from .contacts_services import contact_create
from .models import CommunityContact, ContactKind

TRAFFORD = "E08000009"


@dataclass(frozen=True)
class DemoContact:
    name: str
    kind: str
    audiences: tuple[str, ...]
    ward: int | None  # index into Trafford's wards ordered by code; None for all of Trafford
    email: str = ""
    phone: str = ""
    address: str = ""
    role: str = ""
    notes: str = ""
    shared: bool = False
    agreed_days_ago: int = 60
    review_in_days: int = 300  # negative: due for review
    partner: bool = False  # held by the council rather than the police


CONTACTS = [
    DemoContact(
        "Age UK Trafford",
        ContactKind.GROUP,
        ("older-people", "carers"),
        None,
        email="info@ageuk-trafford.example.org",
        phone="0161 496 0112",
        notes="Runs lunch clubs and a day centre: ask to speak at the monthly members' meeting.",
    ),
    DemoContact(
        "Trafford Youth Cabinet",
        ContactKind.GROUP,
        ("young-people", "students"),
        None,
        email="youthcabinet@trafford.example.org",
        notes="Meets fortnightly in term time. Members are mostly sixth-formers: detached youth work "
        "reaches others.",
        partner=True,
    ),
    DemoContact(
        "{ward} Tenants and Residents Association",
        ContactKind.GROUP,
        ("tenants-and-residents-associations", "residents"),
        0,
        email="tra.secretary@example.org",
        address="Community room at the estate office (ask at reception)",
        review_in_days=-20,
    ),
    DemoContact(
        "{ward} Mosque youth committee",
        ContactKind.GROUP,
        ("muslim-communities", "young-people"),
        3,
        phone="0161 496 0457",
        notes="Best reached after Friday prayers.",
    ),
    DemoContact(
        "Trafford Carers Centre",
        ContactKind.GROUP,
        ("carers", "disabled-people"),
        None,
        email="hello@carers-trafford.example.org",
        phone="0161 496 0890",
        partner=True,
        review_in_days=-5,
    ),
    DemoContact(
        "Margaret Hughes",
        ContactKind.PERSON,
        ("older-people",),
        1,
        role="Organiser, St Mary's lunch club",
        phone="07700 900214",
        notes="Prefers a phone call in the morning.",
        agreed_days_ago=400,
        review_in_days=-35,
    ),
    DemoContact(
        "Imran Patel",
        ContactKind.PERSON,
        ("young-people", "asian-communities"),
        3,
        role="Youth worker",
        email="imran.patel@example.org",
        shared=True,
    ),
    DemoContact(
        "Chloe Bennett",
        ContactKind.PERSON,
        ("parents-and-carers", "children-and-families"),
        5,
        role="Chair of the primary school's parents' forum",
        email="chloe.bennett@example.org",
        phone="07700 900588",
    ),
    DemoContact(
        "Revd David Okoro",
        ContactKind.PERSON,
        ("faith-groups", "black-communities"),
        7,
        role="Minister, Stretford Methodist Church",
        email="david.okoro@example.org",
        partner=True,
        agreed_days_ago=380,
        review_in_days=-12,
    ),
]


def _met_at(user: User, ward: Area | None) -> Activity | None:
    activities = Activity.private_objects.visible_to(user).filter(lead_organisation=user.organisation)
    if ward is not None:
        activities = activities.in_area(ward)
    return activities.order_by("starts_at", "pk").first()


def demo_load_contacts(*, officer: User, partner: User, today: date | None = None) -> int:
    """Add the demo's contacts, the police's held by `officer`'s organisation and the council's by
    `partner`'s; returns how many were added."""
    today = today or timezone.localdate()
    wards = list(Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, parent__code=TRAFFORD).order_by("code"))
    trafford = Area.objects.filter(code=TRAFFORD).first()
    if trafford is None or not wards:
        return 0
    audiences = {a.slug: a for a in Audience.objects.all()}
    added = 0
    for spec in CONTACTS:
        user = partner if spec.partner else officer
        ward = wards[spec.ward % len(wards)] if spec.ward is not None else None
        name = spec.name.format(ward=ward.name if ward else "Trafford")
        if CommunityContact.objects.filter(name=name, organisation=user.organisation).exists():
            continue
        agreed = today - timedelta(days=spec.agreed_days_ago)
        contact_create(
            user=user,
            kind=spec.kind,
            name=name,
            role=spec.role,
            areas=[ward or trafford],
            audiences=[audiences[s] for s in spec.audiences if s in audiences],
            email=spec.email,
            phone=spec.phone,
            address=spec.address,
            notes=spec.notes,
            consent_to_contact=True,
            consent_to_share=spec.shared,
            consent_details="To be told about engagement events and consultations in their area.",
            consent_given_on=agreed,
            review_on=max(today + timedelta(days=spec.review_in_days), agreed + timedelta(days=1)),
            met_at=_met_at(user, ward),
        )
        added += 1
    return added
