"""The publication-scheme bundle holds no sensitive row: over a world of OFFICIAL-SENSITIVE,
unpublished, unmarked and out-of-period records beside one that belongs in it, every CSV and
JSON file is opened and searched; small counts are suppressed so that no total gives one away;
the manifest's hashes match the files; the same records make the same files."""

import csv
import hashlib
import io
import json
import zipfile
from collections import defaultdict
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from consultations.suppression import threshold
from governance.models import Marking
from outcomes.models import Decision
from outcomes.publication import publication_bundle
from outcomes.publication_files import MANIFEST, bundle_name, to_zip, with_manifest
from outcomes.publication_selectors import bundle_period
from outcomes.reports_scope import database_reader
from outcomes.tests.loop_factories import make_trail
from places.tests.factories import AreaFactory

from .publication_fixtures import *  # noqa: F403
from .publication_fixtures import LEFT_OUT, SINGLE

pytestmark = pytest.mark.django_db
WHEN = timezone.make_aware(datetime(2026, 6, 1, 12, 0))


def _files(user, **period):
    bundle = publication_bundle(user=user, period=bundle_period(**period), made_on=timezone.localdate())
    return bundle, with_manifest(bundle, WHEN)


def _json(files, name):
    return json.loads(files[f"{name}.json"])["rows"]


def _csv(files, name):
    return list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode("utf-8-sig"))))


@pytest.mark.parametrize("reader", ["command", "publisher"])
def test_nothing_sensitive_unpublished_or_unmarked_is_in_any_file(world, publisher, reader):
    user = database_reader() if reader == "command" else publisher
    _, files = _files(user)
    for name, content in files.items():
        text = content.decode("utf-8")
        found = [words for words in LEFT_OUT if words in text]
        assert not found, f"{name} holds {found}"
    assert [r["id"] for r in _json(files, "activities")] == [world.scheme.pk]
    assert [r["id"] for r in _json(files, "questionnaires")] == [world.questionnaire.pk, world.tiny.pk]
    assert [r["id"] for r in _json(files, "feedback")] == [world.trail.feedback.pk]
    assert [r["id"] for r in _json(files, "decisions")] == [world.trail.decision.pk]
    left_out_ids = {a.pk for a in world.left_out}
    for name in ("questionnaires", "feedback"):
        assert not left_out_ids & {int(r["activity_id"]) for r in _csv(files, name)}
    assert world.draft_questionnaire.pk not in {int(r["questionnaire_id"]) for r in _csv(files, "questions")}


def test_what_is_published_reads_as_the_public_trail(world, publisher):
    _, files = _files(publisher)
    decision = _json(files, "decisions")[0]
    assert decision["you_said"] == ["Lighting on the main path"]
    assert decision["decided_by"] == "Neighbourhood tasking meeting"
    assert "Chief Inspector Jo Example" not in json.dumps(decision)
    feedback = _json(files, "feedback")[0]
    assert feedback["title"] == "Better lighting in the park" and feedback["decision_ids"] == [decision["id"]]
    questions = _json(files, "questions")
    assert [q["question"] for q in questions if q["questionnaire_id"] == world.questionnaire.pk] == [
        "Should the park close at dusk?",
        "What worries you there?",
        "Anything else?",
    ]
    assert questions[0]["choices"] == list(SINGLE)
    activity = _json(files, "activities")[0]
    assert "PC Jane Example" not in json.dumps(activity) and "jane.example" not in json.dumps(activity)


def test_every_small_count_is_suppressed_and_no_total_gives_one_away(world, publisher):
    _, files = _files(publisher)
    below = threshold()
    rows = _json(files, "results")
    assert rows and {r["questionnaire_id"] for r in rows} == {world.questionnaire.pk}
    by_question = defaultdict(list)
    for row in rows:
        by_question[row["question_number"]].append(row)
        assert row["count"] is None or row["count"] == 0 or row["count"] >= below
        if row["count"] is None:
            assert row["shown"] in (f"fewer than {below}", "withheld")
    single = {r["answer"]: r for r in by_question[1]}
    assert single["No"]["shown"] == f"fewer than {below}" and single["Maybe"]["shown"] == "withheld"
    assert single["Yes"]["count"] == 20
    multiple = {r["answer"]: r for r in by_question[2]}
    assert multiple["Dogs"]["shown"] == f"fewer than {below}" and multiple["Litter"]["count"] == 0
    assert multiple["Lighting"]["shown"] == "withheld"  # the next smallest, as for one choice
    for question_rows in by_question.values():
        hidden = [r for r in question_rows if r["count"] is None]
        assert len(hidden) != 1, "one hidden cell could be worked out from the total"
    for row in _csv(files, "results"):
        assert row["count"] == "" or int(row["count"]) == 0 or int(row["count"]) >= below
    questionnaires = {q["id"]: q for q in _json(files, "questionnaires")}
    assert questionnaires[world.questionnaire.pk]["responses"] == str(sum(SINGLE.values()))
    assert questionnaires[world.tiny.pk]["responses"] == f"fewer than {below}"


