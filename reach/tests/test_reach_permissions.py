"""Who may see what of reach, per role and organisation, on the pages and in the API (the
same rules): anonymous visitors sign in; another organisation's activities stay out of reach
unless shared; counts are exact only for the owning organisation's staff."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


@pytest.fixture
def activity(ward, police):
    activity = activity_in(ward, police, title="POLICE-ONLY-7c1")
    forms(activity, 25, age_band="65-74", sex="Female")
    forms(activity, 4, age_band="16-24", sex="Male")
    return activity


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_visitors_sign_in_and_the_api_asks_for_credentials(activity, ward):
    client = _client()
    for url in (
        reverse("reach:reach") + f"?area={ward.code}",
        reverse("reach:activity_reach", kwargs={"pk": activity.pk}),
        reverse("reach:map"),
        reverse("reach:unheard"),
        reverse("reach:target_list"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get(reverse("api:get_reach"), {"area": ward.code}).status_code == 401
    assert client.post(reverse("api:compare_participants")).status_code == 401


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_the_owner_sees_its_activity(police, activity, role):
    user = UserFactory(organisation=police, roles=[role])
    page = _client(user).get(reverse("reach:activity_reach", kwargs={"pk": activity.pk}))
    assert page.status_code == 200
    exact = role not in (Role.PARTNER_USER, Role.AUTHORITY_MEMBER)
    assert (">4</td>" in page.content.decode()) is exact
    assert ("fewer than 10" in page.content.decode()) is not exact


@pytest.mark.parametrize("role", [Role.ENGAGEMENT_OFFICER, Role.ADMIN, Role.ANALYST, Role.PARTNER_USER])
def test_another_organisation_reaches_nothing_unshared(council, activity, ward, role):
    user = UserFactory(organisation=council, roles=[role])
    client = _client(user)
    assert client.get(reverse("reach:activity_reach", kwargs={"pk": activity.pk})).status_code == 404
    assert (
        client.get(reverse("api:get_activity_reach", kwargs={"activity_id": activity.pk})).status_code == 404
    )
    assert client.get(reverse("api:get_reach"), {"activity": activity.pk}).status_code == 404
    report = client.get(reverse("api:get_reach_report"), {"area": ward.code}).json()
    assert report["equality_forms"] == 0 and report["activities"] == 0
    page = client.get(reverse("reach:reach"), {"area": ward.code})
    assert page.status_code == 200 and b"POLICE-ONLY-7c1" not in page.content


def test_a_partner_under_an_agreement_sees_it_suppressed(police, council, activity, ward):
    DataSharingAgreementFactory(owner=police, recipient=council)
    user = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    report = _client(user).get(reverse("api:get_activity_reach", kwargs={"activity_id": activity.pk})).json()
    age = next(d for d in report["dimensions"] if d["dimension"] == "age")["categories"]
    assert age["16-24"]["participants"] == "fewer than 10" and report["suppressed_below"] == 10
    assert report["equality_forms"] == 29


def test_a_superuser_of_no_organisation_sees_everything_suppressed(activity, ward):
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    shape = _client(admin).get(reverse("api:get_reach"), {"area": ward.code}).json()
    assert shape["age"]["16-24"]["participants"] == "fewer than 10"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ENGAGEMENT_OFFICER, True),
        (Role.ADMIN, True),
        (Role.ANALYST, True),
        (Role.INTELLIGENCE_OFFICER, False),
        (Role.PARTNER_USER, False),
        (Role.AUTHORITY_MEMBER, False),
    ],
)
def test_who_may_import_a_target_profile(police, reach_refs, role, allowed):
    user = UserFactory(organisation=police, roles=[role])
    upload = io.BytesIO(b"dimension,category,share\nsex,Male,0.5\nsex,Female,0.5\n")
    upload.name = "t.csv"
    response = _client(user).post(reverse("api:import_target_profile"), {"name": "T", "file": upload})
    assert response.status_code == (201 if allowed else 403)
    assert (_client(user).get(reverse("reach:target_import")).status_code == 200) is allowed


def test_any_member_of_staff_may_compare_their_own_file(ward):
    user = UserFactory(
        organisation=OrganisationFactory(name="Trafford Housing Trust"), roles=[Role.PARTNER_USER]
    )
    upload = io.BytesIO(b"area_code,sex\nE05000820,Female\nE05000820,Male\n")
    upload.name = "p.csv"
    shape = (
        _client(user).post(reverse("api:compare_participants"), {"file": upload, "area": ward.code}).json()
    )
    assert shape["sex"]["Female"]["participants"] == 1  # the caller's own data: exact
    bad = io.BytesIO(b"area_code,sex\nE05000820,Woman\n")
    bad.name = "p.csv"
    refused = _client(user).post(reverse("api:compare_participants"), {"file": bad})
    assert refused.status_code == 422 and "Line 2, sex" in str(refused.json()["errors"]["file"])
    assert _client(user).post(reverse("api:compare_participants")).status_code == 422  # no file
