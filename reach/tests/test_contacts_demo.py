"""The demo's community contacts: believable, some due for review, safe to load twice."""

from datetime import date

import pytest

from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.services import area_set_parent
from places.tests.factories import AreaFactory
from reach.demo_contacts import CONTACTS, demo_load_contacts
from reach.models import CommunityContact, ContactKind

from .contacts_helpers import *  # noqa: F403  (the fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

TODAY = date(2026, 11, 22)


def test_demo_contacts_load_once(district, police, council):
    for n in range(8):
        area_set_parent(area=AreaFactory(code=f"E050008{n:02d}", name=f"Ward {n}"), parent=district)
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    assert demo_load_contacts(officer=officer, partner=partner, today=TODAY) == len(CONTACTS)
    assert demo_load_contacts(officer=officer, partner=partner, today=TODAY) == 0
    contacts = CommunityContact.objects.all()
    assert contacts.count() == len(CONTACTS)
    assert contacts.filter(kind=ContactKind.PERSON).count() >= 3
    assert contacts.filter(organisation=council).exists() and contacts.filter(organisation=police).exists()
    due = contacts.due_for_review(TODAY)
    assert 2 <= due.count() < len(CONTACTS)
    assert all(c.audiences.exists() and c.areas.exists() for c in contacts)
    for contact in contacts:
        contact.full_clean()


def test_nothing_to_do_without_trafford(police, council):
    officer = UserFactory(organisation=police)
    assert demo_load_contacts(officer=officer, partner=UserFactory(organisation=council), today=TODAY) == 0
