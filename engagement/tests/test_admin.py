"""The Django admin reads activities through the same scoping as every other page."""

from django.test import Client

from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import UserFactory

CHANGELIST = "/admin/engagement/activity/"


def test_admin_staff_of_one_organisation_see_only_its_activities(police, council):
    ActivityFactory(lead_organisation=police, title="Police forum")
    theirs = ActivityFactory(lead_organisation=council, title="Council budget")
    client = Client()
    client.force_login(UserFactory(organisation=council, roles=[Role.ADMIN], is_staff=True))
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert b"Council budget" in response.content and b"Police forum" not in response.content
    hidden = ActivityFactory(lead_organisation=police, title="Hidden")
    assert client.get(f"{CHANGELIST}{hidden.pk}/change/").status_code in (302, 404)
    assert client.get(f"{CHANGELIST}{theirs.pk}/change/").status_code in (200, 403)


def test_superusers_see_every_activity(police, council):
    ActivityFactory(lead_organisation=police, title="Police forum")
    ActivityFactory(lead_organisation=council, title="Council budget")
    client = Client()
    client.force_login(UserFactory(organisation=None, is_superuser=True, is_staff=True))
    response = client.get(CHANGELIST)
    assert b"Council budget" in response.content and b"Police forum" in response.content
