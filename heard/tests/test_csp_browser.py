"""The Content Security Policy in a real browser: the API docs render from Heard's own files
with nothing fetched from anywhere else, and Heard's main pages break no rule of the policy
(Chrome logs every refused script, style or image to the console)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from organisations.tokens import api_token_create
from places.models import AreaLevel
from places.services import area_set_parent
from places.tests.factories import AreaFactory
from website.tests.helpers import public_activity

LOOPBACK = {"localhost", "127.0.0.1"}


def _watch(page: Page) -> tuple[list[str], list[str]]:
    """Console messages about the policy, and requests to anywhere but this machine (refused)."""
    violations: list[str] = []
    outside: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK:
            outside.append(request.url)

    page.on("console", on_console)
    page.on("request", on_request)
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).hostname in LOOPBACK else route.abort()
        ),
    )
    return violations, outside


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_docs_render_offline_under_the_policy(live_server, page: Page):
    violations, outside = _watch(page)
    response = page.goto(f"{live_server.url}/api/docs")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI builds the page from the schema: slow on a loaded two-core machine.
    expect(page.get_by_role("heading", name="Heard API")).to_be_visible(timeout=20_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/activities").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/tokens").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/tokens").first.click()  # an operation opens
    expect(page.get_by_text("Your API tokens, newest first").first).to_be_visible()
    assert not outside, f"requests left the machine: {outside}"
    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_main_pages_break_no_rule_of_the_policy(live_server, page: Page):
    police = OrganisationFactory(name="Greater Manchester Police", sector="police")
    officer = UserFactory(username="eo", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    trafford = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    ward = AreaFactory(code="E05000819", name="Altrincham")
    area_set_parent(area=ward, parent=trafford)
    event = public_activity(title="Altrincham PACT meeting", lead_organisation=police, areas=[ward])
    api_token_create(user=officer, name="Council case system")
    violations, outside = _watch(page)
    public = [
        "/",
        "/calendar/",
        "/areas/",
        f"/areas/{ward.code}/",
        f"/events/{event.pk}/",
        "/accounts/login/",
    ]
    for path in public:
        assert page.goto(live_server.url + path).status == 200, path
    page.get_by_label("Username", exact=True).fill("eo")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Menu")).to_be_visible()
    staff = [
        "/staff/",
        "/staff/activities/",
        f"/staff/activities/{event.pk}/",
        "/staff/activities/new/",
        "/staff/reach/",
        "/staff/reach/map/",
        "/staff/tokens/",
        "/staff/tokens/new/",
        "/api/docs",
    ]
    for path in staff:
        assert page.goto(live_server.url + path).status == 200, path
        page.wait_for_load_state("networkidle")
    assert not outside, f"requests left the machine: {outside}"
    assert not violations, "\n".join(violations)
