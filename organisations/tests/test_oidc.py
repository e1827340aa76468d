"""Single sign-on against a real OpenID Connect provider (django-oauth-toolkit) started on the
loopback interface: Heard's backend calls its token, userinfo and JWKS endpoints over HTTP."""

import time
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditEvent
from organisations.models import Role, SignInIdentity, User
from organisations.tests.factories import OrganisationFactory, UserFactory

from .oidc_provider.fixture import through_provider

# A staff page that needs signing in (Heard's own page about two-factor sign-in).
STAFF = "/accounts/two-factor/"


def sign_in(client: Client, username: str, next_url: str = STAFF):
    start = client.get(reverse("signin:oidc_start") + f"?next={next_url}")
    assert start.status_code == 302
    return client.get(through_provider(start["Location"], username))


def app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_force_signs_in_with_its_own_provider_and_second_factor(sso, settings, client):
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    page = client.get(reverse("login"))
    assert b"Sign in with Test Constabulary account" in page.content

    response = sign_in(client, "pc.jones")
    assert response.status_code == 302 and response["Location"] == STAFF
    user = User.objects.get(
        sign_in_identities__subject__isnull=False, email="pc.jones@test-constabulary.example"
    )
    assert (user.username, user.first_name, user.last_name) == ("pc.jones", "Sam", "Jones")
    assert user.organisation == sso and user.roles == {Role.ENGAGEMENT_OFFICER, Role.ANALYST}
    assert not user.has_usable_password() and not user.is_superuser
    assert AuditEvent.objects.filter(object_id=str(user.pk), action="create").exists()

    # The provider asked only for a password: Heard's own second factor, set up first.
    held = client.get(STAFF)
    assert held.status_code == 302 and held["Location"].startswith(reverse("signin:two_factor_setup"))
    client.get(reverse("signin:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    done = client.post(reverse("signin:two_factor_setup"), {"code": app_code(device), "next": STAFF})
    assert done.status_code == 302
    assert client.get(STAFF).status_code == 200

    # Next time: the provider, then a code from the app.
    client.post(reverse("logout"))
    sign_in(client, "pc.jones")
    held = client.get(STAFF)
    assert held.status_code == 302 and held["Location"].startswith(reverse("signin:verify"))
    verified = client.post(reverse("signin:verify"), {"code": app_code(device, steps_ahead=1), "next": STAFF})
    assert verified.status_code == 302 and verified["Location"] == STAFF
    assert client.get(STAFF).status_code == 200
    assert User.objects.filter(email="pc.jones@test-constabulary.example").count() == 1


def test_a_provider_that_asked_for_a_second_factor_is_enough(sso, settings, client):
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    sign_in(client, "intel.mfa")
    assert client.get(STAFF).status_code == 200
    user = User.objects.get(username="intel.mfa")
    assert user.organisation == sso and user.roles == {Role.INTELLIGENCE_OFFICER}


def test_an_unknown_organisation_is_refused_with_a_reason(sso, client):
    response = sign_in(client, "outsider")
    assert response.status_code == 403
    assert "does not say which organisation you work for" in response.content.decode()
    assert not User.objects.filter(email="someone@elsewhere.example").exists()
    assert not SignInIdentity.objects.exists()
    assert client.get(STAFF).status_code == 302


def test_roles_come_from_the_mapping_and_are_set_again_at_each_sign_in(sso, settings, client):
    settings.HEARD_OIDC_ROLE_MAP = {"grp-analysts": "analyst"}
    sign_in(client, "grouped")
    user = User.objects.get(username="grouped")
    assert user.roles == {Role.ANALYST}
    UserFactory._meta.model.objects.filter(pk=user.pk).update(organisation=OrganisationFactory())
    from organisations.services import user_set_roles

    user_set_roles(user=user, roles=[Role.ADMIN])
    client.post(reverse("logout"))
    sign_in(client, "grouped")
    user.refresh_from_db()
    del user._roles_cache
    assert user.organisation == sso and user.roles == {Role.ANALYST}
    assert SignInIdentity.objects.filter(user=user).count() == 1


def test_a_local_account_of_the_same_name_is_never_taken_over(sso, client):
    local = UserFactory(username="pc.jones", organisation=sso)
    sign_in(client, "pc.jones")
    new = User.objects.get(sign_in_identities__isnull=False)
    assert new != local and new.username == "pc.jones-2"


def test_a_callback_that_did_not_start_here_is_refused(sso, client):
    start = client.get(reverse("signin:oidc_start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    forged = client.get(reverse("signin:oidc_callback") + "?code=abc&state=not-" + state)
    assert forged.status_code == 400
    cancelled = client.get(reverse("signin:oidc_callback") + f"?error=access_denied&state={state}")
    assert cancelled.status_code == 400 and b"Signing in did not work" in cancelled.content


def test_a_provider_that_cannot_be_reached_gets_a_clear_page(sso, settings, client):
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/o/token/"
    start = client.get(reverse("signin:oidc_start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(reverse("signin:oidc_callback") + f"?code=abc&state={state}")
    assert response.status_code == 502 and b"could not reach" in response.content


def test_single_sign_on_is_off_unless_turned_on(settings, client, db):
    settings.HEARD_OIDC_ENABLED = False
    assert client.get(reverse("signin:oidc_start")).status_code == 404
    assert client.get(reverse("signin:oidc_callback")).status_code == 404
    assert b"Sign in with" not in client.get(reverse("login")).content


def test_a_locked_out_address_cannot_sign_in_through_the_provider_either(sso, settings, client):
    settings.AXES_FAILURE_LIMIT = 2
    for n in range(2):
        client.post(reverse("login"), {"username": f"guess{n}", "password": "wrong"})
    response = sign_in(client, "pc.jones")
    assert response.status_code == 429 and b"Too many attempts to sign in" in response.content
    assert client.get(STAFF).status_code == 302


def test_single_sign_on_without_its_settings_fails_the_system_check(settings):
    from organisations.oidc import check_oidc_settings

    settings.HEARD_OIDC_ENABLED = True
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    settings.OIDC_RP_CLIENT_ID = "heard"
    assert "OIDC_OP_TOKEN_ENDPOINT" in " ".join(e.msg for e in check_oidc_settings())
    settings.HEARD_OIDC_ENABLED = False
    assert check_oidc_settings() == []
