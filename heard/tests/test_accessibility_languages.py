"""The public site in every language it is offered in, checked with axe at both widths.

English is the walk in test_accessibility.py. Here each other language is chosen the way a
visitor chooses it (the switcher's link, which sets the language cookie), and the pages a
resident uses are visited in it: home and its error state, the areas, a neighbourhood and its
"You said, we did", the calendar and its error state, an event, a consultation's first question
and its error state, withdrawing, the statements in the footer and a missing page. Each page must
say which language it is in (`lang`) and which way it reads (`dir`: Urdu right to left), so that
screen readers pronounce it and the layout mirrors; axe checks the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from heard.tests.axe import DESKTOP, PHONE, WCAG_TAGS, AxeReport
from heard.tests.test_accessibility import Site, axe_script, build_site, fresh_limits  # noqa: F401

RIGHT_TO_LEFT = {"ur"}
OTHER_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@dataclass
class LanguageWalk:
    page: Page
    base: str
    site: Site
    report: AxeReport
    code: str
    visited: list[str] = field(default_factory=list)

    def look(self, name: str) -> None:
        html = self.page.locator("html")
        expect(html).to_have_attribute("lang", self.code)
        expect(html).to_have_attribute("dir", "rtl" if self.code in RIGHT_TO_LEFT else "ltr")
        self.visited.append(f"{name} ({self.code})")
        self.report(self.page, f"{name} ({self.code})")

    def goto(self, path: str, name: str, status: int = 200) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == status, (path, response and response.status)
        self.look(name)

    def submit_empty(self, form: str, name: str) -> None:
        """Sends `form` (a CSS selector) as it is: the page comes back with its error summary."""
        with self.page.expect_navigation():
            self.page.locator(f"{form} button[type=submit]").first.click()
        expect(self.page.locator(".govuk-error-summary")).to_be_visible()
        with translation.override(self.code):
            error = gettext("Error:")  # GOV.UK: a page with errors says so first in its title
        expect(self.page).to_have_title(re.compile("^" + re.escape(error) + " "))
        self.look(name)

    def run(self, language: str) -> None:
        page, site = self.page, self.site
        page.goto(self.base + "/")
        with page.expect_navigation():
            page.locator(".heard-language-select").get_by_role("link", name=language).click()
        self.look("home")
        self.goto("/?postcode=ZZ99+9ZZ", "home: postcode not found")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        self.goto("/areas/", "areas")
        self.goto(f"/areas/{site.ward.code}/", "neighbourhood")
        self.goto(f"/areas/{site.ward.code}/you-said-we-did/", "you said, we did")
        self.goto("/calendar/", "calendar")
        self.goto("/calendar/?area=NOWHERE", "calendar: bad filter")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        self.goto(f"/events/{site.event.pk}/", "event")
        start = f"/consultations/{site.questionnaire.pk}/"
        self.goto(start, "consultation: start")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        self.look("consultation: first question")
        self.submit_empty("main form", "consultation: first question not answered")
        self.goto("/consultations/withdraw/", "withdraw")
        self.submit_empty("main form", "withdraw: no code")
        for path, name in (
            ("/about/", "about"),
            ("/accessibility/", "accessibility statement"),
            ("/privacy/", "privacy notice"),
            ("/cookies/", "cookies"),
        ):
            self.goto(path, name)
        self.goto("/events/999999999/", "page not found", status=404)


@pytest.mark.browser
@pytest.mark.xdist_group("demo")  # with `--dist loadgroup`, one worker loads the demo once (conftest `demo`)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280-wide", "390-wide"])
def test_public_pages_pass_axe_in_every_language(
    axe_script,  # noqa: F811
    live_server,
    chromium,
    reference_data,
    demo,
    fresh_limits,  # noqa: F811
    viewport,
):
    site = build_site(demo)
    report = AxeReport(f"{viewport['width']} wide")
    visited: list[str] = []
    for code, name in OTHER_LANGUAGES:
        context = chromium.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(15_000)
        try:
            walk = LanguageWalk(context.new_page(), live_server.url, site, report, code)
            walk.run(name)
            visited.extend(walk.visited)
        finally:
            context.close()
    assert {code for code, _ in OTHER_LANGUAGES} == {"cy", "pl", "ur", "pa"}
    assert len(visited) == 4 * 18, visited
    if report.minor:
        print(f"axe-core {report.version}: moderate or minor findings (not failing):")
        print("\n".join(report.minor))
    assert not report.problems, (
        f"axe-core {report.version} ({', '.join(WCAG_TAGS)}): {len(report.problems)} serious or critical "
        f"problems on {len(visited)} page states:\n" + "\n".join(report.problems)
    )
