"""The dashboard: the key numbers over known data, each linking to the page behind it, what each
role sees, the map and charts, and a fixed, small number of queries however much there is."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Attendance
from engagement.models import Status
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach.audit_dashboard import dashboard, quarter_bounds

from .audit_helpers import build_world
from .contacts_helpers import make_contact
from .coordination_helpers import activity, on
from .reach_fixtures import forms, profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(police, council):
    world = build_world(police, council)
    for ward in (world.stretford, world.clifford, world.gorse_hill, world.urmston):
        profile(ward)
    return world


def _figures(shown):
    return {f.key: f for f in shown.figures}


TODAY = date(2026, 11, 10)  # halfway through a quarter


def _soon(days: int = 3) -> date:
    """A few days before TODAY, in its quarter."""
    return TODAY - timedelta(days=days)


@pytest.fixture
def busy(world):
    """This quarter: a police meeting 30 people attended, where nearly everyone who filled in the
    equality form was over 65; a council meeting of 12; an open police consultation; the police
    and the council planning the same focus group (a possible duplicate); a police contact due
    for review."""
    today = TODAY
    meeting = activity(world.police, "PACT meeting", area=world.clifford, day=_soon(), status=Status.CLOSED)
    Attendance.objects.create(activity=meeting, head_count=30, held_on=_soon())
    forms(meeting, 30, age_band="65-74")
    council_meeting = activity(world.council, "Council forum", area=world.stretford, day=_soon(1))
    Attendance.objects.create(activity=council_meeting, head_count=12, held_on=_soon(1))
    consultation = activity(
        world.police, "Priorities survey", area=world.urmston, day=today - timedelta(days=200)
    )
    consultation.status, consultation.consultation_kind = Status.OPEN, "focused"
    consultation.save()
    for org in (world.police, world.council):
        activity(
            org,
            f"Youth focus group of {org.name}",
            area=world.stretford,
            day=today + timedelta(days=20),
            audiences=("young-people",),
        )
    make_contact(world.police, name="Clifford Tenants", review_on=timezone.localdate() - timedelta(days=1))
    return meeting


def test_the_key_numbers(world, busy):
    shown = dashboard(user=world.coordinator, today=TODAY)
    figures = _figures(shown)
    assert shown.area == world.trafford and shown.partnerships == ["Safer Trafford Partnership"]
    assert shown.quarter == (date(2026, 10, 1), date(2026, 12, 31))
    assert figures["activities"].value == 2  # the PACT meeting and the police's youth focus group
    assert "and 4 across your partnerships" in figures["activities"].detail
    assert figures["people"].value == 30
    assert "42 by your partnerships'" in figures["people"].detail
    assert figures["consultations"].value == 1
    assert figures["duplicates"].value == 1
    assert figures["contacts"].value == 1
    assert figures["gaps"].value >= 1 and figures["gaps"].detail.startswith("Under-represented in Trafford")


def test_each_number_links_to_the_page_behind_it(world, busy):
    shown = dashboard(user=world.coordinator, today=TODAY)
    figures = _figures(shown)
    first, last = shown.quarter
    assert figures["activities"].url == (
        reverse("engagement:activity_list")
        + f"?organisation=greater-manchester-police&starts_from={first}&starts_to={last}"
    )
    assert figures["consultations"].url.endswith("?organisation=greater-manchester-police&status=open")
    assert figures["gaps"].url.startswith(reverse("reach:reach") + "?area=E08000009&since=")
    assert figures["duplicates"].url.startswith(reverse("coordination:report") + "?kind=duplicate")
    assert figures["contacts"].url == reverse("contacts:contact_review")
    client = Client()
    client.force_login(world.coordinator)
    for figure in figures.values():
        assert client.get(figure.url).status_code == 200, figure.url


def test_the_map_and_the_charts(world, busy):
    shown = dashboard(user=world.coordinator, today=TODAY)
    assert shown.map is not None and [w.name for w in shown.map.wards] == [
        "Clifford",
        "Gorse Hill",
        "Stretford",
        "Urmston",
    ]
    counts = {w.name: w.activities for w in shown.map.wards}
    assert counts["Clifford"] == 1 and counts["Stretford"] == 1
    assert shown.map.drawn and all(w.path.startswith("M") for w in shown.map.wards)
    assert shown.charts and shown.charts[0]["dimension"].dimension == "age"


def test_the_page(world, busy):
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(reverse("audit:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Dashboard</h1>' in body
    assert 'data-figure="duplicates"' in body and "<svg" in body and reverse("reach:map") in body
    menu = response.context["staff_menu"]
    assert menu[0]["label"] == "Dashboard" and menu[0]["current"]
    assert client.get(reverse("audit:dashboard") + "?area=E05000825").status_code == 200
    assert client.get(reverse("audit:dashboard") + "?area=NOWHERE").status_code == 404


def test_an_authority_member_sees_what_they_may(world, busy):
    member = UserFactory(organisation=world.police, roles=[Role.AUTHORITY_MEMBER])
    figures = _figures(dashboard(user=member, today=TODAY))
    assert (
        figures["activities"].value
        == _figures(dashboard(user=world.coordinator, today=TODAY))["activities"].value
    )
    from organisations.tests.factories import OrganisationFactory

    body = OrganisationFactory(name="Police and crime panel", sector="police_authority")
    panel_member = UserFactory(organisation=body, roles=[Role.AUTHORITY_MEMBER])
    outside = _figures(dashboard(user=panel_member, today=TODAY))
    assert outside["activities"].value == 0 and outside["people"].value == 0
    assert outside["consultations"].value == 0 and outside["duplicates"].value == 0
    client = Client()
    client.force_login(panel_member)
    response = client.get(reverse("audit:dashboard"))
    assert response.status_code == 200 and b"PACT meeting" not in response.content


def test_a_partner_user_sees_their_organisation_and_partnerships(world, busy):
    partner = UserFactory(organisation=world.council, roles=[Role.PARTNER_USER])
    figures = _figures(dashboard(user=partner, today=TODAY))
    assert figures["people"].value == 12
    assert figures["contacts"].value == 0  # the police's contact is theirs


def test_the_number_of_queries_is_small_and_does_not_grow(world, busy, django_assert_max_num_queries):
    dashboard(
        user=world.coordinator, today=TODAY
    )  # warm the caches every page has (content types, permissions)
    with django_assert_max_num_queries(26):
        dashboard(user=world.coordinator, today=TODAY)
    for n in range(15):
        meeting = activity(
            world.council, f"Meeting {n}", area=world.gorse_hill, day=_soon(), status=Status.CLOSED
        )
        Attendance.objects.create(activity=meeting, head_count=5, held_on=_soon())
        forms(meeting, 3, age_band="25-34")
        make_contact(world.police, name=f"Group {n}", review_on=timezone.localdate() - timedelta(days=2))
    with django_assert_max_num_queries(26):
        shown = dashboard(user=world.coordinator, today=TODAY)
    assert _figures(shown)["contacts"].value == 16


def test_the_page_s_queries_are_few_too(world, busy, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.coordinator)
    client.get(reverse("audit:dashboard"))
    with django_assert_max_num_queries(45):
        assert client.get(reverse("audit:dashboard")).status_code == 200


def test_quarters():
    assert quarter_bounds(date(2026, 11, 22)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_bounds(date(2026, 2, 1)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert on(date(2026, 1, 1)).date() == date(2026, 1, 1)
