"""The ways to make a publication-scheme bundle: `manage.py publication_bundle` (a zip or a
folder, clear errors for bad arguments), the staff page (asked for, made in the background,
progress, the files and their hashes, the download), who may make and open one per role and
organisation, a worker that died, and every bundle made or downloaded in the audit log."""

import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from outcomes.models import BundleState, PublicationBundle
from outcomes.publication_making import STOPPED, publication_bundle_execute
from outcomes.publication_services import publication_bundle_request, publication_bundles_fail_stale

from .publication_fixtures import *  # noqa: F403
from .publication_fixtures import LEFT_OUT

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _exports():
    return AuditEvent.objects.filter(action=AuditAction.EXPORT)


def _check_zip(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    files = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["name"]]).hexdigest() == entry["sha256"]
    assert not [w for w in LEFT_OUT for content in files.values() if w in content.decode("utf-8")]
    return files


# The command


def test_the_command_writes_a_dated_zip_and_records_it(world, tmp_path):
    out = tmp_path / "scheme.zip"
    stdout = io.StringIO()
    call_command("publication_bundle", "--out", str(out), stdout=stdout)
    files = _check_zip(out.read_bytes())
    assert "Priorities meeting in the park" in files["activities.csv"].decode("utf-8")
    assert "1 activities" in stdout.getvalue() and str(out) in stdout.getvalue()
    event = _exports().get()
    assert event.actor is None and event.changes["what"] == "publication scheme bundle"


def test_the_command_writes_a_folder_named_with_the_date(world, tmp_path):
    today = timezone.localdate()
    call_command(
        "publication_bundle",
        "--from",
        (today - timedelta(days=90)).isoformat(),
        "--to",
        today.isoformat(),
        "--area",
        world.area.code.lower(),
        "--out",
        str(tmp_path),
        stdout=io.StringIO(),
    )
    folder = tmp_path / f"publication-scheme-{world.area.code.lower()}-{today.isoformat()}"
    assert sorted(p.name for p in folder.iterdir())[:3] == [
        "activities.csv",
        "activities.json",
        "decisions.csv",
    ]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["period"]["area"]["code"] == world.area.code


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2025-13-01"], "not a date like"),
        (["--to", "yesterday"], "not a date like"),
        (["--from", "2025-06-01", "--to", "2025-01-01"], "on or after its start"),
        (["--from", "1999-01-01", "--to", "1999-02-01"], "from 2000 on"),
        (["--area", "E09999999"], "No area has the code"),
        (["--user", "nobody"], "No active user"),
    ],
)
def test_the_command_refuses_bad_arguments(world, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("publication_bundle", *arguments, "--out", str(tmp_path / "x.zip"), stdout=io.StringIO())
    assert not (tmp_path / "x.zip").exists()


# The staff page


def test_asking_for_a_bundle_on_the_page(world, publisher, django_capture_on_commit_callbacks):
    client = _client(publisher)
    page = client.get(reverse("publication:bundle_list"))
    assert page.status_code == 200 and b"Make the bundle" in page.content
    assert "Publication scheme" in [item["label"] for item in page.context["staff_menu"]]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asked = client.post(reverse("publication:bundle_list"), {"area": world.area.code})
    bundle = PublicationBundle.objects.get()
    assert asked.status_code == 302 and asked["Location"] == reverse(
        "publication:bundle_detail", args=[bundle.pk]
    )
    waiting = client.get(asked["Location"])
    assert b"Waiting to start: 0% done" in waiting.content
    assert client.get(asked["Location"], headers={"HX-Request": "true"}).status_code == 200
    assert client.get(reverse("publication:bundle_file", args=[bundle.pk])).status_code == 404
    callbacks[0]()
    bundle.refresh_from_db()
    assert bundle.state == BundleState.DONE and bundle.progress == 100
    assert (
        bundle.filename
        == f"publication-scheme-{world.area.code.lower()}-{timezone.localdate().isoformat()}.zip"
    )
    ready = client.get(asked["Location"])
    assert (
        b"activities.json" in ready.content
        and bundle.manifest["files"][0]["sha256"].encode() in ready.content
    )
    assert client.get(asked["Location"], headers={"HX-Request": "true"}).status_code == 204
    download = client.get(reverse("publication:bundle_file", args=[bundle.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert bundle.filename in download["Content-Disposition"]
    _check_zip(download.content)
    assert [e.changes.get("made", e.changes.get("downloaded")) for e in _exports().order_by("pk")] == [
        True,
        True,
    ]
    assert all(e.actor == publisher for e in _exports())


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start": "2026-02-30"}, "Enter a real date"),
        ({"start": "2026-06-01", "end": "2026-01-01"}, "on or after its start"),
        ({"start": "1990-01-01", "end": "1990-02-01"}, "from 2000 on"),
        ({"area": "E09999999"}, "Select a valid choice"),
    ],
)
def test_bad_dates_are_a_400_with_the_problem_shown(world, publisher, data, field):
    response = _client(publisher).post(reverse("publication:bundle_list"), data)
    assert response.status_code == 400
    assert b"Error: " in response.content and field.encode() in response.content
    assert not PublicationBundle.objects.exists()


@pytest.mark.parametrize(
    ("sector", "role", "may"),
    [
        ("police", Role.ADMIN, True),
        ("police", Role.ANALYST, True),
        ("police_authority", Role.ANALYST, True),
        ("police", Role.ENGAGEMENT_OFFICER, False),
        ("police", Role.AUTHORITY_MEMBER, False),
        ("local_authority", Role.ADMIN, False),
    ],
)
def test_who_may_make_a_bundle(world, sector, role, may):
    user = UserFactory(organisation=OrganisationFactory(sector=sector), roles=[role])
    client = _client(user)
    assert client.get(reverse("publication:bundle_list")).status_code == (200 if may else 403)
    assert client.post(reverse("publication:bundle_list"), {}).status_code == (302 if may else 403)


def test_another_organisations_bundle_is_out_of_reach(world, publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bundle = publication_bundle_request(
            user=publisher, start=timezone.localdate(), end=timezone.localdate()
        )
    stranger = _client(UserFactory(organisation=OrganisationFactory(sector="police"), roles=[Role.ADMIN]))
    for name in ("publication:bundle_detail", "publication:bundle_file"):
        assert stranger.get(reverse(name, args=[bundle.pk])).status_code == 404
    assert b"has not made a bundle yet" in stranger.get(reverse("publication:bundle_list")).content


# The task


def test_a_bundle_whose_worker_died_is_marked_failed(world, publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        bundle = publication_bundle_request(
            user=publisher, start=timezone.localdate(), end=timezone.localdate()
        )
    PublicationBundle.objects.filter(pk=bundle.pk).update(
        state=BundleState.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    assert publication_bundles_fail_stale() == 1
    bundle.refresh_from_db()
    assert bundle.state == BundleState.FAILED and bundle.error == STOPPED
    page = _client(publisher).get(reverse("publication:bundle_detail", args=[bundle.pk]))
    assert b"The bundle could not be made" in page.content
    assert publication_bundle_execute(bundle_id=bundle.pk).state == BundleState.FAILED


def test_a_maker_who_lost_the_right_gets_no_bundle(world, publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bundle = publication_bundle_request(
            user=publisher, start=timezone.localdate(), end=timezone.localdate()
        )
    publisher.is_active = False
    publisher.save()
    callbacks[0]()
    bundle.refresh_from_db()
    assert bundle.state == BundleState.FAILED and bundle.content == b"" and not _exports().exists()
