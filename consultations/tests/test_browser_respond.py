"""A resident answers a consultation in a real browser on a phone-sized screen with the
keyboard only (Tab, Space, Enter, arrow keys and typing: no clicks), keeps the receipt code
and withdraws the response with it, in English, in Welsh and in Urdu (right to left; the
language cookie set, Heard's words looked up in the catalogues). Then the same journey with
JavaScript turned off."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import Page, expect

from consultations.models import Answer, EqualityRecord, Response
from consultations.tests.test_public_helpers import reference_rows  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_rows")

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"
PHONE = {"width": 390, "height": 844}
MAX_TABS = 60


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.HEARD_MIN_FILL_SECONDS = 1
    yield
    cache.clear()


def _active(page: Page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def _active_button(page: Page, name: str) -> bool:
    return page.evaluate(
        """name => {
            const el = document.activeElement;
            return !!el && (el.tagName === "BUTTON" || el.getAttribute("role") === "button")
                && el.textContent.trim() === name;
        }""",
        name,
    )


def tab_to(page: Page, selector: str = "", *, button: str = "") -> int:
    """Press Tab until the element matching `selector` (or the button named `button`) has
    the focus; how many presses. Fails if it is never reached, or if the honeypot ever
    takes the focus."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        assert not _active(page, "[name=website]"), "the honeypot must never take the focus"
        if (button and _active_button(page, button)) or (selector and _active(page, selector)):
            return presses
    raise AssertionError(f"Tab never reached {selector or button} on {page.url}")


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def continue_(page: Page, name: str = "Continue") -> None:
    tab_to(page, button=name)
    enter(page)


