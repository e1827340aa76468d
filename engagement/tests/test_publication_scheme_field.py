"""The activity's "suitable for the publication scheme" flag (seed 002's header, "Publication
Scheme Y/N"): off by default, set on the activity form and its detail page says so, set and read
in the API, and recorded in the audit log when it changes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagement.models import Activity
from engagement.tests.factories import ActivityFactory, method
from governance.models import AuditAction, AuditEvent


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _form(ward, **overrides):
    return {
        "title": "Hale Barns roadshow",
        "purpose": "forums_for_debate",
        "method": method("roadshow").pk,
        "level": "neighbourhood",
        "areas": [ward.pk],
        "contact_name": "PC Jane Example",
        "starts_at": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        "marking": "official",
        "checklist_scope": "",
        "aims-TOTAL_FORMS": "1",
        "aims-INITIAL_FORMS": "0",
        "aims-MIN_NUM_FORMS": "0",
        "aims-MAX_NUM_FORMS": "10",
        "aims-0-text": "Hear residents' concerns about burglary",
        "aims-0-linked_to": "Trafford burglary plan",
        **overrides,
    }


def test_the_form_offers_the_flag_and_the_page_shows_it(officer, ward):
    client = _client(officer)
    page = client.get(reverse("engagement:activity_create"))
    assert (
        b'name="publication_scheme"' in page.content
        and b"Suitable for the publication scheme" in page.content
    )
    client.post(reverse("engagement:activity_create"), _form(ward))
    assert Activity.private_objects.get().publication_scheme is False
    response = client.post(
        reverse("engagement:activity_create"),
        _form(ward, title="Sale roadshow", publication_scheme="on", is_published="on"),
    )
    marked = Activity.private_objects.get(title="Sale roadshow")
    assert marked.publication_scheme is True
    detail = client.get(response["Location"])
    assert b"Suitable for the publication scheme" in detail.content


def test_the_api_sets_and_reads_the_flag(officer, ward):
    client = _client(officer)
    body = {
        "title": "Street briefing, Altrincham market",
        "purpose": "giving_information",
        "method": "street-briefing",
        "level": "neighbourhood",
        "areas": [ward.code],
        "aims": [{"text": "Tell traders about the new PCSO", "linked_to": "Neighbourhood plan"}],
        "contact_name": "PCSO Sam Lee",
        "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
    }
    created = client.post("/api/activities", body, content_type="application/json").json()
    assert created["publication_scheme"] is False
    url = f"/api/activities/{created['id']}"
    changed = client.patch(url, {"publication_scheme": True}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["publication_scheme"] is True
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(created["id"])).get()
    assert event.changes["publication_scheme"] == [False, True]
    refused = client.patch(url, {"publication_scheme": None}, content_type="application/json")
    assert refused.status_code == 422


@pytest.mark.parametrize("value", ["yes please", 3])
def test_a_flag_that_is_not_true_or_false_is_a_422(officer, ward, value):
    activity = ActivityFactory(lead_organisation=officer.organisation, areas=[ward])
    response = _client(officer).patch(
        f"/api/activities/{activity.pk}", {"publication_scheme": value}, content_type="application/json"
    )
    assert response.status_code == 422
