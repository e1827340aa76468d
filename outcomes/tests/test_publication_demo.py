"""The demo's publication scheme: most published activities marked for it, the loop's
feedback and decisions in a bundle of the last twelve months that is ready to download, and
safe to run twice."""

import io
import json
import zipfile

import pytest

from engagement.models import Activity
from heard.demo import demo_load
from organisations.models import User
from outcomes.demo_loop import demo_load_loop
from outcomes.demo_publication import demo_load_publication
from outcomes.models import BundleState, PublicationBundle


@pytest.mark.django_db
def test_the_demo_has_a_believable_bundle_and_is_safe_to_run_twice():
    demo_load(parts=False)
    users = {u.username: u for u in User.objects.filter(username__in=["officer", "analyst"])}
    demo_load_loop(officer=users["officer"], analyst=users["analyst"], partner=users["officer"].organisation)
    first = demo_load_publication(analyst=users["analyst"])
    published = Activity.private_objects.filter(is_published=True, marking="official").count()
    assert published * 0.6 < first.marked < published
    assert not Activity.private_objects.filter(publication_scheme=True, marking="official_sensitive").exists()
    assert (first.bundle, first.made) == (BundleState.DONE, 1)
    bundle = PublicationBundle.objects.get()
    archive = zipfile.ZipFile(io.BytesIO(bytes(bundle.content)))
    records = {f["name"]: f.get("records") for f in bundle.manifest["files"]}
    assert records["activities.json"] >= 10 and records["feedback.json"] >= 1 and records["results.json"] > 0
    rows = json.loads(archive.read(f"{bundle.filename[:-4]}/feedback.json"))["rows"]
    assert all(row["decision_ids"] for row in rows)
    again = demo_load_publication(analyst=users["analyst"])
    assert again.made == 0 and PublicationBundle.objects.count() == 1
