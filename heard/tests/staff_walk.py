"""The machinery of the staff accessibility walk (test_accessibility_staff.py): the demo plus the
records the walk needs (`build_staff_site`), and `StaffWalk`, which signs in as a role, visits
pages and runs axe on each, stricter than on public pages (any impact fails)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from consultations.models import Answer, Attendance, Questionnaire
from consultations.services import QuestionInput, questionnaire_create
from engagement.checklist import ChecklistScope
from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from heard.demo import DEMO_PASSWORD
from heard.demo_consultations import YOUTH_TITLE
from heard.tests.axe import ERROR_TITLE, PHONE, AxeReport
from insight.models import AnalysisRun, IntelligenceFlag, RunState
from organisations.models import User

ANY_IMPACT = frozenset({"minor", "moderate", "serious", "critical"})
# Pages whose overflow lies in another part's templates, with what they need. Listed, not failed:
# remove an entry once its page is mended.
KNOWN_TOO_WIDE: dict[str, str] = {}


@dataclass
class StaffSite:
    consultation: Activity  # the demo's youth consultation, led by the police
    questionnaire: Questionnaire  # its live questionnaire, with answers and a finished analysis
    run: AnalysisRun
    draft: Questionnaire  # a questionnaire being built
    planning: Activity  # a draft activity with the whole checklist
    attended: Activity  # an event with attendance recorded


def build_staff_site(demo: Callable[..., object]) -> StaffSite:
    """`demo` is the `demo` fixture (conftest.py): heard.demo.demo_load, loaded once a session."""
    demo(today=timezone.localdate())
    officer = User.objects.get(username="officer")
    questionnaire = Questionnaire.private_objects.get(title=YOUTH_TITLE)
    run = AnalysisRun.objects.get(questionnaire=questionnaire, state=RunState.DONE)
    draft = questionnaire_create(
        user=officer,
        activity=questionnaire.activity,
        title="Street safety follow-up",
        questions=[
            QuestionInput(kind="single", text="Do you feel safe after dark?", choices=["Yes", "No"]),
            QuestionInput(kind="text", text="What would help?", max_length=500),
        ],
    )
    planning = ActivityFactory(
        title="Stretford summer roadshow",
        lead_organisation=officer.organisation,
        checklist_scope=ChecklistScope.FULL,
        areas=list(questionnaire.activity.areas.all()),
    )
    attended = Attendance.objects.filter(activity__lead_organisation=officer.organisation).first()
    assert attended is not None, "the demo should record attendance at a police event"
    answer = Answer.objects.filter(response__questionnaire=questionnaire, question__kind="text").first()
    IntelligenceFlag.objects.create(
        answer=answer,
        organisation=officer.organisation,
        run=run,
        activity=questionnaire.activity,
        score=0.82,
        reasons=["names a place", "says when"],
    )
    return StaffSite(questionnaire.activity, questionnaire, run, draft, planning, attended.activity)


@dataclass
class StaffWalk:
    browser: Browser
    base: str
    viewport: dict[str, int]
    report: AxeReport
    page: Page | None = None
    visited: list[str] = field(default_factory=list)
    too_wide: list[str] = field(default_factory=list)

    @contextmanager
    def signed_in(self, username: str) -> Iterator[Page]:
        context = self.browser.new_context(
            viewport=self.viewport, locale="en-GB", timezone_id="Europe/London"
        )
        context.set_default_timeout(15_000)
        self.page = context.new_page()
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.get_by_label("Username", exact=True).fill(username)
        self.page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        self.press("Sign in")
        try:
            yield self.page
        finally:
            context.close()

    @contextmanager
    def anonymous(self) -> Iterator[Page]:
        context = self.browser.new_context(
            viewport=self.viewport, locale="en-GB", timezone_id="Europe/London"
        )
        context.set_default_timeout(15_000)
        self.page = context.new_page()
        try:
            yield self.page
        finally:
            context.close()

    def look(self, name: str) -> None:
        assert self.page is not None
        page = self.page
        self.visited.append(name)
        title = page.title()
        assert "Error: Error" not in title and not (ERROR_TITLE.match(title) and ": errors" not in name), (
            name,
            title,
        )
        self.report(page, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        if self.viewport["width"] <= PHONE["width"] and width > PHONE["width"]:
            if name in KNOWN_TOO_WIDE:
                print(f"{name} is {width}px wide at 390 px (known): {KNOWN_TOO_WIDE[name]}")
            else:
                self.too_wide.append(f"{name} ({page.url}) is {width}px wide")

    def goto(self, path: str, name: str) -> None:
        assert self.page is not None
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        self.look(name)

    def press(self, button: str) -> None:
        assert self.page is not None
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).first.click()

    def errors(self, button: str, name: str) -> None:
        """Send the form as it is; the page must come back with its errors."""
        assert self.page is not None
        self.press(button)
        expect(self.page.locator(".govuk-error-summary")).to_be_visible()
        expect(self.page).to_have_title(ERROR_TITLE)
        self.look(f"{name}: errors")
