"""The contacts register over the API: the same selectors and services as the pages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach.models import CommunityContact, ContactKind

from .contacts_helpers import *  # noqa: F403  (the fixtures)
from .contacts_helpers import make_contact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("methods")]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _body(ward, older, **overrides):
    return {
        "kind": "person",
        "name": "Imran Patel",
        "areas": [ward.code],
        "audiences": [older.slug],
        "email": "imran@example.org",
        "consent_to_contact": True,
        "consent_given_on": timezone.localdate().isoformat(),
        **overrides,
    }


def test_create_get_update_renew_delete(officer, ward, older):
    client = _client(officer)
    activity = ActivityFactory(lead_organisation=officer.organisation)
    made = client.post(
        reverse("api:create_contact"), _body(ward, older, met_at=activity.pk), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    data = made.json()
    assert (
        data["areas"] == [ward.code]
        and data["audiences"] == ["older-people"]
        and data["met_at"] == activity.pk
    )
    url = reverse("api:get_contact", kwargs={"contact_id": data["id"]})
    assert client.get(url).json()["email"] == "imran@example.org"
    changed = client.patch(url, {"phone": "07700 900111", "met_at": None}, content_type="application/json")
    assert changed.json()["phone"] == "07700 900111" and changed.json()["met_at"] is None
    renew = reverse("api:renew_contact", kwargs={"contact_id": data["id"]})
    assert client.post(renew, {}, content_type="application/json").json()["due_for_review"] is False
    assert client.delete(url + "?reason=consent%20withdrawn").status_code == 204
    assert not CommunityContact.objects.exists()
    actions = set(AuditEvent.objects.filter(object_id=str(data["id"])).values_list("action", flat=True))
    assert actions == {AuditAction.CREATE, AuditAction.VIEW, AuditAction.UPDATE, AuditAction.DELETE}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"areas": ["E99999999"]}, "areas"),
        ({"audiences": ["nobody"]}, "audiences"),
        ({"consent_to_contact": False}, "consent_to_contact"),
        ({"email": ""}, "email"),
        ({"met_at": 999999}, "met_at"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(officer, ward, older, overrides, field):
    response = _client(officer).post(
        reverse("api:create_contact"), _body(ward, older, **overrides), content_type="application/json"
    )
    assert response.status_code == 422 and field in response.json()["errors"]
    assert not CommunityContact.objects.exists()


def test_a_patch_cannot_empty_what_a_contact_must_have(officer, police, ward):
    contact = make_contact(police, areas=[ward])
    url = reverse("api:update_contact", kwargs={"contact_id": contact.pk})
    response = _client(officer).patch(url, {"name": None}, content_type="application/json")
    assert response.status_code == 422 and "name" in response.json()["errors"]


def test_partners_see_groups_only_and_cannot_change_them(police, council, sharing, ward):
    group = make_contact(police, name="Group", areas=[ward])
    person = make_contact(police, kind=ContactKind.PERSON, name="Person", areas=[ward], phone="07700 900000")
    client = _client(UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER]))
    listing = client.get(reverse("api:list_contacts")).json()
    assert [c["name"] for c in listing["items"]] == ["Group"] and listing["count"] == 1
    assert client.get(reverse("api:get_contact", kwargs={"contact_id": person.pk})).status_code == 404
    url = reverse("api:update_contact", kwargs={"contact_id": group.pk})
    assert client.patch(url, {"name": "Mine"}, content_type="application/json").status_code == 403
    export = content(client.get(reverse("api:export_contacts"), {"format": "csv"})).decode()
    assert "Group" in export and "07700 900000" not in export


def test_lists_filter_and_audit_individuals_on_the_page(officer, police, ward, older):
    person = make_contact(police, kind=ContactKind.PERSON, name="Person", areas=[ward], audiences=[older])
    make_contact(police, name="Group", areas=[ward], review_on=timezone.localdate() - timedelta(days=1))
    client = _client(officer)
    assert [
        c["name"] for c in client.get(reverse("api:list_contacts"), {"kind": "person"}).json()["items"]
    ] == ["Person"]
    assert client.get(reverse("api:list_contacts"), {"area": "NOPE"}).status_code == 422
    assert [c["name"] for c in client.get(reverse("api:list_contacts_due")).json()["items"]] == ["Group"]
    assert AuditEvent.objects.for_object(person).filter(action=AuditAction.VIEW).count() == 1


def test_odd_ids_are_not_found(officer):
    client = _client(officer)
    assert client.get("/api/contacts/99999999999999999999").status_code == 404
    assert client.get("/api/contacts/0").status_code == 404
