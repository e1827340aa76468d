"""The evaluation over HTTP: the same selectors and services as the pages, under the same rules:
422 for bad input, 404 out of reach, 409 for a conflict, text through the reader's door."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from engagement.models import Answer, ChecklistAnswer
from organisations.models import Partnership, Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from outcomes.models import Evaluation, EvaluationState, ParticipantEvaluation, StandardScore

from .evaluation_fixtures import *  # noqa: F403
from .evaluation_fixtures import add_forms

JSON = "application/json"
SLUGS = ["inclusion", "support", "planning", "working-together", "methods", "communication", "impact"]
WORDS = "Ring Dave Smith on 07700 900123 about the meeting."


@pytest.fixture
def api(officer, client_for):
    return client_for(officer)


def _base(activity):
    return f"/api/activities/{activity.pk}"


def _payload(activity, **extra):
    ratings = [{"aim": a.pk, "result": "met", "evidence": "Forty came"} for a in activity.aims.all()]
    return {"target_participants": 30, "lessons_learned": "Start later.", "ratings": ratings, **extra}


def test_evaluate_complete_and_read_it_back(closed_activity, api):
    base = _base(closed_activity)
    empty = api.get(f"{base}/evaluation").json()
    assert empty["state"] == "" and empty["state_label"] == "Not started" and len(empty["aims"]) == 2
    saved = api.put(f"{base}/evaluation", _payload(closed_activity), content_type=JSON)
    assert saved.status_code == 200, saved.content
    assert saved.json()["state"] == "draft" and saved.json()["target_participants"] == 30
    done = api.post(
        f"{base}/evaluation/transition", {"to": "complete", "from_state": "draft"}, content_type=JSON
    )
    assert done.status_code == 200 and done.json()["state"] == "complete"
    assert done.json()["figures_as_completed"] is True
    assert ChecklistAnswer.objects.get(activity=closed_activity, point=25).answer == Answer.DONE
    conflict = api.post(
        f"{base}/evaluation/transition", {"to": "complete", "from_state": "draft"}, content_type=JSON
    )
    assert conflict.status_code == 409 and conflict.json()["state"] == "complete"
    listing = api.get("/api/evaluations").json()
    assert [(r["title"], r["state"], r["aims_met"]) for r in listing] == [
        ("Altrincham PACT meeting", "complete", 2)
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"ratings": [{"aim": 0, "result": "met"}]},
        {"ratings": [{"aim": -1, "result": "met"}]},
        {"target_participants": -3},
        {"target_participants": "lots"},
        {"ratings": "all met"},
    ],
)
def test_bad_input_is_a_422_and_nothing_is_stored(closed_activity, api, body):
    response = api.put(f"{_base(closed_activity)}/evaluation", body, content_type=JSON)
    assert response.status_code == 422, response.content
    assert not Evaluation.objects.exists()


def test_completing_what_is_not_ready_is_a_422_naming_it(closed_activity, api):
    base = _base(closed_activity)
    assert api.post(f"{base}/evaluation/transition", {"to": "complete"}, content_type=JSON).status_code == 422
    api.put(f"{base}/evaluation", _payload(closed_activity, lessons_learned=""), content_type=JSON)
    refused = api.post(f"{base}/evaluation/transition", {"to": "complete"}, content_type=JSON)
    assert refused.status_code == 422 and "Write the lessons learned" in str(refused.json()["errors"])
    nowhere = api.post(f"{base}/evaluation/transition", {"to": "finished"}, content_type=JSON)
    assert nowhere.status_code == 422
    assert Evaluation.objects.get().state == EvaluationState.DRAFT


def test_participant_forms_only_as_totals_and_comments_through_the_door(
    closed_activity, api, police, council, client_for
):
    base = _base(closed_activity)
    entered = api.post(
        f"{base}/participant-evaluations", {"satisfied": "yes", "comments": WORDS}, content_type=JSON
    )
    assert entered.status_code == 201 and entered.json() == {"forms_for_activity": 1, "paper_forms": 1}
    assert api.post(f"{base}/participant-evaluations", {}, content_type=JSON).status_code == 422
    assert (
        api.post(f"{base}/participant-evaluations", {"satisfied": "maybe"}, content_type=JSON).status_code
        == 422
    )
    add_forms(closed_activity, 5, satisfied="no")
    own = api.get(f"{base}/evaluation").json()
    assert own["comments"] == [WORDS] and own["participants"]["total"] == 6
    satisfied = own["participants"]["tables"][0]["cells"]
    # One yes: hidden, and the five noes too, or the yes would be the total less them.
    assert [(c["label"], c["count"]) for c in satisfied] == [
        ("Yes", None),
        ("Partly", 0),
        ("No", None),
        ("Not answered", 0),
    ]
    DataSharingAgreementFactory(owner=police, recipient=council)
    partner = client_for(UserFactory(organisation=council, roles=[Role.ANALYST])).get(f"{base}/evaluation")
    assert partner.status_code == 200
    assert "Dave Smith" not in partner.content.decode() and "07700 900123" not in partner.content.decode()
    assert ParticipantEvaluation.objects.count() == 6


def test_out_of_reach_is_a_404_and_visitors_a_401(closed_activity, outsider, client_for):
    base = _base(closed_activity)
    client = client_for(outsider)
    for method, url in (
        ("get", f"{base}/evaluation"),
        ("put", f"{base}/evaluation"),
        ("post", f"{base}/evaluation/transition"),
        ("put", f"{base}/evaluation/online-form"),
        ("get", f"{base}/evaluation/paper-form.pdf"),
        ("post", f"{base}/participant-evaluations"),
        ("get", f"{base}/national-standards"),
        ("put", f"{base}/national-standards"),
    ):
        assert getattr(client, method)(url, {}, content_type=JSON).status_code == 404, url
    assert client_for(None).get(f"{base}/evaluation").status_code == 401
    assert not Evaluation.objects.exists() and not ParticipantEvaluation.objects.exists()


def test_the_online_form_is_opened_over_the_api(closed_activity, api):
    url = f"{_base(closed_activity)}/evaluation/online-form"
    assert api.put(url, {}, content_type=JSON).status_code == 422
    today = timezone.localdate()
    opened = api.put(
        url, {"opens_on": str(today), "closes_on": str(today + timedelta(days=28))}, content_type=JSON
    )
    assert opened.status_code == 200 and opened.json()["path"] == f"/evaluate/{opened.json()['code']}/"


def test_the_paper_form_is_printed_over_the_api_in_a_language_it_can_write(closed_activity, api):
    url = f"{_base(closed_activity)}/evaluation/paper-form.pdf"
    welsh = api.get(url, {"lang": "cy"})
    assert welsh.status_code == 200 and welsh["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(welsh.content)).pages)
    assert "Ticiwch un blwch ar gyfer pob cwestiwn" in text
    assert "Tick one box" in "".join(p.extract_text() for p in PdfReader(BytesIO(api.get(url).content)).pages)
    urdu = api.get(url, {"lang": "ur"})
    assert urdu.status_code == 200 and urdu["Content-Disposition"].endswith('-ur.pdf"')
    refused = api.get(url, {"lang": "de"})
    assert refused.status_code == 422 and "Urdu (ur) or Punjabi (pa)" in refused.content.decode()


def test_standards_scores_and_their_trend(closed_activity, api, police):
    url = f"{_base(closed_activity)}/national-standards"
    assert (
        api.put(url, {"scores": [{"standard": "inclusion", "score": 3}]}, content_type=JSON).status_code
        == 422
    )
    assert (
        api.put(url, {"scores": [{"standard": "bravery", "score": 3}]}, content_type=JSON).status_code == 422
    )
    scores = [{"standard": s, "score": 4, "note": ""} for s in SLUGS]
    scores[0] = {"standard": "inclusion", "score": 2, "note": "Few young people"}
    saved = api.put(url, {"scores": scores}, content_type=JSON)
    assert saved.status_code == 200 and saved.json()["average"] == round((2 + 6 * 4) / 7, 1)
    standards = api.get("/api/national-standards").json()
    assert [s["name"] for s in standards] == [
        "Inclusion",
        "Support",
        "Planning",
        "Working together",
        "Methods",
        "Communication",
        "Impact",
    ]
    assert len(standards[0]["descriptors"]) == 4
    by_year = api.get("/api/national-standards/trend", {"by": "year"}).json()
    assert by_year["periods"] == [str(closed_activity.starts_at.year)] and by_year["assessments"] == 1
    assert by_year["rows"][0] == {"standard": "Inclusion", "cells": [{"average": 2.0, "count": 1}]}
    assert api.get("/api/national-standards/trend", {"by": "decade"}).status_code == 422
    assert api.get("/api/national-standards/trend", {"area": "NOWHERE"}).status_code == 422
    partnership = Partnership.objects.create(name="Safer Trafford Partnership", kind="statutory")
    partnership.members.add(police)
    year_url = f"/api/partnerships/{partnership.pk}/national-standards/2026"
    assert api.put(year_url, {"scores": scores}, content_type=JSON).status_code == 200
    assert api.get(year_url).json()["scores"][0]["note"] == "Few young people"
    assert StandardScore.objects.count() == 14
