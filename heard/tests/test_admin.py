"""The admin pages for reference data open for a superuser."""

import pytest
from django.test import Client

from engagement.tests.factories import ActivityFactory
from governance.models import AuditEvent
from organisations.tests.factories import UserFactory
from places.models import Audience
from places.tests.factories import AreaFactory


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/places/audience/",
        "/admin/places/area/",
        "/admin/places/populationcount/",
        "/admin/engagement/method/",
        "/admin/engagement/activity/",
        "/admin/organisations/organisation/",
        "/admin/organisations/partnership/",
        "/admin/organisations/datasharingagreement/",
        "/admin/organisations/user/",
        "/admin/governance/auditevent/",
    ],
)
def test_admin_pages_open(db, path):
    ActivityFactory(areas=[AreaFactory()])
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(path).status_code == 200


def test_admin_changes_are_audited(db):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        "/admin/places/audience/add/",
        {"name": "Cyclists", "slug": "cyclists", "kind": "interest", "categories": "[]", "is_active": "on"},
    )
    assert response.status_code == 302
    audience = Audience.objects.get(slug="cyclists")
    assert AuditEvent.objects.for_object(audience).get().changes["via"] == "admin"
