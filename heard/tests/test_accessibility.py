"""Every public page of Heard, error states included, checked in a real browser.

- axe-core (pinned in frontend/package.json, installed by `make test-browser`) is injected
  into each page and run with the WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules; a serious or
  critical violation fails the test, listed with its rule, the elements and axe's help text.
  The walk runs on a desktop (1280 wide) and on a phone (390 wide), where nothing may
  scroll sideways either (WCAG 1.4.10 Reflow, which axe does not check).
- The same walk with JavaScript switched off: the postcode search, the calendar filters and
  a whole consultation (answer, send, withdraw) work from server-rendered pages alone.

The data is the demo (real Trafford places and postcodes, its activities and consultations)
plus a published open consultation whose live questionnaire makes every question required, so
that every question page has an error state, a cancelled event and a closed consultation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from consultations.models import Questionnaire, Response
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
from engagement.models import Activity, Method, Status
from engagement.tests.factories import ActivityFactory
from heard.tests.axe import DESKTOP, ERROR_TITLE, PHONE, WCAG_TAGS, AxeReport, require_axe
from organisations.models import User
from places.models import Area, AreaLevel, Audience, Postcode


@pytest.fixture(scope="session")
def axe_script() -> Path:
    return require_axe()


@pytest.fixture
def fresh_limits(settings):
    """The walk sends answers faster than a person; rate limits start empty."""
    settings.HEARD_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


# --- the data -----------------------------------------------------------------------------


@dataclass
class Site:
    ward: Area
    postcode: str
    event: Activity
    cancelled: Activity
    questionnaire: Questionnaire
    closed: Questionnaire


REQUIRED_QUESTIONS = [
    QuestionInput(
        kind="single", text="Do you feel safe after dark?", required=True, choices=["Yes", "No", "Don't know"]
    ),
    QuestionInput(
        kind="text",
        text="What makes you feel unsafe?",
        required=True,
        max_length=200,
        show_if_question=0,
        show_if_choices=["No"],
    ),
    QuestionInput(
        kind="multiple",
        text="Which of these worry you?",
        required=True,
        choices=["Speeding", "Burglary", "ASB"],
    ),
    QuestionInput(
        kind="scale",
        text="The police understand local issues",
        required=True,
        choices=["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"],
    ),
    QuestionInput(
        kind="ranking", text="Rank these priorities", required=True, choices=["Drugs", "Parking", "Litter"]
    ),
    QuestionInput(kind="where", text="What is your postcode?", required=True),
]


def build_site(demo: Callable[..., object]) -> Site:
    """`demo` is the `demo` fixture (conftest.py): heard.demo.demo_load, loaded once a session."""
    today = timezone.localdate()
    demo(today=today)
    officer = User.objects.get(username="officer")
    found = (
        Postcode.objects.filter(
            lsoa__parent__level=AreaLevel.NEIGHBOURHOOD, lsoa__parent__code__startswith="E05"
        )
        .select_related("lsoa__parent")
        .order_by("postcode")
        .first()
    )
    assert found is not None, "the demo should load Trafford's postcodes"
    ward = found.lsoa.parent
    pact = Method.objects.get(slug="pact-meeting")
    residents = Audience.objects.get(slug="residents")
    common = {
        "lead_organisation": officer.organisation,
        "is_published": True,
        "areas": [ward],
        "audiences": [residents],
        "contact_name": "PC Sam Okafor",
        "contact_email": "sam.okafor@example.org",
        "venue": f"{ward.name} Library",
        "accessibility": "Step-free access and a hearing loop.",
    }
    event = ActivityFactory(
        title=f"PACT meeting with the {ward.name} team",
        summary="Tell your neighbourhood team what matters most to you.",
        method=pact,
        status=Status.PLANNED,
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
        **common,
    )
    cancelled = ActivityFactory(
        title=f"Street briefing in {ward.name} (called off)",
        method=pact,
        status=Status.CANCELLED,
        starts_at=timezone.now() + timedelta(days=5),
        **common,
    )
    consultation = ActivityFactory(
        title=f"Policing priorities in {ward.name}",
        summary="Tell us what the neighbourhood team should work on next.",
        status=Status.OPEN,
        consultation_kind="focused",
        response_opens=today - timedelta(days=7),
        response_closes=today + timedelta(days=28),
        starts_at=timezone.now() + timedelta(days=7),
        **common,
    )
    questionnaire = questionnaire_publish(
        user=officer,
        questionnaire=questionnaire_create(
            user=officer,
            activity=consultation,
            title=f"Policing priorities in {ward.name}",
            introduction="It takes about five minutes.",
            questions=REQUIRED_QUESTIONS,
        ),
    )
    ended = ActivityFactory(
        title=f"Summer safety survey, {ward.name}",
        status=Status.CLOSED,
        consultation_kind="focused",
        response_opens=today - timedelta(days=60),
        response_closes=today - timedelta(days=30),
        starts_at=timezone.now() - timedelta(days=60),
        **common,
    )
    closed = questionnaire_publish(
        user=officer,
        questionnaire=questionnaire_create(
            user=officer, activity=ended, title="Summer safety survey", questions=REQUIRED_QUESTIONS[:1]
        ),
    )
    return Site(ward, found.postcode, event, cancelled, questionnaire, closed)


# --- the walk -----------------------------------------------------------------------------

Check = Callable[[Page, str], None]


@dataclass
class Walk:
    """Visits every public page in turn and calls `check` on each."""

    page: Page
    base: str
    site: Site
    check: Check
    javascript: bool = True
    visited: list[str] = field(default_factory=list)

    def look(self, name: str) -> None:
        self.visited.append(name)
        self.check(self.page, name)

    def goto(self, path: str, name: str, status: int = 200) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == status, (path, response and response.status)
        self.look(name)

    def press(self, button: str) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).first.click()

    def error_shown(self, name: str, text: str = "") -> None:
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        if text:
            expect(summary).to_contain_text(text)
        expect(self.page).to_have_title(ERROR_TITLE)
        self.look(name)

    def run(self) -> None:
        page = self.page
        self.public_pages()
        self.consultation()
        # Sign in (staff): the only login page, and its error.
        self.goto("/accounts/login/", "sign in")
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password", exact=True).fill("not the password")
        self.press("Sign in")
        self.error_shown("sign in: wrong password")

    def public_pages(self) -> None:
        page, site = self.page, self.site
        self.goto("/", "home")
        page.get_by_label("Postcode").fill("ZZ99 9ZZ")
        self.press("Find your area")
        self.error_shown("home: postcode not found", "could not find a neighbourhood for ZZ99 9ZZ")
        self.press("Go to neighbourhood")
        self.error_shown("home: no neighbourhood chosen", "Choose your neighbourhood")
        page.get_by_label("Postcode").fill(site.postcode.lower().replace(" ", ""))
        self.press("Find your area")
        expect(page.get_by_role("heading", level=1, name=site.ward.name)).to_be_visible()
        assert page.url == f"{self.base}/areas/{site.ward.code}/"
        expect(page.get_by_role("link", name=site.event.title).first).to_be_visible()
        self.look("area page (from the postcode)")
        self.goto("/areas/", "areas")
        self.goto("/areas/E08000009/", "area page: a district (Trafford)")

        self.goto("/calendar/", "calendar")
        page.get_by_label("Area", exact=True).select_option(label=site.ward.name)
        page.get_by_label("Type of event").select_option(label="PACT meeting")
        self.press("Apply filters")
        heading = page.locator("h2.heard-results__count")
        expect(heading).to_contain_text("upcoming event")
        expect(heading).to_contain_text(f"in {site.ward.name}")
        expect(page.get_by_role("link", name=site.event.title)).to_be_visible()
        self.look("calendar: filtered")
        self.goto("/calendar/?when=past&area=E08000009", "calendar: past events in Trafford")
        self.goto("/calendar/?area=NOWHERE&audience=martians&when=later", "calendar: bad filters")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Choose an area from the list")
        month = timezone.localdate()
        self.goto(f"/calendar/{month.year}/{month.month}/", "calendar month")
        self.goto(
            f"/calendar/{month.year}/{month.month}/?area={site.ward.code}&audience=residents",
            "calendar month: filtered",
        )
        self.goto(f"/calendar/{month.year}/{month.month}/?method=juggling", "calendar month: bad filter")
        expect(page.locator(".govuk-error-summary")).to_be_visible()

        self.goto(f"/events/{site.event.pk}/", "event")
        expect(page.get_by_text("Step-free access and a hearing loop.")).to_be_visible()
        self.goto(f"/events/{site.cancelled.pk}/", "event: cancelled")
        expect(page.locator("main")).to_contain_text("ancelled")
        self.goto(f"/events/{site.questionnaire.activity.pk}/", "event: open consultation")
        self.goto("/events/999999999/", "page not found", status=404)
        self.statements_in_every_language()

    def statements_in_every_language(self) -> None:
        """The footer's statements, then Welsh and Urdu (right to left) chosen with the language
        switcher's links, which come back to the same page; back to English for the rest of the walk."""
        page = self.page
        for path, name in (
            ("/about/", "about"),
            ("/accessibility/", "accessibility statement"),
            ("/privacy/", "privacy notice"),
            ("/cookies/", "cookies"),
        ):
            self.goto(path, name)
        for language, code, direction in (("Cymraeg", "cy", "ltr"), ("اردو", "ur", "rtl")):
            with page.expect_navigation():
                page.locator(".heard-language-select").get_by_role("link", name=language).click()
            expect(page.locator("html")).to_have_attribute("lang", code)
            expect(page.locator("html")).to_have_attribute("dir", direction)
            assert page.url == f"{self.base}/cookies/"
            self.look(f"cookies ({code})")  # every other language's pages: test_accessibility_languages.py
        with page.expect_navigation():
            page.locator(".heard-language-select").get_by_role("link", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en-GB")

    def consultation(self) -> None:
        page, site = self.page, self.site
        questionnaire = site.questionnaire
        start = f"/consultations/{questionnaire.pk}/"
        self.goto(start, "consultation: start")
        self.press("Start now")

        def step(title: str, answer: Callable[[], None], error: str = "") -> None:
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            self.look(f"question: {title}")
            self.press("Continue")  # nothing answered: every question here is required
            self.error_shown(f"question: {title}: not answered", error)
            answer()
            self.press("Continue")

        step("Do you feel safe after dark?", lambda: page.get_by_label("No", exact=True).check())
        step(
            "What makes you feel unsafe?",
            lambda: page.get_by_label("What makes you feel unsafe?").fill("The alley by the station is dark"),
        )
        step("Which of these worry you?", lambda: page.get_by_label("Burglary").check())
        step("The police understand local issues", lambda: page.get_by_label("Agree", exact=True).check())
        step("Rank these priorities", lambda: page.get_by_label("1st priority").select_option(label="Litter"))

        title = "What is your postcode?"
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        self.look(f"question: {title}")
        page.get_by_label(title).fill("SW1A 1AA")
        self.press("Continue")
        self.error_shown(f"question: {title}: outside the area", "could not find that postcode")
        page.get_by_label(title).fill(site.postcode)
        self.press("Continue")

        expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
        for text in ("No", "The alley by the station is dark", "Burglary", "Agree", "Litter", site.postcode):
            expect(page.locator(".govuk-summary-list")).to_contain_text(text)
        self.look("check your answers")
        self.press("Continue")

        expect(page.get_by_role("heading", level=1)).to_have_text("Questions about you (optional)")
        self.look("about you")
        if self.javascript:
            # Only a tampered form can send a category that is not on the list.
            page.evaluate("document.querySelector('input[name=age_band]').value = 'Not an age'")
            page.locator("input[name=age_band]").first.check()
            self.press("Continue")
            self.error_shown("about you: tampered answer", "Choose from the options given")
        page.locator("input[name=sex]").first.check()
        self.press("Continue")

        expect(page.get_by_role("heading", level=1)).to_have_text("Send your response")
        self.look("send")
        page.get_by_label("Yes, e-mail me").check()
        self.press("Send response")
        self.error_shown("send: no e-mail address", "Enter your e-mail address")
        responses = Response.objects.filter(questionnaire=questionnaire)
        assert not responses.exists()  # the demo has responses of its own
        page.get_by_label("Yes, e-mail me").uncheck()
        self.press("Send response")

        expect(page.get_by_role("heading", level=1)).to_have_text("Response sent")
        code = page.locator("#receipt-code").inner_text().strip()
        assert responses.count() == 1
        self.look("confirmation")
        self.goto(start, "consultation: already responded")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "You have already responded to this consultation"
        )

        self.goto("/consultations/withdraw/", "withdraw")
        self.press("Withdraw my response")
        self.error_shown("withdraw: no code", "Enter your receipt code")
        page.get_by_label("Receipt code").fill("ABCD-EFGH-JKLM")
        self.press("Withdraw my response")
        self.error_shown("withdraw: unknown code", "We could not find a response")
        page.get_by_label("Receipt code").fill(code)
        self.press("Withdraw my response")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your response has been withdrawn")
        assert not responses.exists()
        self.look("withdrawn")

        self.goto(f"/consultations/{site.closed.pk}/", "consultation: closed")
        expect(page.locator("main")).to_contain_text("closed")


