"""The languages and access formats of activities over HTTP: read, written, validated (a 422
naming the unknown codes, nothing stored), filtered, and the reference lists."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from places.tests.factories import AreaFactory


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def payload(db):
    AreaFactory(code="E05000819", name="Altrincham")
    return {
        "title": "Community safety drop-in",
        "purpose": "getting_information",
        "method": "open-surgery",
        "level": "neighbourhood",
        "areas": ["E05000819"],
        "aims": [{"text": "Hear worries about hate crime", "linked_to": "Hate crime strategy"}],
        "contact_name": "PCSO Imran Ali",
        "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
        "languages": ["ur", "pa", "en"],
        "access_formats": ["step_free"],
    }


def test_write_read_change_and_filter(client, payload):
    created = client.post("/api/activities", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["languages"] == ["en", "ur", "pa"] and body["access_formats"] == ["step_free"]
    url = f"/api/activities/{body['id']}"
    changed = client.patch(
        url, {"access_formats": ["hearing_loop", "step_free"]}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["access_formats"] == ["hearing_loop", "step_free"]
    assert client.patch(url, {"languages": None}, content_type="application/json").json()["languages"] == []
    ActivityFactory(lead_organisation=Activity.private_objects.get().lead_organisation, title="Other")
    found = client.get("/api/activities", {"access_format": "hearing_loop"}).json()
    assert [a["title"] for a in found["items"]] == ["Community safety drop-in"]
    assert client.get("/api/activities", {"language": "ur"}).json()["count"] == 0
    assert client.get("/api/activities", {"language": "xx"}).status_code == 422


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"languages": ["ur", "xx"]}, "Unknown languages: xx"),
        ({"access_formats": ["telepathy"]}, "Unknown access formats: telepathy"),
        ({"languages": ["ur", "ur"]}, "Give each language once"),
    ],
)
def test_unknown_codes_are_refused_and_nothing_stored(client, payload, change, message):
    refused = client.post("/api/activities", {**payload, **change}, content_type="application/json")
    assert refused.status_code == 422 and message in refused.content.decode()
    assert not Activity.private_objects.exists()


def test_reference_lists(client, officer):
    languages = client.get("/api/languages").json()
    assert languages[3] == {"code": "ur", "name": "Urdu", "own_name": "اردو"}
    formats = {f["code"]: f["label"] for f in client.get("/api/access-formats").json()}
    assert formats["bsl"] == "British Sign Language (BSL) interpreter"
    assert Client().get("/api/languages").status_code == 401
