"""The publication scheme over HTTP: asking for a bundle (202 with its id), its progress, its zip
(409 until it is ready) with the manifest's hashes; the same rules as the page (403 for those
who may not make one, 404 for another organisation's), bad dates a 422."""

import hashlib
import io
import json
import zipfile

import pytest
from django.test import Client

from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory

from .publication_fixtures import *  # noqa: F403
from .publication_fixtures import LEFT_OUT

pytestmark = pytest.mark.django_db
URL = "/api/publication-bundles"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_asking_for_a_bundle_and_following_it(world, publisher, django_capture_on_commit_callbacks):
    client = _client(publisher)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = client.post(URL, {"area": world.area.code}, content_type="application/json")
    assert asked.status_code == 202
    body = asked.json()
    assert body["state"] == "queued" and body["zip"] == "" and body["files"] == []
    assert client.get(f"{URL}/{body['id']}/zip").status_code == 409
    callbacks[0]()
    ready = client.get(f"{URL}/{body['id']}").json()
    assert ready["state"] == "done" and ready["progress"] == 100 and ready["area"] == world.area.code
    download = client.get(ready["zip"])
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    files = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    listed = {f["name"]: f["sha256"] for f in ready["files"]}
    assert listed == {f["name"]: f["sha256"] for f in json.loads(files["manifest.json"])["files"]}
    assert all(hashlib.sha256(files[name]).hexdigest() == digest for name, digest in listed.items())
    assert not [w for w in LEFT_OUT for content in files.values() if w in content.decode("utf-8")]
    assert [b["id"] for b in client.get(URL).json()] == [body["id"]]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=publisher).count() == 2


@pytest.mark.parametrize(
    "body",
    [
        {"start": "2026-02-30"},
        {"start": "next week"},
        {"start": "2026-06-01", "end": "2026-01-01"},
        {"start": "1990-01-01", "end": "1990-03-01"},
        {"area": "E09999999"},
    ],
)
def test_bad_input_is_a_422(world, publisher, body):
    response = _client(publisher).post(URL, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


def test_the_same_rules_as_the_page(world, publisher, django_capture_on_commit_callbacks):
    officer = _client(UserFactory(organisation=publisher.organisation, roles=[Role.ENGAGEMENT_OFFICER]))
    assert officer.post(URL, {}, content_type="application/json").status_code == 403
    assert officer.get(URL).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        made = _client(publisher).post(URL, {}, content_type="application/json").json()
    stranger = _client(UserFactory(organisation=OrganisationFactory(sector="police"), roles=[Role.ANALYST]))
    for url in (f"{URL}/{made['id']}", f"{URL}/{made['id']}/zip"):
        assert stranger.get(url).status_code == 404
    assert stranger.get(URL).json() == []
    assert Client().get(URL).status_code == 401
