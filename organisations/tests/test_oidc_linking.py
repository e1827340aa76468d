"""Joining existing password accounts to single sign-on, and signing out of the provider with
Heard, against the real test provider (conftest.py) on the loopback interface."""

from urllib.parse import parse_qs, urlsplit

import requests
from django.test import Client
from django.urls import reverse

from governance.models import AuditEvent
from organisations.models import Role, SignInIdentity, User
from organisations.tests.factories import OrganisationFactory, UserFactory

from .oidc_provider.fixture import SIGNED_OUT, through_provider

STAFF = "/accounts/two-factor/"  # also the account page that says whether it is linked


def sign_in(client: Client, username: str, browser: requests.Session | None = None):
    start = client.get(reverse("signin:oidc_start") + f"?next={STAFF}")
    assert start.status_code == 302
    return client.get(through_provider(start["Location"], username, browser=browser))


def test_a_verified_address_joins_the_existing_password_account(sso, client):
    local = UserFactory(
        username="dsmith", email="dana.smith@test-police.example", organisation=sso, roles=[Role.ANALYST]
    )
    client.force_login(local)
    assert b"is not linked to your Test Constabulary account" in client.get(STAFF).content
    client.post(reverse("logout"))

    response = sign_in(client, "dana.verified")
    assert response.status_code == 302 and response["Location"] == STAFF
    identity = SignInIdentity.objects.get()
    assert identity.user == local and identity.issuer.endswith("/o")
    assert User.objects.filter(email__iexact="dana.smith@test-police.example").count() == 1
    local = User.objects.get(pk=local.pk)
    assert local.has_usable_password() and local.roles == {Role.ENGAGEMENT_OFFICER}  # from the provider
    linked = AuditEvent.objects.get(object_repr="dsmith joined to single sign-on")
    assert linked.actor == local and linked.object_id == str(local.pk)
    assert b"is linked to your Test Constabulary account" in client.get(STAFF).content

    client.post(reverse("logout"))
    sign_in(client, "dana.verified")  # found by the subject from now on
    assert SignInIdentity.objects.get().user == local and User.objects.count() == 1


def test_an_address_the_provider_has_not_verified_is_refused(sso, client):
    local = UserFactory(username="lbrown", email="lee.brown@test-police.example", organisation=sso)
    response = sign_in(client, "lee.unverified")
    assert response.status_code == 403
    assert "does not say that address is verified" in response.content.decode()
    assert not SignInIdentity.objects.exists()
    assert list(User.objects.filter(email__iexact="lee.brown@test-police.example")) == [local]
    assert client.get(STAFF).status_code == 302


def test_another_organisations_or_an_administrators_account_is_not_joined(sso, client):
    elsewhere = UserFactory(email="kim.patel@test-police.example", organisation=OrganisationFactory())
    response = sign_in(client, "kim.elsewhere")
    assert response.status_code == 403 and b"belongs to another organisation" in response.content
    User.objects.filter(pk=elsewhere.pk).update(organisation=sso, is_superuser=True)
    response = sign_in(Client(), "kim.elsewhere")
    assert response.status_code == 403 and b"an administrator&#x27;s account" in response.content
    assert not SignInIdentity.objects.exists() and User.objects.count() == 1


def _authorize(client: Client) -> str:
    return client.get(reverse("signin:oidc_start"))["Location"]


def test_signing_out_of_heard_signs_out_of_the_provider(sso, provider, client):
    browser = requests.Session()  # the person's browser at the provider
    sign_in(client, "intel.mfa", browser=browser)
    assert client.get(STAFF).status_code == 200
    assert (
        browser.get(_authorize(Client()), allow_redirects=False, timeout=10).status_code == 200
    )  # signed in

    out = client.post(reverse("logout"))
    assert out.status_code == 302 and out["Location"].startswith(f"{provider.base}/o/logout/?")
    query = parse_qs(urlsplit(out["Location"]).query)
    assert query["post_logout_redirect_uri"] == [SIGNED_OUT] and query["id_token_hint"][0].count(".") == 2
    assert client.get(STAFF).status_code == 302  # signed out of Heard

    back = browser.get(out["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"] == SIGNED_OUT
    again = browser.get(_authorize(Client()), allow_redirects=False, timeout=10)
    assert again.status_code == 302 and "/accounts/login/" in again.headers["Location"]  # and of the provider


def test_a_password_sign_in_signs_out_of_heard_only(sso, client):
    client.force_login(UserFactory(organisation=sso))
    out = client.post(reverse("logout"))
    assert out.status_code == 302 and out["Location"] == "/"
    assert client.get(reverse("logout")).status_code == 405
