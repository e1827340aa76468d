"""The register in a real browser: an engagement officer plans an activity, works the
checklist, moves it through its lifecycle and finds it again with the filters."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from engagement.models import Activity, Status
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from places.models import AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_officer_plans_and_runs_an_activity(live_server, page: Page):
    police = OrganisationFactory(name="Greater Manchester Police", sector="police")
    OrganisationFactory(name="Trafford Council", sector="local_authority")
    UserFactory(username="eo", organisation=police, roles=[Role.ENGAGEMENT_OFFICER], first_name="Erin")
    trafford = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    ward = AreaFactory(code="E05000823", name="Bucklow-St Martins")
    area_set_parent(area=ward, parent=trafford)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username", exact=True).fill("eo")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()  # the first page
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Activities").click()
    expect(page.get_by_role("heading", name="Engagement activities")).to_be_visible()

    page.get_by_role("link", name="Add an activity").click()
    page.get_by_label("Title", exact=True).fill("Bucklow-St Martins street briefing")
    page.locator("#id_aims-0-text").fill("Explain the new dispersal order")
    page.locator("#id_aims-0-linked_to").fill("Partington ASB plan")
    page.get_by_label("Giving information", exact=True).check()
    page.get_by_label("Method", exact=True).select_option(label="Street briefing")
    page.get_by_label("Level", exact=True).select_option(label="Neighbourhood")
    areas = page.get_by_role("combobox", name="Find an area by name or postcode")
    areas.fill("Bucklow")
    expect(page.get_by_role("option", name="Bucklow-St Martins, Ward in Trafford")).to_be_visible()
    areas.press("ArrowDown")
    areas.press("Enter")
    expect(page.get_by_role("button", name="Remove Bucklow-St Martins")).to_be_visible()
    page.get_by_label("Young people", exact=True).check()
    page.get_by_label("Trafford Council", exact=True).check()
    # Held yesterday: an activity can be closed only once it has happened.
    held = timezone.localtime() - timedelta(days=1)
    page.get_by_label("Starts", exact=True).fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Named contact", exact=True).fill("PC Erin Example")
    page.get_by_label("Venue (optional)", exact=True).fill("Partington shopping centre")
    page.get_by_role("button", name="Add activity").click()

    expect(page.get_by_role("heading", name="Bucklow-St Martins street briefing")).to_be_visible()
    activity = Activity.private_objects.get()
    assert activity.status == Status.DRAFT and activity.partners.get().name == "Trafford Council"

    page.get_by_role("link", name="Work the checklist").click()
    for point in (1, 2, 3):  # each point saves in place as it is answered
        page.locator(f"#point-{point}").get_by_label("Done", exact=True).check()
        expect(page.locator(f"#point-{point}")).to_contain_text("Answered done")
    page.get_by_role("link", name="Back to the activity").click()
    expect(page.get_by_text("3 of 13 answered")).to_be_visible()

    page.get_by_role("button", name="Mark as planned").click()
    expect(page.get_by_text("The activity is now planned")).to_be_visible()
    page.get_by_role("button", name="Open", exact=True).click()
    expect(page.get_by_text("Before-stage checklist points not yet answered")).to_be_visible()
    page.get_by_role("button", name="Yes, open").click()
    expect(page.get_by_text("The activity is now open")).to_be_visible()
    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.get_by_text("The activity is now closed")).to_be_visible()
    activity.refresh_from_db()
    assert activity.status == Status.CLOSED

    page.get_by_role("link", name="All activities").click()
    page.get_by_label("Status", exact=True).select_option(label="Closed")
    page.get_by_label("Area", exact=True).select_option(label="Trafford")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results")).to_contain_text("1 activity")
    expect(page.get_by_role("link", name="Bucklow-St Martins street briefing")).to_be_visible()
    page.get_by_label("Status", exact=True).select_option(label="Open")
    expect(page.locator("#results")).to_contain_text("0 activities")

    SCREENSHOTS.mkdir(exist_ok=True)
    page.get_by_label("Status", exact=True).select_option(label="Closed")
    expect(page.locator("#results")).to_contain_text("1 activity")
    page.screenshot(path=str(SCREENSHOTS / "activity-register.png"), full_page=True)
    assert (SCREENSHOTS / "activity-register.png").stat().st_size > 10_000
