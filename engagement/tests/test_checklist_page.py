"""The checklist page: one form with one Save for every point (errors per point and an error
summary when a point is not right, nothing saved then), and points saved in place with HTMX,
which answer with the point, the moved progress counters and a message for the status region."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from engagement.checklist import ChecklistScope
from engagement.models import Answer, ChecklistAnswer
from engagement.tests.factories import ActivityFactory
from organisations.tests.factories import UserFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def activity(officer):
    return ActivityFactory(lead_organisation=officer.organisation, checklist_scope=ChecklistScope.FULL)


def _page(activity):
    return reverse("engagement:activity_checklist", kwargs={"pk": activity.pk})


def _point(activity, number):
    return reverse("engagement:checklist_answer", kwargs={"pk": activity.pk, "point": number})


def _title(response):
    return re.search(rb"<title>\s*(.*?)\s*</title>", response.content, re.S).group(1).decode()


def test_the_checklist_is_one_form_with_one_save_button(client, activity):
    page = client.get(_page(activity)).content.decode()
    assert page.count('class="heard-checklist-point') == 25
    assert page.count("<form") - page.count('action="/accounts/logout/"') == 1
    assert page.count('type="submit"') - 1 == 1  # and the sign-out button
    assert "Save point" not in page and ">Save checklist</button>" in page
    assert page.count("<fieldset") == 25  # each point still its own fieldset
    assert 'role="status"' in page and 'href="#stage-during"' in page


def test_one_post_saves_every_changed_point_and_only_those(client, activity, officer):
    other = UserFactory(organisation=officer.organisation)
    kept = ChecklistAnswer.objects.create(
        activity=activity, point=2, answer=Answer.DONE, note="Line one\nline two", answered_by=other
    )
    data = {
        "point-1-answer": "done",
        "point-1-note": "Aims read out at the start",
        "point-2-answer": "done",
        "point-2-note": "Line one\r\nline two",  # as a browser sends it back: unchanged
        "point-3-answer": "",
        "point-3-note": "",
        "point-14-answer": "not_applicable",
    }
    response = client.post(_page(activity), data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert "2 checklist points saved." in response.content.decode()
    saved = {a.point: a for a in ChecklistAnswer.objects.filter(activity=activity)}
    assert set(saved) == {1, 2, 14}
    assert saved[1].note == "Aims read out at the start" and saved[14].answer == Answer.NOT_APPLICABLE
    kept.refresh_from_db()
    assert kept.answered_by == other  # not saved again


def test_a_note_without_an_answer_is_an_error_on_its_point_and_nothing_is_saved(client, activity):
    data = {"point-1-answer": "done", "point-4-note": "Invited the youth club"}
    response = client.post(_page(activity), data)
    page = response.content.decode()
    assert response.status_code == 400 and _title(response).startswith("Error: Checklist")
    assert "Error: Error" not in _title(response)
    assert '<a href="#point-4-done">Point 4: Choose done, not done or not applicable.</a>' in page
    block = page[page.index('id="point-4"') : page.index('id="point-5"')]
    assert 'govuk-form-group--error" id="point-4"' in page and 'id="point-4-error"' in block
    assert "Invited the youth club" in block  # what was typed is kept
    assert not ChecklistAnswer.objects.filter(activity=activity).exists()


def test_a_point_saved_in_place_moves_the_counters_and_says_so(client, activity):
    response = client.post(_point(activity, 3), {"point-3-answer": "done"}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="point-3"' in page and "Answered <strong>done</strong>" in page
    assert re.search(r'id="checklist-progress"[^>]*hx-swap-oob="true"', page)
    assert "Before you begin</a>: 1 of 13 answered, 1 done" in page
    assert re.search(r'id="stage-before-count" hx-swap-oob="true">1 of 13 answered', page)
    status = re.search(r'<div id="checklist-status" hx-swap-oob="innerHTML">(.*?)</div>', page, re.S)
    assert status and status.group(1) == "Point 3 saved: done. Before you begin: 1 of 13 answered."


def test_a_point_saved_in_place_without_an_answer_shows_its_error(client, activity):
    response = client.post(_point(activity, 5), {"point-5-note": "Asked the ward panel"}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="point-5-error"' in page and "Choose done, not done or not applicable." in page
    assert "govuk-form-group--error" in page and "Asked the ward panel" in page
    assert "Point 5 not saved: Choose done, not done or not applicable." in page
    assert not ChecklistAnswer.objects.filter(activity=activity).exists()


def test_a_point_that_does_not_apply_is_refused_with_the_reason(client, officer):
    survey = ActivityFactory(
        lead_organisation=officer.organisation, checklist_scope=ChecklistScope.INFORMATION
    )
    response = client.post(_point(survey, 1), {"point-1-answer": "done"}, headers=HTMX)
    assert response.status_code == 400 and b"Point 1 does not apply" in response.content


def test_a_note_the_reader_sees_redacted_is_kept_when_the_answer_changes(activity, officer):
    """A superuser with no organisation reads other organisations' notes redacted; sending the
    page back must not overwrite the note with its redacted copy."""
    written = "Rang Mrs Jones on 07700 900123"
    ChecklistAnswer.objects.create(activity=activity, point=6, answer=Answer.NOT_DONE, note=written)
    admin = UserFactory(organisation=None, is_superuser=True)
    client = Client()
    client.force_login(admin)
    shown = client.get(_page(activity)).content.decode()
    note = re.search(r'name="point-6-note"[^>]*>(.*?)</textarea>', shown, re.S).group(1)
    assert note and "07700" not in note
    assert client.post(_page(activity), {"point-6-answer": "done", "point-6-note": note}).status_code == 302
    assert (
        client.post(_point(activity, 6), {"point-6-answer": "done", "point-6-note": note}).status_code == 302
    )
    row = ChecklistAnswer.objects.get(activity=activity, point=6)
    assert row.answer == Answer.DONE and row.note == written
