"""Neighbourhood priorities over the HTTP API (/api/priorities…): the same rules as the pages,
and a clear 4xx for every bad request."""

import pytest
from django.test import Client

from governance.models import AuditAction, AuditEvent
from insight import priorities, services
from insight.models import AnalysisRun, Priority
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory


def api(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def test_record_and_list_pact_priorities(ward, analyst, council):
    client = api(analyst)
    created = post(
        client,
        "/api/priorities",
        {"area": ward.code, "quarter": "2026-q3", "label": "Speeding", "rank": 1, "is_public": True},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["area"] == ward.code and body["area_name"] == ward.name and body["quarter"] == "2026-Q3"
    assert body["source"] == "pact" and body["is_public"] and body["question"] is None
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="insight.priority").count() == 1
    post(client, "/api/priorities", {"area": ward.code, "quarter": "2026-Q4", "label": "Parking", "rank": 1})
    assert [p["label"] for p in client.get("/api/priorities").json()] == ["Parking", "Speeding"]
    assert [p["label"] for p in client.get("/api/priorities?quarter=2026-Q3").json()] == ["Speeding"]
    assert len(client.get(f"/api/priorities?area={ward.code}").json()) == 2
    other = AreaFactory(code="E05000821", name="Brooklands")
    assert client.get(f"/api/priorities?area={other.code}").json() == []
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    assert api(outsider).get("/api/priorities").json() == []
    assert api(outsider).get(f"/api/priorities?area={ward.code}").json() == []


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"quarter": "2026-Q3", "label": "x", "rank": 1}, "area", "Give the area code"),
        ({"area": "E05999999", "quarter": "2026-Q3", "label": "x", "rank": 1}, "area", "No neighbourhood"),
        ({"area": "E05000820", "quarter": "Q3", "label": "x", "rank": 1}, "quarter", "Choose a quarter"),
        ({"area": "E05000820", "quarter": "2026-Q3", "label": " ", "rank": 1}, "label", "Enter the priority"),
        ({"area": "E05000820", "quarter": "2026-Q3", "label": "x"}, "rank", "from 1 to 99"),
        ({"area": "E05000820", "quarter": "2026-Q3", "label": "x", "rank": 100}, "rank", "from 1 to 99"),
    ],
)
def test_bad_priorities_are_refused_clearly(ward, analyst, body, field, message):
    response = post(api(analyst), "/api/priorities", body)
    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"][field])
    assert not Priority.private_objects.exists()


def test_malformed_requests_are_4xx(ward, analyst, intel):
    client = api(analyst)
    for body in ({"rank": "first"}, {"source": "rumour"}, {"label": ["x"]}):
        assert post(client, "/api/priorities", body).status_code == 422
    assert client.post("/api/priorities", "{not json", content_type="application/json").status_code in (
        400,
        422,
    )
    assert client.get("/api/priorities?quarter=soon").status_code == 422
    assert client.get("/api/priorities?area=E05999999").status_code == 422
    assert client.get("/api/priorities/trend").status_code == 422
    body = {"area": ward.code, "quarter": "2026-Q3", "label": "x", "rank": 1}
    assert post(api(intel), "/api/priorities", body).status_code == 403
    assert post(api(), "/api/priorities", body).status_code == 401
    assert api().get("/api/priorities").status_code == 401


def test_priorities_from_a_ranking_question(ranking, ward, analyst, question, council):
    client = api(analyst)
    path = f"/api/questions/{ranking.pk}/priorities"
    created = post(client, path, {"area": ward.code, "quarter": "2026-Q3", "top": 2})
    assert created.status_code == 201, created.content
    assert [(p["rank"], p["label"], p["source"], p["question"]) for p in created.json()] == [
        (1, "Litter", "ranking", ranking.pk),
        (2, "Parking", "ranking", ranking.pk),
    ]
    again = post(client, path, {"area": ward.code, "quarter": "2026-Q3", "top": 2})
    assert again.status_code == 422 and "Choose to replace them" in str(again.json()["errors"]["replace"])
    residents = post(
        client, path, {"area": ward.code, "quarter": "2026-Q3", "residents_only": True, "replace": True}
    )
    assert [p["label"] for p in residents.json()] == ["Litter", "Speeding", "Drug dealing"]
    assert Priority.private_objects.count() == 3
    # Refusals
    text = post(client, f"/api/questions/{question.pk}/priorities", {"area": ward.code, "quarter": "2026-Q4"})
    assert text.status_code == 422 and "ranking question" in str(text.json()["errors"]["question"])
    far = AreaFactory(code="E05000998", name="Far away")
    assert post(client, path, {"area": far.code, "quarter": "2026-Q4"}).status_code == 422
    assert post(client, path, {"area": "nowhere", "quarter": "2026-Q4"}).status_code == 422
    assert post(client, path, {"quarter": "2026-Q4"}).status_code == 422
    assert post(client, path, {"area": ward.code, "quarter": "later"}).status_code == 422
    assert post(client, path, {"area": ward.code, "quarter": "2026-Q4", "top": 0}).status_code == 422
    assert post(client, path, {"area": ward.code, "quarter": "2026-Q4", "top": "all"}).status_code == 422
    assert post(client, "/api/questions/999999/priorities", {"area": ward.code}).status_code == 404
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    assert post(api(outsider), path, {"area": ward.code, "quarter": "2026-Q4"}).status_code == 404
    assert Priority.private_objects.count() == 3


