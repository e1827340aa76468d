"""The snapshot audit in the demo (seed 000): the Safer Trafford Partnership's coordinator (the
police's engagement officer) imports the lists partners sent back on the template, in their own
words: Trafford Housing Trust's resident surveys and coffee mornings, the NHS locality's health
and wellbeing events, Trafford College's student forum, the voluntary network's newsletter and
support groups, the faith forum's interfaith breakfast and food bank survey, and two police
items not yet in Heard. The report then has gaps partners fill, chances for the police to
piggyback and resources to share.

Safe to run again (the import is made once). The lead calls `demo_load_audit` from heard/demo.py
once places, users and organisations are loaded. `demo_xlsx(ANCHOR)` made the copy in
demo_data/partnership_audit/ that people can import by hand."""

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from consultations.tables import read_table
from organisations.demo_agreements import give_scopes
from organisations.models import DataSharingAgreement, Organisation, Partnership, PartnershipKind, User
from places.models import Area

from .audit_imports import import_preview, mapping_from, partner_activities_import
from .audit_template import COLUMNS, HEADERS, NOTES, template_xlsx
from .models import AuditImport

ANCHOR = date(2026, 12, 1)  # the day the copy in demo_data/ is dated from
FILE_NAME = "safer-trafford-partnership-snapshot-audit.xlsx"
PARTNERSHIP = "Safer Trafford Partnership"
TRAFFORD = "E08000009"
PARTNERS = [
    ("Trafford Housing Trust", "housing"),
    ("NHS Greater Manchester (Trafford locality)", "health"),
    ("Trafford College", "education"),
    ("Trafford Community Voluntary Network", "voluntary"),
    ("Trafford Faith Forum", "faith"),
]
THT, NHS, COLLEGE, TCVN, FAITH, GMP = (*(p[0] for p in PARTNERS), "Greater Manchester Police")

# (organisation, activity, method in their words, audiences in their words, where, starts and ends
# in days from today, venue, cost, contact, description)
ROWS: list[tuple[Any, ...]] = [
    (
        THT,
        "Tenant satisfaction survey",
        "Residents' survey",
        "Residents; Older people",
        "Clifford; Gorse Hill; Stretford; Bucklow-St Martins",
        -40,
        20,
        "By post, online and door to door",
        "3500",
        "Resident Involvement Team",
        "Our yearly survey of tenants on repairs, safety and anti-social behaviour.",
    ),
    (
        THT,
        "Older tenants' coffee mornings",
        "Coffee morning",
        "Older people",
        "Sale Moor; Brooklands",
        -60,
        120,
        "Sale Moor Community Centre",
        "600",
        "Resident Involvement Team",
        "Monthly coffee mornings for tenants over 65.",
    ),
    (
        THT,
        "Partington estate walkabout",
        "Estate walkabout",
        "Residents; Families",
        "Bucklow-St Martins",
        12,
        None,
        "Meet at Partington shopping centre",
        "0",
        "Neighbourhood Officer, Partington",
        "Walking the estate with tenants to spot problems.",
    ),
    (
        NHS,
        "Health roadshow, Old Trafford",
        "Health roadshow",
        "Asian communities; Residents; ESOL learners",
        "Clifford",
        24,
        None,
        "Clifford Community Centre",
        "1200",
        "Trafford Health Improvement Team",
        "Health checks and advice, with interpreters.",
    ),
    (
        NHS,
        "Carers' health and wellbeing drop-in",
        "Drop-in",
        "Carers; Older people",
        "Urmston; Flixton",
        -30,
        90,
        "Urmston Library",
        "250",
        "Carers' Support Service",
        "A monthly drop-in for unpaid carers.",
    ),
    (
        NHS,
        "Young people's mental health survey",
        "Online survey",
        "Young people",
        "Trafford",
        5,
        40,
        "Online",
        "0",
        "Children's Commissioning Team",
        "What young people think of mental health support in Trafford.",
    ),
    (
        COLLEGE,
        "Student forum",
        "Student forum",
        "Students; Young people",
        "Stretford",
        14,
        None,
        "Trafford College, Stretford campus",
        "0",
        "Student Voice Officer",
        "Termly forum where students raise what matters to them.",
    ),
    (
        COLLEGE,
        "Freshers' safety stall",
        "Stall at freshers' fair",
        "Students",
        "Altrincham",
        -80,
        None,
        "Trafford College, Altrincham campus",
        "50",
        "Student Voice Officer",
        "A stall on staying safe at night.",
    ),
    (
        TCVN,
        "Community newsletter",
        "Newsletter",
        "Everyone",
        "Trafford",
        -150,
        180,
        "Delivered and online",
        "1200",
        "Communications Officer",
        "Monthly newsletter of the voluntary and community sector.",
    ),
    (
        TCVN,
        "Refugee and asylum seeker support group",
        "Support group",
        "Refugees and asylum seekers; ESOL learners",
        "Clifford; Stretford",
        -20,
        100,
        "Stretford Library",
        "400",
        "Community Development Worker",
        "Weekly group with advice and English practice.",
    ),
    (
        TCVN,
        "Partington lunch club",
        "Lunch club",
        "Older people",
        "Bucklow-St Martins",
        -90,
        150,
        "Partington Methodist Church",
        "900",
        "Lunch Club Organiser",
        "A weekly lunch club for older residents.",
    ),
    (
        TCVN,
        "Disability forum",
        "Forum",
        "Disabled people",
        "Sale Moor",
        30,
        None,
        "Sale Moor Community Centre",
        "150",
        "Disability Forum Chair",
        "Disabled residents and the groups that support them.",
    ),
    (
        FAITH,
        "Interfaith leaders' breakfast",
        "Meeting with faith leaders",
        "Faith groups; Muslim communities; Jewish communities; Christian communities",
        "Trafford",
        12,
        None,
        "Trafford Town Hall",
        "300",
        "Faith Forum Secretary",
        "Leaders of Trafford's faith communities meet.",
    ),
    (
        FAITH,
        "Food bank users' survey",
        "Questionnaire",
        "Families; Rough sleepers",
        "Gorse Hill",
        10,
        40,
        "Gorse Hill food bank",
        "0",
        "Food Bank Coordinator",
        "What brings people to the food bank and what would help.",
    ),
    (
        GMP,
        "Clifford and Old Trafford neighbourhood newsletter",
        "Newsletter",
        "Residents",
        "Clifford",
        -45,
        45,
        "Delivered door to door",
        "300",
        "Clifford Neighbourhood Team",
        "The neighbourhood team's quarterly newsletter.",
    ),
    (
        GMP,
        "Street briefing on burglary, Clifford",
        "Street briefing",
        "Residents",
        "Clifford",
        20,
        None,
        "Clifford Community Centre",
        "0",
        "Clifford Neighbourhood Team",
        "Burglary prevention advice outside the community centre.",
    ),
]
# The choices the coordinator made where Heard's suggestion was missing or not right.
CHOICES = {
    "methods": {
        "Coffee morning": "meeting-with-client-groups",
        "Estate walkabout": "co-design-co-production",
        "Student forum": "meeting-with-client-groups",
        "Stall at freshers' fair": "exhibition",
        "Support group": "meeting-with-client-groups",
        "Lunch club": "meeting-with-client-groups",
        "Meeting with faith leaders": "meeting-with-client-groups",
    },
}


