"""Typing in paper responses in a real browser, keyboard only: the cursor starts on question 1,
Enter saves and opens the next empty form with the channel kept and the count going up."""

import pytest
from playwright.sync_api import Page, expect

from consultations.models import Channel, Response
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_paper_responses_typed_in_with_the_keyboard(live_server, page: Page):
    police = OrganisationFactory(name="Greater Manchester Police", sector="police")
    officer = UserFactory(username="eo", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    activity = ActivityFactory(lead_organisation=police, title="Sale Moor survey")
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title="Feeling safe",
        questions=[
            QuestionInput(kind="single", text="Do you feel safe?", required=True, choices=["Yes", "No"]),
            QuestionInput(kind="text", text="Why not?", show_if_question=0, show_if_choices=["No"]),
        ],
    )
    questionnaire = questionnaire_publish(user=officer, questionnaire=questionnaire)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username", exact=True).fill("eo")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/staff/questionnaires/{questionnaire.pk}/responses/new/")
    expect(page.get_by_label("Yes", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")  # "No"
    page.keyboard.press("Tab")
    page.keyboard.type("The underpass is dark")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Response 1 saved.")).to_be_visible()
    expect(page.get_by_label("Yes", exact=True)).to_be_focused()
    expect(page.get_by_label("Paper", exact=True)).to_be_checked()
    page.keyboard.press("Space")  # "Yes"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Response 2 saved.")).to_be_visible()
    expect(page.locator("#entry-count")).to_contain_text("2 entered in this session")
    page.keyboard.press("Enter")  # nothing answered: the required question says so
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert Response.objects.filter(channel=Channel.PAPER).count() == 2
    assert Response.objects.get(answers__text="The underpass is dark").entered_by == officer
