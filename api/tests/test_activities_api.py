import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.services import api_token_create
from organisations.tests.factories import UserFactory
from places.tests.factories import AudienceFactory


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def payload(ward):
    return {
        "title": "Street briefing, Altrincham market",
        "purpose": "giving_information",
        "method": "street-briefing",
        "level": "neighbourhood",
        "areas": [ward.code],
        "aims": [{"text": "Tell traders about the new PCSO", "linked_to": "Neighbourhood plan"}],
        "contact_name": "PCSO Sam Lee",
        "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
    }


@pytest.fixture
def ward(db):
    from places.tests.factories import AreaFactory

    return AreaFactory(code="E05000819", name="Altrincham")


def test_create_read_update_and_list(officer, client_for, payload):
    client = client_for(officer)
    created = client.post("/api/activities", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (
        body["status"] == "draft" and body["areas"] == ["E05000819"] and body["method"] == "street-briefing"
    )
    assert body["lead_organisation"] == officer.organisation.slug
    changed = client.patch(
        f"/api/activities/{body['id']}", {"venue": "Market hall"}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["venue"] == "Market hall"
    assert changed.json()["title"] == payload["title"]  # untouched fields stay
    listing = client.get("/api/activities", {"area": "E05000819", "status": "draft"}).json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == body["id"]
    assert client.get("/api/activities", {"status": "open"}).json()["count"] == 0


def test_bad_input_is_a_clear_422_and_nothing_is_stored(officer, client_for, payload):
    client = client_for(officer)
    for bad in (
        {**payload, "areas": ["E05999999"]},
        {**payload, "method": "carrier-pigeon"},
        {**payload, "purpose": "mind-control"},
        {**payload, "aims": []},
        {**payload, "starts_at": "not a date"},
    ):
        response = client.post("/api/activities", bad, content_type="application/json")
        assert response.status_code == 422, bad
        assert response.json()["detail"] == "Invalid input."
    response = client.post("/api/activities", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert not Activity.private_objects.exists()


def test_unknown_area_message_names_the_code(officer, client_for, payload):
    response = client_for(officer).post(
        "/api/activities", {**payload, "areas": ["E05999999"]}, content_type="application/json"
    )
    assert "E05999999" in str(response.json()["errors"])


def test_short_window_is_refused_without_a_reason(officer, client_for, payload):
    payload.update(consultation_kind="focused", response_opens="2026-12-01", response_closes="2026-12-10")
    response = client_for(officer).post("/api/activities", payload, content_type="application/json")
    assert response.status_code == 422
    assert "short_window_reason" in response.json()["errors"]


def test_readers_cannot_create(police, client_for, payload):
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    response = client_for(analyst).post("/api/activities", payload, content_type="application/json")
    assert response.status_code == 403
    assert not Activity.private_objects.exists()


def test_transition_needs_confirmation_then_works(officer, client_for):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    client = client_for(officer)
    url = f"/api/activities/{activity.pk}/transition"
    first = client.post(url, {"to": "open"}, content_type="application/json")
    assert first.status_code == 409 and "Before-stage" in first.json()["detail"]
    second = client.post(url, {"to": "open", "confirmed": True}, content_type="application/json")
    assert second.status_code == 200 and second.json()["status"] == "open"
    wrong = client.post(url, {"to": "evaluated"}, content_type="application/json")
    assert wrong.status_code == 422


def test_checklist_and_plan(officer, client_for):
    activity = ActivityFactory(lead_organisation=officer.organisation, checklist_scope="policy")
    client = client_for(officer)
    points = client.get(f"/api/activities/{activity.pk}/checklist").json()
    assert len(points) == 25 and [p["point"] for p in points if not p["applies"]] == [20, 21]
    answered = client.put(
        f"/api/activities/{activity.pk}/checklist/4",
        {"answer": "done", "note": "ok"},
        content_type="application/json",
    )
    assert answered.status_code == 200
    assert next(p for p in answered.json() if p["point"] == 4)["answered_by"] == "officer"
    assert (
        client.put(
            f"/api/activities/{activity.pk}/checklist/20", {"answer": "done"}, content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        client.put(
            f"/api/activities/{activity.pk}/checklist/4",
            {"answer": "perhaps"},
            content_type="application/json",
        ).status_code
        == 422
    )
    assert client.get(f"/api/activities/{activity.pk}/plan").status_code == 404
    plan = {"decision_route": "Ward panel", "analysis": "Themes", "sharing_back": "Leaflet"}
    assert (
        client.put(f"/api/activities/{activity.pk}/plan", plan, content_type="application/json").json()
        == plan
    )
    assert client.get(f"/api/activities/{activity.pk}/plan").json() == plan


def test_delete_only_drafts(officer, client_for):
    draft = ActivityFactory(lead_organisation=officer.organisation)
    planned = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    client = client_for(officer)
    assert client.delete(f"/api/activities/{planned.pk}").status_code == 403
    assert client.delete(f"/api/activities/{draft.pk}").status_code == 204
    assert list(Activity.private_objects.all()) == [planned]


def test_export_csv_is_filtered_scoped_and_audited(officer, outsider, client_for):
    audience = AudienceFactory(name="Older residents")
    ActivityFactory(lead_organisation=officer.organisation, title="Tea with PCSO", audiences=[audience])
    ActivityFactory(lead_organisation=officer.organisation, title="Youth football")
    ActivityFactory(lead_organisation=outsider.organisation, title="Council budget")
    response = client_for(officer).get("/api/activities/export", {"audience": audience.slug})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["Tea with PCSO"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == officer and event.changes["count"] == 1
    assert client_for(officer).get("/api/activities/export", {"format": "pdf"}).status_code == 422


def test_bearer_token_authenticates_and_revoked_token_does_not(officer):
    token, raw = api_token_create(user=officer, name="integration")
    client = Client()
    assert client.get("/api/activities").status_code == 401
    assert client.get("/api/activities", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/activities", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_session_writes_need_csrf(officer, payload):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/api/activities", payload, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not Activity.private_objects.exists()


def test_openapi_schema_lists_the_operations(client):
    schema = client.get("/api/openapi.json").json()
    assert {
        "/api/activities",
        "/api/activities/{activity_id}/transition",
        "/api/activities/{activity_id}/checklist/{point}",
    } <= set(schema["paths"])


def test_a_time_without_a_zone_is_read_as_uk_local_time(officer, client_for, payload):
    payload.update(starts_at="2026-07-01T09:00:00", ends_at="2026-07-01T10:00:00+01:00")
    created = client_for(officer).post("/api/activities", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["starts_at"].startswith("2026-07-01T08:00:00")  # 09:00 BST is 08:00 UTC
    changed = client_for(officer).patch(
        f"/api/activities/{created.json()['id']}",
        {"ends_at": "2026-07-01T08:30:00"},
        content_type="application/json",
    )
    assert changed.status_code == 422 and "ends_at" in changed.json()["errors"]


def test_an_unknown_consultation_kind_is_a_422_naming_the_field(officer, client_for, payload):
    payload.update(
        consultation_kind="carrier-pigeon", response_opens="2026-12-01", response_closes="2027-03-01"
    )
    response = client_for(officer).post("/api/activities", payload, content_type="application/json")
    assert response.status_code == 422
    assert "consultation_kind" in response.json()["errors"]
    assert not Activity.private_objects.exists()


def test_a_stale_transition_is_a_409_with_the_status_now(officer, client_for):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    url = f"/api/activities/{activity.pk}/transition"
    client = client_for(officer)
    first = client.post(url, {"to": "cancelled", "from_status": "planned"}, content_type="application/json")
    assert first.status_code == 200 and first.json()["status"] == "cancelled"
    second = client.post(
        url, {"to": "open", "from_status": "planned", "confirmed": True}, content_type="application/json"
    )
    assert second.status_code == 409
    assert second.json()["state"] == "cancelled" and "Somebody else changed" in second.json()["detail"]
    activity.refresh_from_db()
    assert activity.status == Status.CANCELLED


def test_deleting_drafts_with_questionnaires(officer, client_for):
    from consultations.models import PrivacyStatement, Questionnaire, Response

    statement = PrivacyStatement.objects.create(text="Privacy")
    unanswered = ActivityFactory(lead_organisation=officer.organisation)
    answered = ActivityFactory(lead_organisation=officer.organisation)
    for activity in (unanswered, answered):
        Questionnaire.private_objects.create(activity=activity, title="Views", privacy_statement=statement)
    Response.objects.create(
        questionnaire=answered.questionnaires.get(),
        receipt_hash="r1",
        privacy_statement=statement,
        consented_at=timezone.now(),
    )
    client = client_for(officer)
    assert client.delete(f"/api/activities/{unanswered.pk}").status_code == 204
    refused = client.delete(f"/api/activities/{answered.pk}")
    assert refused.status_code == 422 and "answered" in str(refused.json()["errors"])
    assert list(Activity.private_objects.all()) == [answered]


@pytest.mark.parametrize("activity_id", [2**63, 2**64, 10**30])
def test_ids_too_large_for_the_database_are_not_found(officer, client_for, activity_id):
    client = client_for(officer)
    base = f"/api/activities/{activity_id}"
    for method, url in (
        ("get", base),
        ("patch", base),
        ("delete", base),
        ("post", f"{base}/transition"),
        ("get", f"{base}/checklist"),
        ("put", f"{base}/checklist/1"),
        ("get", f"{base}/plan"),
        ("put", f"{base}/plan"),
    ):
        body = {"to": "planned", "answer": "done", "venue": "x"}
        response = getattr(client, method)(url, body, content_type="application/json")
        assert response.status_code == 404, (method, url, response.status_code)


def test_a_checklist_point_that_cannot_be_one_is_refused(officer, client_for):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    for point in (0, 26, 2**64):
        response = client_for(officer).put(
            f"/api/activities/{activity.pk}/checklist/{point}",
            {"answer": "done"},
            content_type="application/json",
        )
        assert response.status_code in (404, 422), point


def test_the_checklist_is_the_pages_checklist(officer, outsider, client_for):
    """The API and the checklist page read the same rows: notes reach a partner redacted."""
    from organisations.tests.factories import DataSharingAgreementFactory

    activity = ActivityFactory(lead_organisation=officer.organisation)
    DataSharingAgreementFactory(owner=officer.organisation, recipient=outsider.organisation)
    client_for(officer).put(
        f"/api/activities/{activity.pk}/checklist/2",
        {"answer": "done", "note": "Ring Jo on 07700 900123"},
        content_type="application/json",
    )
    theirs = client_for(outsider).get(f"/api/activities/{activity.pk}/checklist").json()
    assert theirs[1]["answer"] == "done" and "07700 900123" not in theirs[1]["note"]
    url = reverse("engagement:activity_checklist", kwargs={"pk": activity.pk})
    page = client_for(outsider).get(url).content.decode()
    assert "Answered <strong>done</strong>" in page and "07700 900123" not in page


@pytest.mark.parametrize("field", ["method", "title", "areas", "aims", "starts_at", "purpose"])
def test_a_patch_cannot_empty_what_an_activity_always_has(officer, client_for, payload, field):
    """Found by the property test over the write schemas: {"method": null} was a 500."""
    client = client_for(officer)
    created = client.post("/api/activities", payload, content_type="application/json").json()
    response = client.patch(
        f"/api/activities/{created['id']}", {field: None}, content_type="application/json"
    )
    assert response.status_code == 422 and field in response.json()["errors"]
    assert Activity.private_objects.get(pk=created["id"]).title == payload["title"]


def test_a_lone_surrogate_is_a_clear_400(officer, client_for, payload):
    body = '{"title": "\\ud800 broken"}'
    response = client_for(officer).post("/api/activities", body, content_type="application/json")
    assert response.status_code == 400 and "lone surrogate" in response.json()["detail"]


def test_the_schema_is_built_once_and_each_caller_gets_its_own_copy(client):
    """Built once per process (routes never change while Heard runs); a caller that changes its
    copy changes nobody else's."""
    from api.api import api

    first = api.get_openapi_schema(path_prefix="/api/")
    first["paths"].clear()
    second = api.get_openapi_schema(path_prefix="/api/")
    assert "/api/activities" in second["paths"]
    assert second is not api.get_openapi_schema(path_prefix="/api/")
    assert set(client.get("/api/openapi.json").json()["paths"]) == set(second["paths"])