def test_no_results_before_the_consultation_closes(world, publisher):
    world.scheme.status = "open"
    world.scheme.save()
    _, files = _files(publisher)
    assert _json(files, "results") == []
    assert {q["results"] for q in _json(files, "questionnaires")} == {
        "Not yet: the consultation has not closed"
    }


def test_the_manifest_lists_every_file_with_its_hash(world, publisher):
    bundle, files = _files(publisher)
    manifest = json.loads(files[MANIFEST])
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == set(files) - {MANIFEST}
    assert len(listed) == 1 + 2 * len(bundle.tables)
    for name, content in files.items():
        if name != MANIFEST:
            assert listed[name]["sha256"] == hashlib.sha256(content).hexdigest()
            assert listed[name]["size"] == len(content)
    assert listed["activities.json"]["records"] == 1
    assert manifest["generated_at"] == WHEN.isoformat(timespec="seconds")
    assert manifest["heard_version"] and manifest["heard_version"] != "unknown"
    assert manifest["period"]["end"] == timezone.localdate().isoformat()
    assert manifest["name"] == bundle_name(bundle) == f"publication-scheme-{timezone.localdate().isoformat()}"


def test_the_same_records_make_the_same_files(world, publisher):
    bundle, first = _files(publisher)
    _, second = _files(publisher)
    assert first == second
    day = timezone.localdate()
    archive = to_zip(bundle_name(bundle), first, day)
    assert archive == to_zip(bundle_name(bundle), second, day)
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert names[0] == f"{bundle_name(bundle)}/index.html" and names[-1].endswith(MANIFEST)


def test_the_index_page_stands_on_its_own(world, publisher):
    _, files = _files(publisher)
    page = files["index.html"].decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert "<script" not in page and "http://" not in page and "https://" not in page and "src=" not in page
    assert "Priorities meeting in the park" in page and 'href="results.csv"' in page
    assert '<th scope="col">' in page and "<caption>" in page


def test_an_area_and_a_period_narrow_the_bundle(world, publisher):
    elsewhere = AreaFactory()
    _, files = _files(publisher, area=elsewhere.code)
    assert _json(files, "activities") == [] and _json(files, "feedback") == []
    _, files = _files(publisher, area=world.area.code)
    assert len(_json(files, "activities")) == 1
    long_ago = timezone.localdate() - timedelta(days=2100)
    _, files = _files(publisher, start=long_ago, end=long_ago + timedelta(days=300))
    assert [r["title"] for r in _json(files, "activities")] == [LEFT_OUT[3]]


def test_staff_wording_is_redacted_as_on_the_public_pages(world, publisher):
    make_trail(world.scheme, text="Ring Jo Bloggs on 07700 900123 or jo@example.com", title="Contact us")
    _, files = _files(publisher)
    text = "".join(content.decode("utf-8") for content in files.values())
    assert "Contact us" in text
    assert "07700 900123" not in text and "jo@example.com" not in text


def test_published_feedback_names_no_sensitive_decision(world, publisher):
    secret = Decision.objects.create(
        organisation=world.scheme.lead_organisation,
        summary=LEFT_OUT[5],
        decided_by_name="Superintendent",
        decided_by_body="Tasking",
        decided_on=timezone.localdate(),
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    world.trail.feedback.decisions.add(secret)
    _, files = _files(publisher)
    assert [f["decision_ids"] for f in _json(files, "feedback")] == [[world.trail.decision.pk]]
    assert secret.pk not in {d["id"] for d in _json(files, "decisions")}
