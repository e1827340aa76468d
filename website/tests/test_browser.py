"""The public site in a real browser at phone size (390×844): a resident finds their area by
postcode, reads the neighbourhood page and opens an event; and the same site with
JavaScript switched off."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from engagement.models import Method, Purpose
from places.models import AreaLevel, Postcode
from places.services import area_set_parent
from places.tests.factories import AreaFactory

from .helpers import public_activity, soon

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"
PHONE = {"width": 390, "height": 844}


def method(slug: str, name: str) -> Method:
    """The method, made if missing. Browser tests run in Playwright's context, where Django's
    connection does not carry the serialized migration data, so after another transactional
    test has flushed the database the reference rows from data migrations are gone."""
    found, _ = Method.objects.get_or_create(
        slug=slug, defaults={"name": name, "purpose": Purpose.FORUMS_FOR_DEBATE}
    )
    return found


def make_places():
    force = AreaFactory(code="E23000005", name="Greater Manchester Police", level=AreaLevel.FORCE)
    trafford = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    area_set_parent(area=trafford, parent=force)
    altrincham = AreaFactory(code="E05000819", name="Altrincham")
    area_set_parent(area=altrincham, parent=trafford)
    lsoa = AreaFactory(code="E01006075", name="Trafford 025B", level=AreaLevel.LSOA)
    area_set_parent(area=lsoa, parent=altrincham)
    Postcode.objects.create(postcode="WA14 1EJ", lsoa=lsoa)
    return trafford, altrincham


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_resident_finds_an_event_by_postcode_on_a_phone(live_server, page: Page):
    trafford, altrincham = make_places()
    meeting = public_activity(
        title="Altrincham PACT meeting",
        summary="Tell your neighbourhood team what matters most to you.",
        areas=[altrincham],
        method=method("pact-meeting", "PACT meeting"),
        starts_at=soon(3, 18, 30),
        ends_at=soon(3, 20, 0),
        venue="Altrincham Library, Stamford New Road",
        accessibility="Step-free access and a hearing loop.",
        contact_name="PC Sam Okafor",
        contact_email="sam.okafor@example.org",
    )
    public_activity(
        title="Face the Public: Trafford",
        areas=[trafford],
        starts_at=soon(5, 19),
        method=method("face-the-public", "Face the Public"),
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Find your area").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a postcode")
    expect(page).to_have_title("Error: Have your say on policing and community safety – Heard")
    page.screenshot(path=SCREENSHOTS / "public-phone-1-postcode-error.png", full_page=True)

    page.get_by_label("Postcode").fill("wa14 1ej")
    page.get_by_role("button", name="Find your area").click()
    expect(page.get_by_role("heading", level=1, name="Altrincham")).to_be_visible()
    assert page.url == f"{live_server.url}/areas/E05000819/"
    expect(page.get_by_text("Neighbourhood in Trafford")).to_be_visible()
    expect(page.get_by_role("heading", name="Across Trafford and Greater Manchester Police")).to_be_visible()
    expect(page.get_by_role("heading", name="Local priorities")).to_be_visible()
    no_sideways_scroll(page)
    page.screenshot(path=SCREENSHOTS / "public-phone-2-neighbourhood.png", full_page=True)

    page.get_by_role("link", name="Altrincham PACT meeting").first.click()
    expect(page.get_by_role("heading", level=1, name="Altrincham PACT meeting")).to_be_visible()
    assert page.url == f"{live_server.url}/events/{meeting.pk}/"
    expect(page.get_by_text("Step-free access and a hearing loop.")).to_be_visible()
    expect(page.get_by_text("6:30pm to 8pm")).to_be_visible()
    expect(page.get_by_role("link", name="sam.okafor@example.org")).to_be_visible()
    assert "Event" in page.locator('script[type="application/ld+json"]').text_content()
    no_sideways_scroll(page)
    page.screenshot(path=SCREENSHOTS / "public-phone-3-event.png", full_page=True)

    page.get_by_role("link", name="Calendar", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Engagement calendar")).to_be_visible()
    no_sideways_scroll(page)
    page.screenshot(path=SCREENSHOTS / "public-phone-4-calendar.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_site_works_without_javascript(live_server, chromium):
    trafford, altrincham = make_places()
    pact = method("pact-meeting", "PACT meeting")
    public_activity(
        title="Altrincham PACT meeting", areas=[altrincham], starts_at=soon(3, 18, 30), method=pact
    )
    public_activity(title="Trafford survey launch", areas=[trafford], starts_at=soon(4, 10), method=pact)
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        page.get_by_label("Neighbourhood", exact=True).select_option(label="Altrincham")
        page.get_by_role("button", name="Go to neighbourhood").click()
        expect(page.get_by_role("heading", level=1, name="Altrincham")).to_be_visible()

        page.get_by_role("link", name="Calendar", exact=True).click()
        page.get_by_label("Area", exact=True).select_option(label="Altrincham")
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("heading", name="1 upcoming event in Altrincham")).to_be_visible()
        expect(page.get_by_role("link", name="Trafford survey launch")).to_have_count(0)

        page.get_by_label("Past").check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("heading", name="0 past events in Altrincham")).to_be_visible()

        page.get_by_role("link", name="Month").click()
        expect(page.locator("h1")).to_contain_text(str(soon(0).year))
        page.screenshot(path=SCREENSHOTS / "public-phone-5-month-nojs.png", full_page=True)
    finally:
        context.close()


def no_sideways_scroll(page: Page) -> None:
    """Nothing wider than the phone (WCAG 1.4.10 Reflow)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
