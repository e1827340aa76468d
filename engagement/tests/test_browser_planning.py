"""Planning with the keyboard alone, and without JavaScript, in a real browser: choosing areas
(search by name or postcode, the map, removable tags) and working the checklist (points saved
in place, announced in a status region, focus kept where it was)."""

import pytest
from playwright.sync_api import Browser, Page, expect

from engagement.checklist import ChecklistScope
from engagement.models import Activity, ChecklistAnswer
from engagement.tests.factories import ActivityFactory
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from places.models import AreaBoundary, AreaLevel, Postcode
from places.services import area_set_parent
from places.tests.factories import AreaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery"  # UserFactory's


def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def place():
    """Trafford with three wards side by side on the map, and a postcode in the middle one."""
    police = OrganisationFactory(name="Greater Manchester Police", sector="police")
    UserFactory(username="eo", organisation=police, roles=[Role.ENGAGEMENT_OFFICER], first_name="Erin")
    trafford = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    wards = {}
    for number, (code, name) in enumerate(
        [("E05000823", "Bucklow-St Martins"), ("E05000829", "Sale Moor"), ("E05000831", "Timperley")]
    ):
        wards[name] = AreaFactory(code=code, name=name)
        area_set_parent(area=wards[name], parent=trafford)
        AreaBoundary.objects.create(area=wards[name], geometry=_square(-2.4 + number * 0.01, 53.4))
    lsoa = AreaFactory(code="E01006080", name="Trafford 020A", level=AreaLevel.LSOA)
    area_set_parent(area=lsoa, parent=wards["Sale Moor"])
    Postcode.objects.create(postcode="M33 2AB", lsoa=lsoa)
    return police, wards


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username", exact=True).fill("eo")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()  # the first page
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Activities").click()
    expect(page.get_by_role("heading", name="Engagement activities")).to_be_visible()


