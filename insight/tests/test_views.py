import pytest
from django.test import Client
from django.urls import reverse

from governance.models import AuditAction, AuditEvent
from heard.factories import UserFactory
from insight.models import AnalysisRun, FlagState, IntelligenceFlag, RunState
from organisations.models import Role


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def partner(council, question):
    question.questionnaire.activity.partners.add(council)
    return UserFactory(username="partner", organisation=council, roles=[Role.PARTNER_USER])


def test_an_analyst_starts_a_run_and_sees_the_themes(question, analyst, django_capture_on_commit_callbacks):
    client = client_for(analyst)
    url = reverse("insight:run_list", kwargs={"pk": question.questionnaire.pk})
    assert b"Analyse the written answers" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"question": question.pk})
    run = AnalysisRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "insight:run_detail", kwargs={"pk": run.pk}
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    for theme in run.themes.all():
        assert theme.label in body
    assert "Themes by number of answers" in body and "<table" in body
    assert "Dave Smith" in body  # the owner sees the answers unredacted
    assert "intelligence" not in body.lower()


def test_progress_polls_while_running(question, analyst):
    run = AnalysisRun.objects.create(
        questionnaire=question.questionnaire,
        question=question,
        organisation=question.questionnaire.activity.lead_organisation,
        progress=40,
    )
    client = client_for(analyst)
    url = reverse("insight:run_detail", kwargs={"pk": run.pk})
    page = client.get(url).content.decode()
    assert "40%" in page and 'hx-trigger="every 2s"' in page and "Refresh this page" in page
    partial = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"40%" in partial.content
    AnalysisRun.objects.filter(pk=run.pk).update(state=RunState.DONE, progress=100)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_partners_see_redacted_quotes_and_exports_and_cannot_change(run, partner):
    client = client_for(partner)
    page = client.get(reverse("insight:run_detail", kwargs={"pk": run.pk}))
    assert page.status_code == 200
    assert b"Dave Smith" not in page.content and b"[NAME]" in page.content
    assert b"Change this theme" not in page.content
    export = client.get(
        reverse("insight:run_export", kwargs={"pk": run.pk, "part": "answers", "file_format": "csv"})
    )
    assert export.status_code == 200 and b"Dave Smith" not in export.content and b"[NAME]" in export.content
    theme = run.themes.first()
    response = client.post(
        reverse("insight:theme_change", kwargs={"pk": run.pk}),
        {"theme": theme.pk, "action": "rename", "label": "x"},
    )
    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.label != "x"


def test_analyst_operations_through_the_page(run, analyst):
    client = client_for(analyst)
    theme = run.themes.order_by("-size").first()
    url = reverse("insight:theme_change", kwargs={"pk": run.pk})
    client.post(url, {"theme": theme.pk, "action": "rename", "label": "Road safety"})
    client.post(url, {"theme": theme.pk, "action": "review"})
    theme.refresh_from_db()
    assert theme.label == "Road safety" and theme.reviewed
    client.post(url, {"theme": theme.pk, "action": "split"})
    assert run.themes.count() >= 2
    other = run.themes.exclude(pk=theme.pk).first()
    coded = theme.coded.first()
    client.post(reverse("insight:answer_move", kwargs={"pk": run.pk}), {"coded": coded.pk, "theme": other.pk})
    coded.refresh_from_db()
    assert coded.theme_id == other.pk
    client.post(url, {"theme": other.pk, "action": "merge", "into": theme.pk})
    assert not run.themes.filter(pk=other.pk).exists()


@pytest.mark.parametrize("part", ["themes", "answers"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_are_audited(run, analyst, part, file_format):
    response = client_for(analyst).get(
        reverse("insight:run_export", kwargs={"pk": run.pk, "part": part, "file_format": file_format})
    )
    assert response.status_code == 200
    if file_format == "csv":
        assert run.themes.first().label.encode() in response.content
        assert b"intelligence" not in response.content.lower()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(run.pk)).count() == 1


def test_triage_queue_is_for_intelligence_officers_only(run, intel, analyst, officer, partner, council):
    url = reverse("insight:flag_list")
    for user in (
        analyst,
        officer,
        partner,
        UserFactory(organisation=council, roles=[Role.INTELLIGENCE_OFFICER]),
    ):
        response = client_for(user).get(url)
        assert response.status_code == 403 or b"Dave Smith" not in response.content
    assert Client().get(url).status_code == 302
    client = client_for(intel)
    assert b"Dave Smith" in client.get(url).content
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    for user in (analyst, officer, partner):
        response = client_for(user).post(
            reverse("insight:flag_decide", kwargs={"pk": flag.pk}), {"action": "pass", "reference": "X"}
        )
        assert response.status_code in (403, 404)
    client.post(
        reverse("insight:flag_decide", kwargs={"pk": flag.pk}), {"action": "pass", "reference": "LIU/42"}
    )
    flag.refresh_from_db()
    assert flag.state == FlagState.PASSED and flag.reference == "LIU/42"
    other = IntelligenceFlag.objects.filter(state=FlagState.NEW).first()
    if other is not None:
        client.post(
            reverse("insight:flag_decide", kwargs={"pk": other.pk}),
            {"action": "dismiss", "reason": "General"},
        )
        other.refresh_from_db()
        assert other.state == FlagState.DISMISSED
    assert b"LIU/42" in client.get(url + "?state=passed").content
