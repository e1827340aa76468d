"""api/insight.py, through a test API carrying Heard's own error handlers (the lead mounts the
router in api/api.py)."""

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from api.api import api as heard_api
from api.insight import router
from governance.models import AuditAction, AuditEvent
from insight.models import AnalysisRun, FlagState, IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory

test_api = NinjaAPI(urls_namespace="insight-api-test")
for exc_class, handler in heard_api._exception_handlers.items():
    test_api.add_exception_handler(exc_class, handler)
test_api.add_router("/", router)
client = TestClient(test_api)


@pytest.fixture
def partner(council, question):
    question.questionnaire.activity.partners.add(council)
    return UserFactory(username="partner", organisation=council, roles=[Role.PARTNER_USER])


def test_create_and_read_a_run(question, analyst, django_capture_on_commit_callbacks):
    path = f"/questionnaires/{question.questionnaire.pk}/analyses"
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(path, json={"question": question.pk}, user=analyst)
    assert created.status_code == 201, created.content
    run = AnalysisRun.objects.get()
    body = client.get(f"/analyses/{run.pk}", user=analyst).json()
    assert body["state"] == "done" and body["progress"] == 100 and body["themes"]
    summaries = {t.pk: t.summary for t in run.themes.all()}
    assert all(t["summary"] and t["summary"] == summaries[t["id"]] for t in body["themes"])
    assert [r["id"] for r in client.get(path, user=analyst).json()] == [run.pk]


def test_theme_operations_and_exports(run, analyst):
    theme = run.themes.order_by("-size").first()
    body = client.post(
        f"/analyses/{run.pk}/themes",
        json={"action": "rename", "theme": theme.pk, "label": "Roads"},
        user=analyst,
    ).json()
    assert "Roads" in {t["label"] for t in body["themes"]}
    body = client.post(
        f"/analyses/{run.pk}/themes", json={"action": "split", "theme": theme.pk}, user=analyst
    ).json()
    other = next(t for t in body["themes"] if t["id"] != theme.pk)
    coded = theme.coded.first()
    moved = client.post(
        f"/analyses/{run.pk}/moves", json={"coded_answer": coded.pk, "theme": other["id"]}, user=analyst
    )
    assert moved.status_code == 200
    merged = client.post(
        f"/analyses/{run.pk}/themes",
        json={"action": "merge", "theme": other["id"], "into": theme.pk},
        user=analyst,
    )
    assert other["id"] not in {t["id"] for t in merged.json()["themes"]}
    bad = client.post(
        f"/analyses/{run.pk}/themes", json={"action": "rename", "theme": theme.pk, "label": " "}, user=analyst
    )
    assert bad.status_code == 422
    export = client.get(f"/analyses/{run.pk}/export?part=answers&format=csv", user=analyst)
    assert export.status_code == 200 and b"Dave Smith" in export.content
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1


def test_partners_get_redacted_text_and_cannot_change(run, partner, analyst):
    theme = run.themes.first()
    dave = run.coded_answers.get(answer__text__contains="Dave Smith")
    dave.answer.text = "Call Dave Smith on 07700 900123"
    dave.answer.save()
    dave.theme, dave.quote_position = theme, 0
    dave.save()
    assert "Dave Smith" in str(client.get(f"/analyses/{run.pk}", user=analyst).json())
    body = client.get(f"/analyses/{run.pk}", user=partner).json()
    assert "Dave Smith" not in str(body) and "[PHONE]" in str(body)
    export = client.get(f"/analyses/{run.pk}/export?part=answers&format=csv", user=partner)
    assert b"Dave Smith" not in export.content and b"[NAME]" in export.content
    denied = client.post(
        f"/analyses/{run.pk}/themes", json={"action": "review", "theme": theme.pk}, user=partner
    )
    assert denied.status_code == 403
    theme.refresh_from_db()
    assert not theme.reviewed


def test_other_organisations_cannot_reach_a_run(run):
    from organisations.tests.factories import OrganisationFactory

    outsider = UserFactory(organisation=OrganisationFactory(name="Elsewhere"), roles=[Role.ANALYST])
    assert client.get(f"/analyses/{run.pk}", user=outsider).status_code == 404
    assert client.get("/analyses", user=outsider).json() == []
    assert client.get(f"/analyses/{run.pk}/export", user=outsider).status_code == 404


def test_flags_only_for_intelligence_officers(run, intel, analyst, officer, partner, council):
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    for user in (
        analyst,
        officer,
        partner,
        UserFactory(organisation=council, roles=[Role.INTELLIGENCE_OFFICER]),
    ):
        listing = client.get("/intelligence-flags", user=user)
        assert listing.status_code == 403 or "Dave Smith" not in listing.content.decode()
        decided = client.post(
            f"/intelligence-flags/{flag.pk}/decision", json={"action": "pass", "reference": "X"}, user=user
        )
        assert decided.status_code in (403, 404)
    body = client.get("/intelligence-flags", user=intel).json()
    assert flag.pk in {f["id"] for f in body}
    for item in client.get(f"/analyses/{run.pk}", user=analyst).json()["themes"]:
        assert "intelligence" not in str(item).lower()
    passed = client.post(
        f"/intelligence-flags/{flag.pk}/decision", json={"action": "pass", "reference": "LIU/7"}, user=intel
    )
    assert passed.status_code == 200 and passed.json()["state"] == FlagState.PASSED
    again = client.post(
        f"/intelligence-flags/{flag.pk}/decision", json={"action": "dismiss", "reason": "x"}, user=intel
    )
    assert again.status_code == 409


def test_runs_across_activities_stay_in_their_organisation(
    question, analyst, django_capture_on_commit_callbacks
):
    from organisations.tests.factories import OrganisationFactory

    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/analyses", json={"start": "2020-01-01"}, user=analyst)
    assert created.status_code == 201, created.content
    run = AnalysisRun.objects.get(pk=created.json()["id"])
    assert run.filters == {"from": "2020-01-01"}
    assert [r["id"] for r in client.get("/analyses", user=analyst).json()] == [run.pk]
    bad = client.post("/analyses", json={"area": "E05999999"}, user=analyst)
    assert bad.status_code == 422
    body = client.get(f"/analyses/{run.pk}", user=analyst).json()
    assert body["questionnaire"] is None and body["state"] == "done" and body["themes"]
    outsider = UserFactory(organisation=OrganisationFactory(name="Elsewhere"), roles=[Role.ANALYST])
    assert client.get(f"/analyses/{run.pk}", user=outsider).status_code == 404
    assert client.get("/analyses", user=outsider).json() == []
