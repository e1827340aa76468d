"""The signing-in pages, error states included, in a real browser with the staff pages' checks
(heard/tests/test_accessibility_staff.py): axe-core finds no violation of any impact, and no page
is wider than a 390 px screen."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from heard.tests.axe import DESKTOP, ERROR_TITLE, PHONE, WCAG_TAGS, AxeReport, require_axe
from organisations.models import Role
from organisations.tests.factories import UserFactory

from .test_oidc import app_code

ANY_IMPACT = frozenset({"minor", "moderate", "serious", "critical"})
PASSWORD = "correct horse battery"  # the factories' password


class Walk:
    def __init__(self, base: str, report: AxeReport) -> None:
        self.base, self.report, self.visited = base, report, []

    def look(self, page: Page, name: str, status: int = 200, response=None) -> None:  # type: ignore[no-untyped-def]
        if response is not None:
            assert response.status == status, (name, response.status)
        self.visited.append(name)
        self.report(page, name)

    def goto(self, page: Page, path: str, name: str, status: int = 200) -> None:
        self.look(page, name, status, page.goto(self.base + path))

    def press(self, page: Page, button: str):  # type: ignore[no-untyped-def]
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=button, exact=True).first.click()
        return navigation.value

    def errors(self, page: Page, button: str, name: str) -> None:
        self.press(page, button)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        expect(page).to_have_title(ERROR_TITLE)
        self.look(page, f"{name}: errors")

    def sign_in(self, page: Page, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
        page.goto(f"{self.base}/accounts/login/")
        page.get_by_label("Username", exact=True).fill(username)
        page.get_by_label("Password", exact=True).fill(password)
        return self.press(page, "Sign in")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280-wide", "390-wide"])
def test_signing_in_pages_pass_axe_and_reflow(live_server, chromium, reference_data, settings, viewport):
    require_axe()
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    settings.HEARD_OIDC_ENABLED = True
    settings.HEARD_OIDC_PROVIDER_NAME = "Greater Manchester Police account"
    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory(roles=[Role.ANALYST])
    report = AxeReport(f"{viewport['width']} wide", failing=ANY_IMPACT)
    walk = Walk(live_server.url, report)

    def new_page() -> Page:
        return chromium.new_context(viewport=viewport, locale="en-GB", bypass_csp=True).new_page()

    page = new_page()
    walk.goto(page, "/accounts/login/", "sign in, with single sign-on")
    walk.goto(page, "/accounts/password-reset/", "password reset")
    walk.errors(page, "Send the link", "password reset")
    walk.goto(page, "/accounts/password-reset/sent/", "password reset sent")
    walk.goto(page, "/accounts/password-reset/MQ/not-a-token/", "password reset: a link that does not work")
    walk.goto(page, "/accounts/single-sign-on/callback/?error=access_denied", "single sign-on stopped", 400)

    walk.sign_in(page, user.username)
    walk.look(page, "two-factor set-up")
    walk.errors(page, "Turn on two-factor sign-in", "two-factor set-up")
    page.get_by_label("Code", exact=True).fill(app_code(TOTPDevice.objects.get(user=user)))
    walk.press(page, "Turn on two-factor sign-in")
    expect(page.locator(".heard-recovery-codes li")).to_have_count(10)
    walk.look(page, "recovery codes, shown once")
    walk.goto(page, "/accounts/two-factor/", "two-factor sign-in")
    walk.goto(page, "/accounts/two-factor/recovery-codes/", "recovery codes left")
    walk.goto(page, "/accounts/two-factor/remove/", "turn off two-factor sign-in")
    walk.errors(page, "Turn off two-factor sign-in", "turn off two-factor sign-in")

    page = new_page()
    walk.sign_in(page, user.username)
    walk.look(page, "enter your code")
    walk.errors(page, "Continue", "enter your code")

    page = new_page()
    walk.sign_in(page, user.username, "wrong")
    walk.look(page, "locked out", 429, walk.sign_in(page, user.username, "wrong"))

    assert len(walk.visited) >= 15, walk.visited
    assert not report.problems, (
        f"axe-core {report.version} ({', '.join(WCAG_TAGS)}): {len(report.problems)} problems:\n"
        + "\n".join(report.problems)
    )
