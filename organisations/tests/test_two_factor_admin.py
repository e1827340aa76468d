"""Resetting a colleague's two-factor sign-in: an admin for their own organisation, a superuser
for anyone; with a confirmation page, in the audit log, and the colleague set up again before
any other page. The same over the API."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditEvent
from organisations.models import Role, User
from organisations.tests.factories import UserFactory

from .test_oidc import STAFF, app_code
from .test_two_factor import password_sign_in, with_app


@pytest.fixture
def colleague(police):
    user = UserFactory(username="pc.lost.phone", organisation=police, roles=[Role.AUTHORITY_MEMBER])
    with_app(user)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _reset_url(user) -> str:
    return reverse("colleagues:reset", kwargs={"pk": user.pk})


def _api_url(user) -> str:
    return reverse("api:reset_colleague_two_factor", kwargs={"user_id": user.pk})


def _who(kind: str, police, council):
    if kind == "admin":
        return UserFactory(organisation=police, roles=[Role.ADMIN])
    if kind == "other_admin":
        return UserFactory(organisation=council, roles=[Role.ADMIN])
    if kind == "officer":
        return UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    organisation = council if kind == "superuser_of_another" else None
    return UserFactory(organisation=organisation, roles=[], is_superuser=True)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("admin", 200),
        ("other_admin", 404),
        ("officer", 403),
        ("superuser_of_another", 200),
        ("superuser", 200),
    ],
)
def test_who_may_reset_on_the_page_and_in_the_api(police, council, colleague, kind, status):
    client = _client(_who(kind, police, council))
    listing = client.get(reverse("colleagues:list"))
    assert listing.status_code == (403 if kind == "officer" else 200)
    assert (b"pc.lost.phone" in listing.content) is (status == 200)
    assert client.get(_reset_url(colleague)).status_code == status
    assert client.post(
        _api_url(colleague), {"confirmed": False}, content_type="application/json"
    ).status_code == (422 if status == 200 else status)
    assert TOTPDevice.objects.filter(user=colleague).exists()  # nothing happens without confirming
    if status != 200:
        assert client.post(_reset_url(colleague)).status_code == status
        assert client.post(
            _api_url(colleague), {"confirmed": True}, content_type="application/json"
        ).status_code == (status)
        assert TOTPDevice.objects.filter(user=colleague).exists()
        return
    api = client.post(_api_url(colleague), {"confirmed": True}, content_type="application/json")
    assert api.status_code == 200 and api.json()["has_app"] is False and api.json()["must_set_up"] is True
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticDevice.objects.filter(user=colleague).exists()


def test_an_admin_resets_after_confirming_and_the_colleague_sets_it_up_again(police, colleague):
    admin = UserFactory(username="force-admin", organisation=police, roles=[Role.ADMIN])
    signed_in = Client()
    password_sign_in(signed_in, colleague)
    device = TOTPDevice.objects.get(user=colleague)
    signed_in.post(reverse("signin:verify"), {"code": app_code(device, steps_ahead=1), "next": STAFF})
    assert signed_in.get(STAFF).status_code == 200

    client = _client(admin)
    confirm = client.get(_reset_url(colleague))
    assert confirm.status_code == 200 and b"Reset their two-factor sign-in?" in confirm.content
    done = client.post(_reset_url(colleague))
    assert done.status_code == 302 and done["Location"] == reverse("colleagues:list")
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert User.objects.get(pk=colleague.pk).must_set_up_two_factor
    entry = AuditEvent.objects.get(object_repr="Two-factor sign-in reset for pc.lost.phone")
    assert entry.actor == admin and entry.owner_organisation_id == police.pk
    again = client.post(_reset_url(colleague))
    assert again.status_code == 400 and b"nothing to reset" in again.content

    # Already signed in, or signing in afresh: a new app before anything else, though their
    # role (authority member) would not need one.
    held = signed_in.get(STAFF)
    assert held.status_code == 302 and held["Location"].startswith(reverse("signin:two_factor_setup"))
    signed_in.get(reverse("signin:two_factor_setup"))
    device = TOTPDevice.objects.get(user=colleague)
    signed_in.post(
        reverse("signin:two_factor_setup"), {"code": app_code(device, steps_ahead=-1), "next": STAFF}
    )
    assert signed_in.get(STAFF).status_code == 200
    assert not User.objects.get(pk=colleague.pk).must_set_up_two_factor


def test_nobody_resets_their_own_or_a_superusers_here(police):
    admin = UserFactory(organisation=police, roles=[Role.ADMIN])
    boss = UserFactory(organisation=police, roles=[Role.ADMIN], is_superuser=True)
    client, boss_client = _client(admin), _client(boss)  # signed in before setting up their apps
    with_app(admin)
    with_app(boss)
    assert client.get(_reset_url(admin)).status_code == 404
    assert client.get(_reset_url(boss)).status_code == 404
    assert (
        client.post(_api_url(boss), {"confirmed": True}, content_type="application/json").status_code == 404
    )
    assert b"Colleagues&#x27; two-factor sign-in" in client.get(STAFF).content  # in the admin's menu
    listing = boss_client.get(reverse("api:list_colleagues_two_factor")).json()
    assert {p["username"] for p in listing} >= {admin.username} and boss.username not in {
        p["username"] for p in listing
    }