def _focused(page: Page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def test_choosing_areas_with_the_keyboard_alone(live_server, page: Page, place):
    _police, wards = place
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/staff/activities/new/")
    page.get_by_label("Title", exact=True).fill("Sale Moor street briefing")
    page.locator("#id_aims-0-text").fill("Explain the new dispersal order")
    page.locator("#id_aims-0-linked_to").fill("Partington ASB plan")
    page.get_by_label("Giving information", exact=True).check()
    page.get_by_label("Method", exact=True).select_option(label="Street briefing")
    page.get_by_label("Level", exact=True).select_option(label="Neighbourhood")
    page.get_by_label("Level", exact=True).focus()

    page.keyboard.press("Tab")  # from the last field before the areas straight to their search
    search = page.get_by_role("combobox", name="Find an area by name or postcode")
    expect(search).to_be_focused()
    page.keyboard.type("buck")
    expect(page.get_by_role("option", name="Bucklow-St Martins, Ward in Trafford")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="1 area is available")).to_be_attached()
    page.keyboard.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", "area-picker-1-option-0")
    page.keyboard.press("Enter")  # chooses; does not send the form
    expect(page.get_by_role("button", name="Remove Bucklow-St Martins")).to_be_visible()
    expect(search).to_be_focused()
    expect(search).to_have_value("")
    expect(
        page.get_by_role("status").filter(has_text="Bucklow-St Martins added. 1 area chosen.")
    ).to_be_attached()

    page.keyboard.type("m33 2ab")  # a postcode finds its ward
    expect(page.get_by_role("option", name="Sale Moor, Ward in Trafford, where M33 2AB is")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Remove Sale Moor")).to_be_visible()

    page.keyboard.press("Tab")  # the map is one Tab stop; its wards are checkboxes
    map_ward = page.locator("[data-area]:focus")
    expect(map_ward).to_have_attribute("role", "checkbox")
    for _ in range(3):
        if map_ward.get_attribute("data-name") == "Timperley":
            break
        page.keyboard.press("ArrowRight")
    expect(page.locator("[data-area]:focus")).to_have_attribute("data-name", "Timperley")
    page.keyboard.press("Space")
    expect(page.locator(f"#ward-{wards['Timperley'].pk}")).to_have_attribute("aria-checked", "true")
    expect(page.get_by_role("button", name="Remove Timperley")).to_be_visible()
    page.keyboard.press("Space")  # and again takes it off
    expect(page.get_by_role("button", name="Remove Timperley")).to_have_count(0)

    page.get_by_role("button", name="Remove Bucklow-St Martins").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Remove Bucklow-St Martins")).to_have_count(0)
    expect(page.get_by_role("button", name="Remove Sale Moor")).to_be_focused()  # the next tag, not the page
    expect(
        page.get_by_role("status").filter(has_text="Bucklow-St Martins removed. 1 area chosen.")
    ).to_be_attached()

    page.get_by_label("Starts", exact=True).fill("2027-01-15T18:30")
    page.get_by_label("Named contact", exact=True).fill("PC Erin Example")
    page.get_by_role("button", name="Add activity").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sale Moor street briefing")).to_be_visible()
    assert list(Activity.private_objects.get().areas.all()) == [wards["Sale Moor"]]


def test_working_the_checklist_with_the_keyboard(live_server, page: Page, place):
    police, _wards = place
    activity = ActivityFactory(lead_organisation=police, checklist_scope=ChecklistScope.FULL)
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/staff/activities/{activity.pk}/checklist/")
    progress = page.locator("#checklist-progress")
    status = page.locator("#checklist-status")
    expect(status).to_have_attribute("role", "status")
    expect(progress).to_contain_text("Before you begin: 0 of 13 answered")

    page.locator("#point-1-done").focus()
    page.keyboard.press("Space")
    expect(status).to_have_text("Point 1 saved: done. Before you begin: 1 of 13 answered.")
    expect(progress).to_contain_text("Before you begin: 1 of 13 answered, 1 done")
    expect(page.locator("#stage-before-count")).to_have_text("1 of 13 answered")
    expect(page.locator("#point-1-done")).to_be_focused()  # not the page body
    page.keyboard.press("ArrowRight")  # the next answer, saved again
    expect(status).to_have_text("Point 1 saved: not done. Before you begin: 1 of 13 answered.")
    expect(page.locator("#point-1-not_done")).to_be_focused()

    page.locator("#point-2 summary").focus()  # a note on a point with no answer yet
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#point-2-note")).to_be_focused()
    page.keyboard.type("Asked the council")
    page.keyboard.press("Tab")
    expect(page.locator("#point-2-error")).to_contain_text("Choose done, not done or not applicable.")
    expect(status).to_have_text("Point 2 not saved: Choose done, not done or not applicable.")
    assert _focused(page) != "BODY"
    assert set(ChecklistAnswer.objects.filter(activity=activity).values_list("point", flat=True)) == {1}


def test_planning_without_javascript(live_server, chromium: Browser, reference_data, place):
    police, wards = place
    activity = ActivityFactory(lead_organisation=police, checklist_scope=ChecklistScope.FULL, areas=[])
    context = chromium.new_context(java_script_enabled=False, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        _sign_in(page, live_server.url)
        page.goto(f"{live_server.url}/staff/activities/{activity.pk}/edit/")
        page.get_by_label("Find an area by name or postcode").fill("M33 2AB")
        page.get_by_role("button", name="Find areas").click()
        expect(page.locator("[data-area-matches]")).to_contain_text("1 area matches “M33 2AB”")
        page.get_by_label("Sale Moor").check()
        page.locator("#id_aims-0-text").fill("Hear what worries people on the estate")
        page.locator("#id_aims-0-linked_to").fill("Sale Moor ward plan")
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_text("Changes saved.")).to_be_visible()
        assert wards["Sale Moor"] in activity.areas.all() and activity.areas.count() == 2

        page.goto(f"{live_server.url}/staff/activities/{activity.pk}/checklist/")
        page.locator("#point-1-done").check()
        page.locator("#point-14-not_applicable").check()
        page.locator("#point-3 summary").click()
        page.locator("#point-3-note").fill("Nobody to ask yet")
        page.get_by_role("button", name="Save checklist").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Point 3: Choose done, not done or not applicable.")
        expect(page).to_have_title(f"Error: Checklist – {activity.title} – Heard")
        assert not ChecklistAnswer.objects.filter(activity=activity).exists()  # all or nothing
        page.locator("#point-3-not_done").check()
        page.get_by_role("button", name="Save checklist").click()
        expect(page.get_by_text("3 checklist points saved.")).to_be_visible()
        assert set(ChecklistAnswer.objects.filter(activity=activity).values_list("point", flat=True)) == {
            1,
            3,
            14,
        }
    finally:
        context.close()
