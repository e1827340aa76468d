"""The audit log over the API: the same selectors, and the same rules, as the pages."""

import pytest
from django.test import Client
from django.urls import reverse

from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from governance.services import audit_record
from organisations.models import Role
from organisations.tests.factories import UserFactory

LIST = reverse("api:list_audit_log")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _history(activity):
    return reverse(
        "api:get_record_history", kwargs={"object_type": "engagement.activity", "object_id": str(activity.pk)}
    )


@pytest.fixture
def scene(police, council, officer, outsider):
    ours = ActivityFactory(lead_organisation=police, title="Stretford youth forum")
    theirs = ActivityFactory(lead_organisation=council, title="Council budget roadshow")
    audit_record(
        actor=officer, action=AuditAction.TRANSITION, obj=ours, changes={"status": ["draft", "planned"]}
    )
    audit_record(actor=outsider, action=AuditAction.UPDATE, obj=theirs, changes={"title": ["a", "b"]})
    return {"ours": ours, "theirs": theirs, "admin": UserFactory(organisation=police, roles=[Role.ADMIN])}


def test_an_admin_lists_their_organisations_trail(scene, police):
    data = _client(scene["admin"]).get(LIST).json()
    assert data["count"] == 1
    [entry] = data["items"]
    assert entry["actor"] == "officer" and entry["actor_organisation"] == police.name
    assert entry["action"] == "transition" and entry["summary"] == "Status changed from draft to planned"
    assert entry["record"] == "Stretford youth forum" and entry["object_type_label"] == "Activity"


def test_filters_and_bad_filters(scene):
    client = _client(scene["admin"])
    assert client.get(LIST, {"action": "export"}).json()["count"] == 0
    assert client.get(LIST, {"person": "officer", "object_id": str(scene["ours"].pk)}).json()["count"] == 1
    bad = client.get(LIST, {"since": "2026-12-01", "until": "2026-11-01"})
    assert bad.status_code == 422 and "until" in bad.json()["errors"]
    assert client.get(LIST, {"action": "nonsense"}).status_code == 422
    assert client.get(LIST, {"page": 0}).status_code == 422
    assert client.get(LIST, {"page": 5}).json() == {"items": [], "count": 1}


def test_a_records_history_stays_within_the_organisation(scene):
    client = _client(scene["admin"])
    assert client.get(_history(scene["ours"])).json()["count"] == 1
    assert client.get(_history(scene["theirs"])).status_code == 404


@pytest.mark.parametrize("role", [Role.ENGAGEMENT_OFFICER, Role.ANALYST, Role.INTELLIGENCE_OFFICER])
def test_other_roles_are_refused(scene, police, role):
    client = _client(UserFactory(organisation=police, roles=[role]))
    assert client.get(LIST).status_code == 403
    assert client.get(_history(scene["ours"])).status_code == 403
    assert client.get(reverse("api:export_audit_log")).status_code == 403


def test_without_signing_in(scene):
    assert Client().get(LIST).status_code == 401


def test_the_export(scene):
    client = _client(scene["admin"])
    response = client.get(reverse("api:export_audit_log"), {"format": "csv"})
    assert response.status_code == 200 and b"Stretford youth forum" in content(response)
    assert (
        AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="governance.auditevent").count() == 1
    )
    assert client.get(reverse("api:export_audit_log"), {"format": "pdf"}).status_code == 422