@pytest.mark.browser
@pytest.mark.xdist_group("demo")  # with `--dist loadgroup`, one worker loads the demo once (conftest `demo`)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280-wide", "390-wide"])
def test_every_public_page_passes_axe(
    axe_script, live_server, chromium, reference_data, demo, fresh_limits, viewport
):
    site = build_site(demo)
    context = chromium.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    report = AxeReport(f"{viewport['width']} wide")
    try:
        walk = Walk(context.new_page(), live_server.url, site, report)
        walk.run()
    finally:
        context.close()
    assert len(walk.visited) >= 40, walk.visited
    if report.minor:
        print(f"axe-core {report.version}: moderate or minor findings (not failing):")
        print("\n".join(report.minor))
    assert not report.problems, (
        f"axe-core {report.version} ({', '.join(WCAG_TAGS)}): {len(report.problems)} serious or critical "
        f"problems on {len(walk.visited)} page states:\n" + "\n".join(report.problems)
    )


@pytest.mark.browser
@pytest.mark.xdist_group("demo")  # with `--dist loadgroup`, one worker loads the demo once (conftest `demo`)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_public_page_works_without_javascript(
    live_server, chromium, reference_data, demo, fresh_limits
):
    """The same walk with JavaScript off: every form is a plain HTML form answered by the
    server (the postcode search, the calendar filters, a whole consultation and its withdrawal)."""
    site = build_site(demo)
    context = chromium.new_context(
        viewport=PHONE, locale="en-GB", timezone_id="Europe/London", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()

    def readable(page: Page, name: str) -> None:
        expect(page.locator("h1").first).to_be_visible()
        assert page.title(), name

    try:
        walk = Walk(page, live_server.url, site, readable, javascript=False)
        walk.run()
    finally:
        context.close()
    assert "confirmation" in walk.visited and "withdrawn" in walk.visited
