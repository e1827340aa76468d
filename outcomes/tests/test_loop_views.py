"""The staff pages, walked the way an officer works: from a theme of the analysis to a finding,
a decision weighing the other factors, actions, and the feedback published from the activity's
page; forms that come back with problems are a 400 with an error summary."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import content
from insight.models import Theme
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.models import Action, ActionStatus, Decision, Feedback, FeedbackState, Finding
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403
from .loop_fixtures import theme_of


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


def _page(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, name
    return response.content.decode()


def test_the_menu_has_outcomes(staff):
    page = _page(staff, "outcomes:home")
    assert 'href="/staff/outcomes/"' in page and ">Outcomes<" in page


def test_from_a_theme_to_a_finding(staff, run, consultation):
    theme = theme_of(run, "Speeding cars on the main road outside the school every morning")
    analysis = _page(staff, "insight:run_detail", pk=run.pk)
    url = reverse("outcomes:finding_create_from_theme", kwargs={"pk": run.pk, "theme": theme.pk})
    assert url in analysis and "Record a finding" in analysis
    form = staff.get(url).content.decode()
    assert theme.label in form and "Speeding cars on the main road" in form  # answers to quote
    bad = staff.post(url, {"statement": "", "source": "theme", "themes": [theme.pk], "marking": "official"})
    assert bad.status_code == 400 and b"There is a problem" in bad.content
    quote = theme.coded.first().answer
    done = staff.post(
        url,
        {
            "statement": "Speeding outside the school",
            "area": consultation.areas.first().pk,
            "source": "theme",
            "themes": [theme.pk],
            "answers": [quote.pk],
            "marking": "official",
        },
    )
    finding = Finding.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "outcomes:finding_detail", kwargs={"pk": finding.pk}
    )
    detail = _page(staff, "outcomes:finding_detail", pk=finding.pk)
    assert quote.text in detail and theme.label in detail


def test_odd_ids_are_not_found(staff, run):
    for url in (
        f"/staff/analysis/{run.pk}/themes/99999999/finding/",
        "/staff/outcomes/findings/99999999999999999999/",
        "/staff/outcomes/actions/0/",
    ):
        assert staff.get(url).status_code == 404, url


def test_a_decision_with_the_other_factors_then_an_action(staff, consultation, officer):
    finding = make_trail(consultation, published=False).finding
    url = reverse("outcomes:decision_create_from_finding", kwargs={"pk": finding.pk})
    form = staff.get(url).content.decode()
    for factor in (
        "Government policy",
        "Statutory requirements",
        "Equality impact assessment",
        "Best practice",
    ):
        assert factor in form
    bad = staff.post(url, {"summary": "x", "marking": "official"})
    assert bad.status_code == 400 and b"There is a problem" in bad.content
    staff.post(
        url,
        {
            "summary": "Speed checks",
            "decided_by_name": "Insp Jo Example",
            "decided_by_body": "Tasking meeting",
            "decided_on": timezone.localdate().isoformat(),
            "findings": [finding.pk],
            "factor_cost_benefit": "Fits the team's hours",
            "marking": "official",
        },
    )
    decision = Decision.objects.latest("pk")
    assert decision.factors.get().note == "Fits the team's hours"
    staff.post(
        reverse("outcomes:action_create", kwargs={"pk": decision.pk}),
        {
            "title": "Checks on Manchester Road",
            "owner_organisation": officer.organisation_id,
            "owner_name": "Neighbourhood team",
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    action = Action.objects.latest("pk")
    page = _page(staff, "outcomes:action_detail", pk=action.pk)
    assert "Mark as in progress" in page and "Green" in page


def test_an_actions_progress_status_and_rag(staff, consultation):
    action = make_trail(consultation).action
    staff.post(reverse("outcomes:action_progress", kwargs={"pk": action.pk}), {"text": "Cameras ordered"})
    staff.post(
        reverse("outcomes:action_move", kwargs={"pk": action.pk}),
        {"to": "in_progress", "from": "not_started"},
    )
    stale = staff.post(
        reverse("outcomes:action_move", kwargs={"pk": action.pk}),
        {"to": "done", "from": "not_started"},
        follow=True,
    )
    assert b"Somebody else changed this action" in stale.content
    bad = staff.post(reverse("outcomes:action_rag", kwargs={"pk": action.pk}), {"rag": "red", "reason": ""})
    assert bad.status_code == 400 and b"Say why the RAG is set by hand" in bad.content
    page = _page(staff, "outcomes:action_detail", pk=action.pk)
    assert "Cameras ordered" in page and "Status changed from Not started to In progress" in page
    assert Action.objects.get(pk=action.pk).status == ActionStatus.IN_PROGRESS


def test_feedback_from_the_activitys_page_to_publication(
    staff, consultation, django_capture_on_commit_callbacks
):
    trail = make_trail(consultation, published=False)
    Feedback.objects.filter(pk=trail.feedback.pk).delete()
    activity_page = _page(staff, "engagement:activity_detail", pk=consultation.pk)
    assert "You said, we did" in activity_page
    assert reverse("outcomes:feedback_create", kwargs={"pk": consultation.pk}) in activity_page
    form = _page(staff, "outcomes:feedback_create", pk=consultation.pk)
    assert f'value="{trail.decision.pk}"' in form
    staff.post(
        reverse("outcomes:feedback_create", kwargs={"pk": consultation.pk}),
        {
            "title": "Speeding",
            "statement": "We check speeds",
            "decisions": [trail.decision.pk],
            "marking": "official",
        },
    )
    feedback = Feedback.objects.get()
    checklist = _page(staff, "engagement:activity_checklist", pk=consultation.pk)
    assert reverse("outcomes:feedback_detail", kwargs={"pk": feedback.pk}) in checklist  # point 24's link
    with django_capture_on_commit_callbacks(execute=True):
        published = staff.post(
            reverse("outcomes:feedback_publish", kwargs={"pk": feedback.pk}), {"channels": ["meeting"]}
        )
    assert published.status_code == 302
    assert Feedback.objects.get().state == FeedbackState.PUBLISHED
    history = _page(staff, "engagement:activity_detail", pk=consultation.pk)
    assert "Checklist point 24 answered: done" in history
    detail = _page(staff, "outcomes:feedback_detail", pk=feedback.pk)
    assert "No e-mails have been sent" in detail or "Sent: 100% done" in detail


def test_lists_by_area_and_status(staff, consultation, ward):
    make_trail(consultation)
    assert "1 action" in _page(staff, "outcomes:action_list")
    filtered = staff.get(reverse("outcomes:action_list") + f"?area={ward.code}&status=done").content.decode()
    assert "0 actions" in filtered
    assert staff.get(reverse("outcomes:action_list") + "?status=bogus").status_code == 400
    assert staff.get(reverse("outcomes:feedback_list") + "?area=NOWHERE").status_code == 400
    home = _page(staff, "outcomes:home")
    assert ward.name in home and "1 not started" in home


def test_the_police_uk_export(staff, consultation, ward):
    make_trail(consultation, text="Slow down outside the school")
    csv = content(
        staff.get(reverse("outcomes:police_uk_export", kwargs={"file_format": "csv"}) + f"?area={ward.code}")
    )
    lines = csv.decode("utf-8-sig").splitlines()
    assert lines[0] == "issue,issue-date,action,action-date"
    assert lines[1].startswith("Slow down outside the school,") and "T00:00:00" in lines[1]
    assert staff.get(reverse("outcomes:police_uk_export", kwargs={"file_format": "pdf"})).status_code == 400


def test_intelligence_officers_read_but_do_not_write(client, police, consultation):
    reader = UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER])
    client.force_login(reader)
    trail = make_trail(consultation)
    assert client.get(reverse("outcomes:finding_detail", kwargs={"pk": trail.finding.pk})).status_code == 200
    assert client.get(reverse("outcomes:finding_edit", kwargs={"pk": trail.finding.pk})).status_code == 403
    assert client.post(reverse("outcomes:finding_create")).status_code == 403
    assert Theme.objects.count() == 0


def test_an_areas_evidence_page_gets_its_findings(officer, consultation, ward, outsider):
    """The evidence register's page (outcomes/extensions.py) asks every part for what it has."""
    from outcomes.extensions import evidence_for

    make_trail(consultation, text="Slow the traffic")
    today = timezone.localdate()
    sections = evidence_for(officer, ward, today - timedelta(days=30), today)
    found = [s for s in sections if s.title == "What people told us (findings)"]
    assert [item.text for item in found[0].items] == ["Slow the traffic"]
    theirs = [
        s for s in evidence_for(outsider, ward, today - timedelta(days=30), today) if "findings" in s.title
    ]
    assert theirs[0].items == []
