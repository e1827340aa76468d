"""Your API tokens in a real browser: an officer makes a token (after a mistake in the form),
copies its key, rotates it and revokes it; every page state passes axe, at desktop and phone
widths."""

import pytest
from playwright.sync_api import Browser, expect

from heard.tests.axe import DESKTOP, PHONE, WCAG_TAGS, AxeReport, require_axe
from heard.tests.staff_walk import ANY_IMPACT
from organisations.models import ApiToken, Role, hash_token
from organisations.tests.factories import OrganisationFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280-wide", "390-wide"])
def test_an_officer_makes_rotates_and_revokes_a_token(live_server, chromium: Browser, viewport):
    require_axe()
    police = OrganisationFactory(name="Greater Manchester Police", sector="police")
    UserFactory(username="eo", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    report = AxeReport(f"{viewport['width']} wide", failing=ANY_IMPACT)
    context = chromium.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username", exact=True).fill("eo")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your API tokens").click()
    expect(page.get_by_role("heading", name="Your API tokens")).to_be_visible()
    report(page, "no tokens")

    page.get_by_role("link", name="Create a token").click()
    page.get_by_label("How many days should it last?").fill("400")
    page.get_by_role("button", name="Create token").click()
    expect(page).to_have_title("Error: Create an API token – Heard")
    report(page, "form with errors")
    page.get_by_label("What is the token for?").fill("Council case system")
    page.get_by_label("How many days should it last?").fill("30")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Token created")).to_be_visible()
    key = page.locator("#token-key").inner_text()
    assert ApiToken.objects.get().key_hash == hash_token(key)
    report(page, "the new key")

    page.get_by_role("link", name="Back to your API tokens").click()
    report(page, "one token")
    page.get_by_role("link", name="Rotate Council case system").click()
    report(page, "rotate")
    page.get_by_role("button", name="Rotate token").click()
    expect(page.get_by_role("heading", name="Token rotated")).to_be_visible()
    assert page.locator("#token-key").inner_text() != key
    page.get_by_role("link", name="Back to your API tokens").click()
    page.get_by_role("link", name="Revoke Council case system").click()
    report(page, "revoke")
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    expect(page.get_by_role("cell", name="Revoked")).to_have_count(2)
    report(page, "two revoked tokens")
    context.close()
    assert not report.problems, f"axe-core ({', '.join(WCAG_TAGS)}):\n" + "\n".join(report.problems)
