import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from core.tests.helpers import content
from governance.models import AuditAction, AuditEvent
from insight import themes as themes_services
from insight.models import AnalysisRun, FlagState, IntelligenceFlag, RunState
from organisations.models import Role
from organisations.tests.factories import UserFactory


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
        assert theme.summary and escape(theme.summary) in body  # the summary under the name
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
    body = content(export)
    assert export.status_code == 200 and b"Dave Smith" not in body and b"[NAME]" in body
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
    before = run.themes.count()
    client.post(url, {"theme": theme.pk, "action": "split", "confirm": "yes"})
    assert run.themes.count() == before + 1
    other = run.themes.exclude(pk=theme.pk).first()
    coded = theme.coded.first()
    client.post(reverse("insight:answer_move", kwargs={"pk": run.pk}), {"coded": coded.pk, "theme": other.pk})
    coded.refresh_from_db()
    assert coded.theme_id == other.pk
    client.post(url, {"theme": other.pk, "action": "merge", "into": theme.pk, "confirm": "yes"})
    assert not run.themes.filter(pk=other.pk).exists()


def _themes_of(run):
    return [(t.pk, t.label, t.size, t.reviewed) for t in run.themes.order_by("pk")]


def _coding_of(run):
    return list(run.coded_answers.order_by("pk").values_list("pk", "theme_id"))


def test_merge_asks_to_confirm_first(run, analyst):
    client = client_for(analyst)
    theme = run.themes.order_by("-size").first()
    client.post(
        reverse("insight:theme_change", kwargs={"pk": run.pk}),
        {"theme": theme.pk, "action": "split", "confirm": "yes"},
    )
    theme.refresh_from_db()
    other = run.themes.exclude(pk=theme.pk).get()
    themes, coding, audit = _themes_of(run), _coding_of(run), AuditEvent.objects.count()
    url = reverse("insight:theme_change", kwargs={"pk": run.pk})
    page = client.post(url, {"theme": other.pk, "action": "merge", "into": theme.pk})
    assert page.status_code == 200
    body = page.content.decode()
    answers = f"{other.size} answer{'s' if other.size != 1 else ''}"
    question = f"Merge “{escape(other.label)}” ({answers}) into “{escape(theme.label)}”?"
    assert question in body and "This cannot be undone" in body
    assert "Confirm merge" in body and ">Cancel</a>" in body
    assert f'href="{reverse("insight:run_detail", kwargs={"pk": run.pk})}#theme-{other.pk}"' in body
    for field, value in (("theme", other.pk), ("action", "merge"), ("into", theme.pk), ("confirm", "yes")):
        assert f'name="{field}" value="{value}"' in body
    # Nothing has changed yet: themes, coded answers and the audit log are as they were.
    assert _themes_of(run) == themes and _coding_of(run) == coding
    assert AuditEvent.objects.count() == audit
    # Anything but confirm=yes is not a confirmation.
    client.post(url, {"theme": other.pk, "action": "merge", "into": theme.pk, "confirm": "no"})
    assert _themes_of(run) == themes and _coding_of(run) == coding
    done = client.post(url, {"theme": other.pk, "action": "merge", "into": theme.pk, "confirm": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse(
        "insight:run_detail", kwargs={"pk": run.pk}
    )
    assert not run.themes.filter(pk=other.pk).exists()
    theme.refresh_from_db()
    assert theme.size == sum(size for _, _, size, _ in themes)


def test_split_asks_to_confirm_first(run, analyst):
    client = client_for(analyst)
    theme = run.themes.order_by("-size").first()
    themes_services.theme_set_reviewed(user=analyst, theme=theme)
    themes, coding = _themes_of(run), _coding_of(run)
    url = reverse("insight:theme_change", kwargs={"pk": run.pk})
    page = client.post(url, {"theme": theme.pk, "action": "split"})
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Split “{escape(theme.label)}” ({theme.size} answers) into two themes?" in body
    assert "Confirm split" in body and ">Cancel</a>" in body and 'name="confirm" value="yes"' in body
    assert _themes_of(run) == themes and _coding_of(run) == coding
    client.post(url, {"theme": theme.pk, "action": "split", "confirm": "yes"})
    assert run.themes.count() == len(themes) + 1
    theme.refresh_from_db()
    assert not theme.reviewed


def test_impossible_merges_and_splits_are_refused_before_asking(run, analyst):
    client = client_for(analyst)
    theme = run.themes.order_by("-size").first()
    url = reverse("insight:theme_change", kwargs={"pk": run.pk})
    same = client.post(url, {"theme": theme.pk, "action": "merge", "into": theme.pk}, follow=True)
    assert b"Choose a different theme to merge with." in same.content and b"Confirm merge" not in same.content
    for coded in theme.coded.all()[1:]:
        coded.delete()
    small = client.post(url, {"theme": theme.pk, "action": "split"}, follow=True)
    assert b"at least two answers" in small.content and b"Confirm split" not in small.content


def test_partners_get_no_confirmation_page(run, partner):
    theme = run.themes.first()
    response = client_for(partner).post(
        reverse("insight:theme_change", kwargs={"pk": run.pk}), {"theme": theme.pk, "action": "split"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("part", ["themes", "answers"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_are_audited(run, analyst, part, file_format):
    response = client_for(analyst).get(
        reverse("insight:run_export", kwargs={"pk": run.pk, "part": part, "file_format": file_format})
    )
    assert response.status_code == 200
    if file_format == "csv":
        body = content(response)
        assert run.themes.first().label.encode() in body
        assert b"intelligence" not in body.lower()
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


@pytest.mark.parametrize("bad", ["abc", "", "-1", "99999999999999999999999", "1.5"])
def test_odd_ids_posted_to_the_analysis_forms_are_not_found(run, analyst, bad):
    client = client_for(analyst)
    theme = run.themes.first()
    for name, data in (
        ("insight:theme_change", {"theme": bad, "action": "rename", "label": "x"}),
        ("insight:theme_change", {"theme": theme.pk, "action": "merge", "into": bad}),
        ("insight:answer_move", {"coded": bad, "theme": theme.pk}),
        ("insight:answer_move", {"coded": run.coded_answers.first().pk, "theme": bad}),
        ("insight:theme_priority", {"theme": bad, "area": 1, "quarter": "2026-Q4", "rank": 1}),
    ):
        response = client.post(reverse(name, kwargs={"pk": run.pk}), data)
        assert response.status_code == 404, (name, data)
    response = client.post(
        reverse("insight:run_list", kwargs={"pk": run.questionnaire_id}), {"question": bad}
    )
    assert response.status_code == 404


def test_an_area_id_beyond_64_bits_is_a_form_error(analyst, ward):
    client = client_for(analyst)
    response = client.post(
        reverse("insight:priority_create"),
        {"area": "9" * 25, "quarter": "2026-Q4", "label": "x", "rank": 1, "source": "pact"},
    )
    assert response.status_code == 400 and b"Select a valid choice" in response.content