def enter(page: Page) -> None:
    """Enter on the focused control, waiting for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en-gb", "cy", "ur"])
def test_keyboard_only_on_a_phone_then_withdraw(live_server, chromium, consultation, language):
    context = chromium.new_context(
        viewport=PHONE, locale="en-GB", timezone_id="Europe/London", has_touch=False
    )
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        with translation.override(language):
            _keyboard_journey(page, live_server, consultation, language)
    finally:
        context.close()


def _optional(text: str) -> str:
    return f"{text} {_('(optional)')}"


def _keyboard_journey(page: Page, live_server, consultation, language: str) -> None:
    shots = "" if language == "en-gb" else f"-{language}"
    page.goto(f"{live_server.url}/consultations/{consultation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Policing priorities in Ashton")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ur" else "ltr")
    shot(page, f"respond-phone-1-start{shots}")
    # The skip link first, as on every GOV.UK-style page.
    page.keyboard.press("Tab")
    assert _active(page, ".govuk-skip-link")
    continue_(page, _("Start now"))

    # 1: radios. Tab into the group, arrow to "No".
    expect(page.get_by_role("heading", level=1)).to_have_text("Do you feel safe after dark?")
    continue_(page, _("Continue"))  # nothing chosen: the error summary
    expect(page).to_have_title(
        f"{_('Error:')} Do you feel safe after dark? – Policing priorities in Ashton – Heard"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text(_("Select an answer"))
    shot(page, f"respond-phone-2-error{shots}")
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # Yes -> No
    assert page.evaluate("document.activeElement.labels[0].textContent.trim()") == "No"
    continue_(page, _("Continue"))

    # 2: shown because of "No": a textarea with a character count.
    expect(page.get_by_role("heading", level=1)).to_have_text(_optional("What makes you feel unsafe?"))
    tab_to(page, "textarea")
    page.keyboard.type("The alley by the station has no lights")
    if language == "en-gb":  # the count's live message comes from GOV.UK Frontend's script
        expect(page.locator(".govuk-character-count__status")).to_contain_text("characters remaining")
    continue_(page, _("Continue"))

    # 3: checkboxes with Space.
    expect(page.get_by_role("heading", level=1)).to_have_text(_optional("Which of these worry you?"))
    tab_to(page, "input[type=checkbox]")  # Speeding
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # Burglary
    page.keyboard.press("Tab")  # ASB
    page.keyboard.press("Space")
    continue_(page, _("Continue"))

    # 4: a scale, as radios.
    tab_to(page, "input[type=radio]")
    page.keyboard.press("ArrowDown")  # Strongly agree -> Agree (arrows select)
    shot(page, f"respond-phone-3-scale{shots}")
    continue_(page, _("Continue"))

    # 5: ranking with one select per place, chosen by typing.
    expect(page.get_by_role("heading", level=1)).to_have_text(_optional("Rank these priorities"))
    tab_to(page, "#id_rank_1")
    page.keyboard.type("Litter")
    page.keyboard.press("Tab")
    page.keyboard.type("Drugs")
    shot(page, f"respond-phone-4-ranking{shots}")
    continue_(page, _("Continue"))

    # 6: the postcode.
    tab_to(page, "input[name=answer]")
    page.keyboard.type("m33 5ab")
    enter(page)

    # Check your answers, then change one answer with its link.
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Check your answers"))
    summary = page.locator(".govuk-summary-list")
    for text in ("No", "The alley by the station has no lights", "Speeding", "ASB", "Agree", "M33 5AB"):
        expect(summary).to_contain_text(text)
    expect(summary.locator("ol li")).to_have_text(["Litter", "Drugs"])
    shot(page, f"respond-phone-5-check{shots}")
    tab_to(page, "a[href$='/questions/4/?change=1']")
    enter(page)
    tab_to(page, "input[type=radio]:checked")
    page.keyboard.press("ArrowDown")  # Agree -> Neither
    continue_(page, _("Save and go back"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Check your answers"))
    expect(summary).to_contain_text("Neither")
    continue_(page, _("Continue"))

    # Equality monitoring: optional; answer one question.
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Questions about you (optional)"))
    tab_to(page, "input[name=sex]")
    page.keyboard.press("Space")  # Female
    shot(page, f"respond-phone-6-about-you{shots}")
    continue_(page, _("Continue"))

    # Send, opting in to e-mail.
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Send your response"))
    assert Response.objects.count() == 0
    tab_to(page, "#id_updates")
    page.keyboard.press("Space")
    tab_to(page, "#id_email")
    page.keyboard.type("resident@example.org")
    shot(page, f"respond-phone-7-send{shots}")
    continue_(page, _("Send response"))

    expect(page.get_by_role("heading", level=1)).to_have_text(_("Response sent"))
    code = page.locator("#receipt-code").inner_text().strip()
    assert len(code) == 14
    shot(page, f"respond-phone-8-confirmation{shots}")

    response = Response.objects.get()
    assert response.questionnaire == consultation and response.email == "resident@example.org"
    labels = set(
        Answer.objects.filter(response=response, choice__isnull=False).values_list("choice__label", flat=True)
    )
    assert labels == {"No", "Speeding", "ASB", "Neither", "Litter", "Drugs"}
    assert (
        Answer.objects.get(response=response, question__kind="text").text
        == "The alley by the station has no lights"
    )
    assert EqualityRecord.objects.get(response=response).sex == "Female"
    assert len(mail.outbox) == 1 and code not in mail.outbox[0].body

    # The same browser again: a friendly "already responded".
    page.goto(f"{live_server.url}/consultations/{consultation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _("You have already responded to this consultation")
    )

    # Withdraw: the footer link, one field, one button.
    tab_to(page, "a[href='/consultations/withdraw/']")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Withdraw your response"))
    tab_to(page, "#id_receipt_code")
    page.keyboard.type(code)
    continue_(page, _("Withdraw my response"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Your response has been withdrawn"))
    shot(page, f"respond-phone-9-withdrawn{shots}")
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not EqualityRecord.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_journey_works_without_javascript(live_server, chromium, consultation):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        timezone_id="Europe/London",
        java_script_enabled=False,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/consultations/{consultation.pk}/")
        shot(page, "respond-desktop-1-start-nojs")
        page.get_by_role("button", name="Start now").click()
        page.get_by_label("Yes", exact=True).check()
        page.get_by_role("button", name="Continue").click()
        # Skip logic: straight to question 3.
        expect(page.get_by_role("heading", level=1)).to_have_text("Which of these worry you? (optional)")
        page.get_by_label("Burglary").check()
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Continue").click()  # the scale is optional
        page.get_by_label("1st priority").select_option(label="Parking")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("What is your postcode? (optional)").fill("SW1A 1AA")
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("could not find that postcode")
        shot(page, "respond-desktop-2-postcode-error-nojs")
        page.get_by_label("What is your postcode? (optional)").fill("")
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
        shot(page, "respond-desktop-3-check-nojs")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Skip these questions").first.click()
        # Without JavaScript the e-mail field is simply shown.
        expect(page.get_by_label("E-mail address")).to_be_visible()
        # The honeypot stays hidden: its box is clipped to a single pixel.
        box = page.locator("[aria-hidden=true]:has(#id_website)").bounding_box()
        assert box is not None and box["width"] <= 1 and box["height"] <= 1
        page.get_by_role("button", name="Send response").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Response sent")
        shot(page, "respond-desktop-4-confirmation-nojs")
        response = Response.objects.get()
        assert list(response.answers.values_list("choice__label", flat=True).order_by("choice__label")) == [
            "Burglary",
            "Parking",
            "Yes",
        ]
        assert not EqualityRecord.objects.exists() and response.email == ""
    finally:
        context.close()
