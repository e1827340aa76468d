"""The feedback loop over HTTP: the same selectors and services as the pages; a record out of
reach is a 404, bad input a 422, a stale move a 409; priorities and actions in police.uk's
shape as CSV and JSON."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.tests.helpers import content
from insight.models import Priority
from outcomes.models import Action, ActionStatus, Decision, Feedback, FeedbackState, Finding
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403
from .loop_fixtures import theme_of


@pytest.fixture
def api(officer):
    client = Client()
    client.force_login(officer)
    return client


def _send(client, method, url, body=None):
    return getattr(client, method)(f"/api{url}", json.dumps(body or {}), content_type="application/json")


def test_the_whole_loop_over_http(
    api, run, consultation, officer, council, django_capture_on_commit_callbacks
):
    theme = theme_of(run, "Speeding cars on the main road outside the school every morning")
    quote = theme.coded.first().answer
    made = _send(
        api,
        "post",
        "/outcomes/findings",
        {
            "statement": "Speeding outside the school",
            "area": consultation.areas.first().code,
            "source": "theme",
            "activity": consultation.pk,
            "themes": [theme.pk],
            "answers": [quote.pk],
        },
    )
    assert made.status_code == 201, made.content
    finding = made.json()
    assert finding["themes"] == [theme.pk] and finding["quoted_answers"] == [quote.text]
    decision = _send(
        api,
        "post",
        "/outcomes/decisions",
        {
            "summary": "Speed checks",
            "decided_by_name": "Insp Jo Example",
            "decided_by_body": "Tasking meeting",
            "decided_on": str(timezone.localdate()),
            "findings": [finding["id"]],
            "factors": {"cost_benefit": "Fits the hours", "best_practice": ""},
        },
    ).json()
    assert [f["factor"] for f in decision["factors"]] == ["cost_benefit"]
    action = _send(
        api,
        "post",
        f"/outcomes/decisions/{decision['id']}/actions",
        {
            "title": "Checks on Manchester Road",
            "owner_organisation": council.slug,
            "owner_name": "Highways",
            "due_on": str(timezone.localdate() + timedelta(days=20)),
        },
    ).json()
    assert action["rag"]["colour"] == "green" and action["status"] == "not_started"
    moved = _send(
        api,
        "post",
        f"/outcomes/actions/{action['id']}/transition",
        {"to": "in_progress", "from_status": "not_started"},
    )
    assert moved.json()["status"] == "in_progress"
    stale = _send(
        api,
        "post",
        f"/outcomes/actions/{action['id']}/transition",
        {"to": "done", "from_status": "not_started"},
    )
    assert stale.status_code == 409 and stale.json()["state"] == "in_progress"
    progress = _send(api, "post", f"/outcomes/actions/{action['id']}/updates", {"text": "Two checks done"})
    assert progress.status_code == 201 and progress.json()["updates"][0]["text"] == "Two checks done"
    rag = _send(
        api, "put", f"/outcomes/actions/{action['id']}/rag", {"rag": "amber", "reason": "Short of staff"}
    )
    assert rag.json()["rag"] == {
        "colour": "amber",
        "label": "Amber",
        "set_by_hand": True,
        "why": "Short of staff",
    }
    feedback = _send(
        api,
        "post",
        f"/activities/{consultation.pk}/feedback",
        {
            "title": "Speeding",
            "statement": "We check speeds",
            "decisions": [decision["id"]],
            "actions": [action["id"]],
        },
    ).json()
    assert feedback["state"] == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        published = _send(
            api,
            "post",
            f"/outcomes/feedback/{feedback['id']}/publish",
            {"channels": ["meeting"], "from_state": "draft"},
        )
    assert published.status_code == 200 and published.json()["channels"] == ["website", "meeting"]
    assert published.json()["updates"]["state"] == "queued"  # sent once the publication commits
    assert api.get(f"/api/outcomes/feedback/{feedback['id']}").json()["updates"]["state"] == "done"
    again = _send(api, "post", f"/outcomes/feedback/{feedback['id']}/publish", {"from_state": "draft"})
    assert again.status_code == 409 and again.json()["state"] == FeedbackState.PUBLISHED
    assert _send(api, "post", f"/outcomes/feedback/{feedback['id']}/publish", {}).status_code == 422


def test_bad_input_is_a_422_and_stores_nothing(api, consultation):
    assert _send(api, "post", "/outcomes/findings", {"statement": "x"}).status_code == 422
    bad_area = _send(
        api, "post", "/outcomes/findings", {"statement": "x", "area": "NOWHERE", "source": "reach"}
    )
    assert bad_area.status_code == 422 and "area" in bad_area.json()["errors"]
    unseen = _send(
        api,
        "post",
        "/outcomes/findings",
        {"statement": "x", "area": consultation.areas.first().code, "source": "theme", "themes": [999999]},
    )
    assert unseen.status_code == 422 and "themes" in unseen.json()["errors"]
    assert not Finding.objects.exists()


def test_another_organisations_records_are_not_found(consultation, outsider):
    trail = make_trail(consultation)
    client = Client()
    client.force_login(outsider)
    for url in (
        f"/outcomes/findings/{trail.finding.pk}",
        f"/outcomes/decisions/{trail.decision.pk}",
        f"/outcomes/actions/{trail.action.pk}",
        f"/outcomes/feedback/{trail.feedback.pk}",
    ):
        assert client.get(f"/api{url}").status_code == 404, url
        assert (
            _send(client, "patch", url, {"title": "x", "statement": "x", "summary": "x"}).status_code == 404
        )
    assert client.get("/api/outcomes/findings").json() == []
    assert Finding.objects.get().statement == trail.finding.statement


def test_police_uk_shape(api, consultation, ward, police, officer):
    trail = make_trail(consultation, text="Slow the traffic")
    Priority.private_objects.create(
        area=ward, quarter="2026-Q4", label="Parking on pavements", rank=2, organisation=police
    )
    Action.objects.filter(pk=trail.action.pk).update(
        status=ActionStatus.DONE, done_on="2026-11-01", result="Done twice"
    )
    rows = api.get(f"/api/outcomes/priorities-and-actions?area={ward.code}&format=json").json()
    assert rows == [
        {
            "issue": "Slow the traffic",
            "issue-date": f"{trail.finding.found_on.isoformat()}T00:00:00",
            "action": "Slow the traffic Done twice",
            "action-date": "2026-11-01T00:00:00",
        },
        {
            "issue": "Parking on pavements",
            "issue-date": rows[1]["issue-date"],
            "action": "",
            "action-date": None,
        },
    ]
    csv = content(api.get(f"/api/outcomes/priorities-and-actions?area={ward.code}&format=csv")).decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[0] == "issue,issue-date,action,action-date"
    assert api.get("/api/outcomes/priorities-and-actions?format=json").status_code == 422
    assert api.get(f"/api/outcomes/priorities-and-actions?area={ward.code}&format=pdf").status_code == 422


def test_lists_filter_by_area_and_status(api, consultation, ward, district):
    make_trail(consultation)
    assert len(api.get(f"/api/outcomes/actions?area={district.code}&status=not_started").json()) == 1
    assert api.get(f"/api/outcomes/actions?area={ward.code}&status=done").json() == []
    assert len(api.get("/api/outcomes/feedback?state=published").json()) == 1
    assert len(api.get(f"/api/outcomes/decisions?area={ward.code}").json()) == 1
    assert Decision.objects.count() == Feedback.objects.count() == 1