@dataclass
class AuditDemo:
    created_activities: int
    imports: int


def _day(today: date, offset: int | None) -> str:
    return "" if offset is None else f"{today + timedelta(days=offset):%d/%m/%Y}"


def demo_rows(today: date) -> list[list[str]]:
    """The partners' rows in the template's columns, dated from `today`."""
    rows = []
    for org, title, how, who, where, starts, ends, venue, cost, contact, about in ROWS:
        values = {
            "title": title,
            "organisation": org,
            "method": how,
            "audiences": who,
            "areas": where,
            "starts": _day(today, starts),
            "ends": _day(today, ends),
            "summary": about,
            "venue": venue,
            "cost": cost,
            "contact_name": contact,
        }
        rows.append([values.get(c.key, "") for c in COLUMNS])
    return rows


def demo_xlsx(today: date) -> bytes:
    return template_xlsx(rows=demo_rows(today))


def demo_csv(today: date) -> bytes:
    """The same as the CSV template: the header, the notes row, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([HEADERS, NOTES, *demo_rows(today)])
    return buffer.getvalue().encode("utf-8")


def _partnership(organisation: Organisation) -> Partnership:
    partnership, _ = Partnership.objects.get_or_create(
        name=PARTNERSHIP, defaults={"kind": PartnershipKind.STATUTORY}
    )
    partners = []
    for name, sector in PARTNERS:
        org = Organisation.objects.filter(name=name).first() or Organisation.objects.create(
            name=name, slug=slugify(name), sector=sector
        )
        partners.append(org)
        agreement, _ = DataSharingAgreement.objects.get_or_create(
            owner=org,
            recipient=organisation,
            defaults={"title": f"{PARTNERSHIP} snapshot audit", "starts": date(2025, 4, 1)},
        )
        give_scopes(agreement)
    partnership.members.add(organisation, *partners)
    trafford = Area.objects.filter(code=TRAFFORD).first()
    if trafford is not None and not partnership.areas.exists():
        partnership.areas.add(trafford)
    return partnership


@transaction.atomic
def demo_load_audit(*, officer: User, today: date | None = None) -> AuditDemo:
    """Import the partners' lists for the Safer Trafford Partnership as `officer` (an engagement
    officer of the police), once. Nothing to do without Trafford's wards."""
    organisation = officer.organisation
    if not Area.objects.filter(code=TRAFFORD).exists() or organisation is None:
        return AuditDemo(created_activities=0, imports=0)
    today = today or timezone.localdate()
    partnership = _partnership(organisation)
    done = AuditImport.objects.filter(partnership=partnership, file_name=FILE_NAME)
    if done.exists():
        return AuditDemo(created_activities=0, imports=done.count())
    preview = import_preview(
        user=officer, partnership=partnership, table=read_table(demo_xlsx(today), name=FILE_NAME)
    )
    batch = partner_activities_import(
        user=officer, preview=preview, mapping=mapping_from(preview, CHOICES), today=today
    )
    return AuditDemo(created_activities=batch.created, imports=1)