def test_a_ranking_question_nobody_answered(ranking, ward, analyst):
    empty = ranking.questionnaire.questions.create(kind="ranking", text="Unanswered", position=3)
    empty.choices.create(label="Anything")
    response = post(
        api(analyst), f"/api/questions/{empty.pk}/priorities", {"area": ward.code, "quarter": "2026-Q3"}
    )
    assert response.status_code == 422 and "Nobody has answered" in str(response.json()["errors"]["question"])


def test_a_theme_becomes_a_priority(run, ward, analyst, council, intel):
    run.questionnaire.activity.areas.add(ward)
    theme = run.themes.first()
    path = f"/api/analyses/{run.pk}/priorities"
    body = {"theme": theme.pk, "area": ward.code, "quarter": "2026-Q4", "rank": 2, "is_public": True}
    created = post(api(analyst), path, body)
    assert created.status_code == 201, created.content
    assert (created.json()["label"], created.json()["source"], created.json()["theme"]) == (
        theme.label,
        "theme",
        theme.pk,
    )
    assert post(api(analyst), path, body | {"rank": 0}).status_code == 422
    assert post(api(analyst), path, body | {"theme": 999999}).status_code == 404
    far = AreaFactory(code="E05000998", name="Far away")
    wrong = post(api(analyst), path, body | {"area": far.code})
    assert wrong.status_code == 422 and "activity's areas" in str(wrong.json()["errors"]["area"])
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    run.questionnaire.activity.partners.add(council)
    assert post(api(partner), path, body).status_code == 403
    assert post(api(intel), path, body).status_code == 403
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    run.questionnaire.activity.partners.remove(council)
    assert post(api(outsider), path, body).status_code == 404
    assert Priority.private_objects.count() == 1


def test_an_analysis_across_activities_has_no_neighbourhoods(
    analyst, ward, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_create_across(user=analyst, filters=services.AcrossFilters())
    run = AnalysisRun.objects.get(pk=run.pk)
    theme = run.themes.first()
    response = post(
        api(analyst),
        f"/api/analyses/{run.pk}/priorities",
        {"theme": theme.pk, "area": ward.code, "quarter": "2026-Q4", "rank": 1},
    )
    assert response.status_code == 422 and "across activities" in str(response.json()["errors"]["theme"])


def test_the_trend_for_an_area(ward, analyst, council):
    for quarter, label, rank in [
        ("2026-Q1", "Speeding", 1),
        ("2026-Q1", "Drug dealing", 2),
        ("2026-Q2", "Drug dealing", 1),
    ]:
        priorities.priority_create(user=analyst, area=ward, quarter=quarter, label=label, rank=rank)
    body = api(analyst).get(f"/api/priorities/trend?area={ward.code}").json()
    assert body == {
        "area": ward.code,
        "area_name": ward.name,
        "quarters": ["2026-Q1", "2026-Q2"],
        "rows": [{"label": "Drug dealing", "ranks": [2, 1]}, {"label": "Speeding", "ranks": [1, None]}],
    }
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    theirs = api(outsider).get(f"/api/priorities/trend?area={ward.code}").json()
    assert theirs["quarters"] == [] and theirs["rows"] == []
    assert api(analyst).get("/api/priorities/trend?area=E05999999").status_code == 422


def test_districts_can_have_priorities_but_not_lsoas(analyst):
    district = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    lsoa = AreaFactory(code="E01000001", name="Trafford 001A", level=AreaLevel.LSOA)
    client = api(analyst)
    body = {"quarter": "2026-Q3", "label": "x", "rank": 1}
    assert post(client, "/api/priorities", body | {"area": district.code}).status_code == 201
    assert post(client, "/api/priorities", body | {"area": lsoa.code}).status_code == 422
