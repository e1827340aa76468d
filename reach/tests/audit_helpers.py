"""A small world for the audit's tests: a force, Trafford and four wards with square boundaries,
the police, the council, a housing trust and a health partner in the Safer Trafford Partnership
(the housing trust and the council share their activities with the police; the health partner
does not), a coordinator of the police, and partners' lists as the template's CSV."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from consultations.tables import read_table
from organisations.models import Organisation, Partnership, Role, User
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from places.models import Area, AreaBoundary, AreaLevel
from places.tests.factories import AreaFactory

from .coordination_helpers import load_reference, square

HEADERS = [
    "Activity",
    "Organisation leading it",
    "How people are engaged",
    "What it is for",
    "Who it is for",
    "Where",
    "Level",
    "Starts",
    "Ends",
    "Description",
    "Venue",
    "Cost (£)",
    "Contact name",
    "Contact e-mail",
    "Contact phone",
    "Aim",
    "Plan or issue it serves",
]


@dataclass
class World:
    force: Area
    trafford: Area
    stretford: Area
    clifford: Area
    gorse_hill: Area
    urmston: Area
    police: Organisation
    council: Organisation
    housing: Organisation
    health: Organisation
    partnership: Partnership
    coordinator: User


def build_world(police: Organisation, council: Organisation) -> World:
    load_reference()
    force = AreaFactory(code="E23000005", name="Greater Manchester Police", level=AreaLevel.FORCE)
    trafford = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT, parent=force)
    wards = {}
    for key, code, name, x in (
        ("stretford", "E05000836", "Stretford", -2.30),
        ("clifford", "E05000825", "Clifford", -2.29),
        ("gorse_hill", "E05000829", "Gorse Hill", -2.28),
        ("urmston", "E05000838", "Urmston", -2.27),
    ):
        wards[key] = AreaFactory(code=code, name=name, level=AreaLevel.NEIGHBOURHOOD, parent=trafford)
        AreaBoundary.objects.create(area=wards[key], geometry=square(x, 53.44, 0.01))
    housing = OrganisationFactory(name="Trafford Housing Trust", sector="housing")
    health = OrganisationFactory(name="NHS Greater Manchester (Trafford locality)", sector="health")
    partnership = Partnership.objects.create(name="Safer Trafford Partnership", kind="statutory")
    partnership.members.add(police, council, housing, health)
    partnership.areas.add(trafford)
    for owner in (council, housing):
        DataSharingAgreementFactory(owner=owner, recipient=police)
    coordinator = UserFactory(username="coordinator", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    return World(
        force=force,
        trafford=trafford,
        police=police,
        council=council,
        housing=housing,
        health=health,
        partnership=partnership,
        coordinator=coordinator,
        **wards,
    )


def row(**values: Any) -> list[str]:
    """A row of the template, by the keys of its columns: title, organisation, method, …"""
    keys = [
        "title",
        "organisation",
        "method",
        "purpose",
        "audiences",
        "areas",
        "level",
        "starts",
        "ends",
        "summary",
        "venue",
        "cost",
        "contact_name",
        "contact_email",
        "contact_phone",
        "aim",
        "linked_to",
    ]
    defaults = {"contact_name": "Resident involvement team", "organisation": "Trafford Housing Trust"}
    return [str(values.get(k, defaults.get(k, ""))) for k in keys]


def csv_bytes(rows: Sequence[Sequence[str]], headers: Sequence[str] = HEADERS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def table_of(
    rows: Sequence[Sequence[str]], name: str = "partners.csv", headers: Sequence[str] = HEADERS
) -> Any:
    return read_table(csv_bytes(rows, headers), name=name)
