"""The measures and plans API: the same doors and services as the pages, 422 for bad input (an
import's problems by line), 404 for what the caller may not see, 409 for a status somebody else
changed meanwhile."""

import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.tests.helpers import content
from engagement.tests.factories import ActivityFactory
from outcomes.models import AnnualPlan, EvidenceValue, Measure, MeasureValue, StrategyAction

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for, measure


@pytest.fixture
def api(officer):
    return client_for(officer)


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_measures_round_trip(api, partnership, ward, council):
    made = post(
        api,
        reverse("api:create_measure"),
        {
            "name": "Victims satisfied",
            "quadrant": "how_well",
            "unit": "%",
            "partnership": partnership.pk,
            "area": ward.code,
            "target": "75",
            "partners": [council.slug],
        },
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["partnership"] == "Safer Trafford Partnership" and body["area"] == "Altrincham"
    assert body["target"] == "75%" and body["partners"] == ["Trafford Council"]
    url = reverse("api:set_measure_value", kwargs={"measure_id": body["id"]})
    value = post(api, url, {"period_start": "2026-04-01", "value": "72.5"})
    assert value.status_code == 200 and value.json()["values"][0]["period"] == "April to June 2026"
    assert post(api, url, {"period_start": "2026-05-01", "value": "1"}).status_code == 422
    assert post(api, url, {"period_start": "2026-04-01", "value": "1e20"}).status_code == 422
    patched = api.patch(
        reverse("api:update_measure", kwargs={"measure_id": body["id"]}),
        {"story": "Follow-up calls began", "area": None},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["story"] == "Follow-up calls began"
    assert patched.json()["area"] == "" and patched.json()["partnership"] == "Safer Trafford Partnership"
    listed = api.get(reverse("api:list_measures"), {"partnership": partnership.pk}).json()
    assert [m["name"] for m in listed] == ["Victims satisfied"]
    value_id = MeasureValue.objects.get().pk
    gone = api.delete(
        reverse("api:delete_measure_value", kwargs={"measure_id": body["id"], "value_id": value_id})
    )
    assert gone.status_code == 204 and not MeasureValue.objects.exists()


def test_a_partnership_that_is_not_yours_is_not_found(partnership, stranger):
    response = post(
        client_for(stranger),
        reverse("api:create_measure"),
        {"name": "x", "quadrant": "how_much", "partnership": partnership.pk},
    )
    assert response.status_code == 404 and not Measure.objects.exists()


def test_imports_are_all_or_nothing(api, officer):
    found = measure(officer)
    url = reverse("api:import_measure_values", kwargs={"measure_id": found.pk})
    bad = api.post(url, {"file": io.BytesIO(b"period,value\n2025-04-01,1\n2025-04-02,2\n")})
    assert bad.status_code == 422
    assert bad.json()["errors"]["file"][1].startswith("Line 3: 2 April 2025 is not the first day")
    assert not MeasureValue.objects.exists()
    assert api.post(url, {}).status_code == 422
    good = api.post(url, {"file": io.BytesIO(b"period,value\n2025-04-01,1\n")})
    assert good.status_code == 201 and good.json()["added"] == 1


def test_evidence_over_http(api, ward, partnership, police):
    made = post(
        api,
        reverse("api:create_evidence_source"),
        {"name": "Complaints", "kind": "complaints", "unit": "complaints", "direction": "lower"},
    )
    assert made.status_code == 201
    source_id = made.json()["id"]
    imported = api.post(
        reverse("api:import_evidence_values", kwargs={"source_id": source_id}),
        {"file": io.BytesIO(b"area,period,value\nE05000819,2026-04-01,4\n")},
    )
    assert imported.status_code == 201 and EvidenceValue.objects.count() == 1
    detail = api.get(reverse("api:get_evidence_source", kwargs={"source_id": source_id})).json()
    assert (
        detail["areas"][0]["area"] == "E05000819"
        and detail["areas"][0]["values"][0]["text"] == "4 complaints"
    )
    ActivityFactory(
        lead_organisation=police,
        title="PACT",
        areas=[ward],
        starts_at=timezone.make_aware(datetime(2026, 6, 1, 19)),
    )
    area = api.get(reverse("api:get_area_evidence"), {"area": ward.code, "year": 2026}).json()
    assert area["sources"][0]["values"][0]["value"] == "4.00" and [
        a["title"] for a in area["activities"]
    ] == ["PACT"]
    assert api.get(reverse("api:get_area_evidence"), {"area": "NOWHERE", "year": 2026}).status_code == 422
    patched = api.patch(
        reverse("api:update_evidence_source", kwargs={"source_id": source_id}),
        {"partnership": partnership.pk},
        content_type="application/json",
    )
    assert patched.json()["partnership"] == partnership.pk


def test_the_strategy_plan_over_http(api, officer, partner, partnership, council):
    url = reverse("api:create_strategy_action", kwargs={"partnership_id": partnership.pk})
    assert post(api, url, {"action": "x", "rag": "amber", "rag_reason": ""}).status_code == 422
    made = post(
        api,
        url,
        {"action": "Roadshows", "rag": "amber", "rag_reason": "Planning", "lead_agencies": [council.slug]},
    )
    assert made.status_code == 201 and made.json()["action"]["lead_agencies"] == ["Trafford Council"]
    action_id = made.json()["action"]["id"]
    updates = reverse("api:record_strategy_update", kwargs={"action_id": action_id})
    first = post(api, updates, {"rag": "green", "rag_reason": "Booked", "from_rag": "amber"})
    assert first.status_code == 201 and first.json()["action"]["rag"] == "green"
    assert [h["changed"] for h in first.json()["history"]] == [["Status"], ["Added to the plan"]]
    conflict = post(
        client_for(partner), updates, {"rag": "red", "rag_reason": "Cancelled", "from_rag": "amber"}
    )
    assert conflict.status_code == 409 and conflict.json()["state"] == "green"
    progress = post(client_for(partner), updates, {"progress": "Two held"})
    assert progress.status_code == 201 and progress.json()["action"]["rag"] == "green"
    listed = client_for(partner).get(
        reverse("api:list_strategy_actions", kwargs={"partnership_id": partnership.pk})
    )
    assert [a["progress"] for a in listed.json()] == ["Two held"]
    exported = api.get(
        reverse("api:export_strategy_actions", kwargs={"partnership_id": partnership.pk}), {"format": "xlsx"}
    )
    assert exported.status_code == 200 and exported["Content-Type"].startswith("application/vnd.openxml")
    assert (
        api.get(
            reverse("api:export_strategy_actions", kwargs={"partnership_id": partnership.pk}),
            {"format": "doc"},
        ).status_code
        == 422
    )
    edited = api.patch(
        reverse("api:update_strategy_action", kwargs={"action_id": action_id}),
        {"action": "Partnership roadshows"},
        content_type="application/json",
    )
    assert edited.json()["action"]["action"] == "Partnership roadshows"
    assert StrategyAction.objects.get().lead_agencies.count() == 1


def test_the_annual_plan_over_http(api, officer, partner, partnership, police, ward):
    activity = ActivityFactory(
        lead_organisation=police,
        title="PACT meeting",
        areas=[ward],
        starts_at=timezone.make_aware(datetime(2026, 6, 1, 19)),
    )
    made = post(api, reverse("api:create_annual_plan"), {"partnership": partnership.pk, "year": 2026})
    assert made.status_code == 201
    plan_id = made.json()["id"]
    added = post(
        api,
        reverse("api:add_annual_plan_activity", kwargs={"plan_id": plan_id}),
        {"activity": activity.pk, "note": "Quarterly"},
    )
    assert added.status_code == 201 and added.json()["activities"][0]["title"] == "PACT meeting"
    theirs = client_for(partner).get(reverse("api:get_annual_plan", kwargs={"plan_id": plan_id})).json()
    assert theirs["activities"] == [] and theirs["not_shared"] == 1
    agree = reverse("api:agree_annual_plan", kwargs={"plan_id": plan_id})
    assert post(api, agree, {"agreed_where": "Board", "from_state": "draft"}).json()["state"] == "agreed"
    again = post(client_for(partner), agree, {"agreed_where": "Board", "from_state": "draft"})
    assert again.status_code == 409
    item_id = added.json()["activities"][0]["id"]
    remove = reverse("api:remove_annual_plan_activity", kwargs={"plan_id": plan_id, "item_id": item_id})
    assert post(api, remove, {}).status_code == 422
    assert post(api, remove, {"reason": "Cancelled"}).json()["changes"][0]["kind"] == "Activity removed"
    pdf = api.get(reverse("api:export_annual_plan", kwargs={"plan_id": plan_id}), {"format": "pdf"})
    assert "Safer Trafford Partnership" in PdfReader(io.BytesIO(pdf.content)).metadata.title
    csv = content(api.get(reverse("api:export_annual_plan", kwargs={"plan_id": plan_id}), {"format": "csv"}))
    assert b"Cancelled" in csv
    assert [p["year"] for p in api.get(reverse("api:list_annual_plans")).json()] == [2026]
    assert AnnualPlan.objects.get().state == "agreed"


def test_report_cards_over_http(api, officer, partnership, stranger):
    measure(officer, partnership)
    card = api.get(reverse("api:get_report_card", kwargs={"partnership_id": partnership.pk})).json()
    assert [q["title"] for q in card["quadrants"]] == [
        "How much did we do?",
        "How well did we do it?",
        "Is anyone better off?",
    ]
    assert card["quadrants"][1]["measures"][0]["name"] == "Victims satisfied with the service"
    pdf = api.get(reverse("api:get_report_card_pdf", kwargs={"partnership_id": partnership.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    outsider = client_for(stranger)
    assert (
        outsider.get(reverse("api:get_report_card", kwargs={"partnership_id": partnership.pk})).status_code
        == 404
    )
    assert outsider.get(reverse("api:list_measures")).json() == []
