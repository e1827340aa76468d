"""The measures and plans pages in a real browser, on the demo's data: at 390 pixels wide (a
phone) nothing scrolls sideways, tables and charts included (WCAG 1.4.10 Reflow)."""

from datetime import date

import pytest
from django.urls import reverse

from heard.demo import DEMO_PASSWORD, demo_load
from organisations.models import Partnership, User
from outcomes.demo_measures import demo_load_measures
from outcomes.models import AnnualPlan, EvidenceSource, Measure, StrategyAction

from .measures_fixtures import *  # noqa: F403 - the fixtures

PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_page_scrolls_sideways_on_a_phone(live_server, chromium):
    demo_load(today=date(2026, 11, 22), parts=False)
    officer, partner = User.objects.get(username="officer"), User.objects.get(username="partner")
    demo_load_measures(officer=officer, partner=partner, today=date(2026, 11, 22))
    partnership = Partnership.objects.get(name="Safer Trafford Partnership")
    urls = [
        reverse("measures:measure_list"),
        reverse("measures:measure_create"),
        reverse("measures:report_card", kwargs={"pk": partnership.pk}),
        reverse("measures:measure_detail", kwargs={"pk": Measure.objects.first().pk}),
        reverse("measures:evidence_list"),
        reverse("measures:evidence_detail", kwargs={"pk": EvidenceSource.objects.first().pk}),
        reverse("measures:evidence_area") + "?area=E05000819&year=2026",
        reverse("measures:strategy_index"),
        reverse("measures:strategy_plan", kwargs={"pk": partnership.pk}),
        reverse("measures:strategy_action", kwargs={"pk": StrategyAction.objects.first().pk}),
        reverse("measures:plan_list"),
        reverse("measures:plan_detail", kwargs={"pk": AnnualPlan.objects.get().pk}),
    ]
    context = chromium.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username", exact=True).fill("officer")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wide = {}
    for url in urls:
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[url] = width
    context.close()
    assert not wide, f"pages that scroll sideways on a phone: {wide}"
