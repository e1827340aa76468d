"""Two-factor sign-in with a password: who must set it up, the code at sign-in, recovery codes,
turning it off, and wrong codes slowed down and locked out."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Role
from organisations.predicates import handles_sensitive_records
from organisations.tests.factories import UserFactory
from organisations.two_factor import SESSION_KEY, app_device_confirm, app_device_for_setup

from .test_oidc import STAFF, app_code

PASSWORD = "correct horse battery"  # the factories' password


def password_sign_in(client: Client, user, next_url: str = STAFF):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, "next": next_url})


def with_app(user) -> tuple[TOTPDevice, list[str]]:
    device = app_device_for_setup(user)
    codes = app_device_confirm(user=user, device=device, code=app_code(device))
    assert codes is not None
    return device, codes


@pytest.mark.parametrize(
    ("roles", "superuser", "needed"),
    [
        ([Role.ADMIN], False, True),
        ([Role.ENGAGEMENT_OFFICER], False, True),
        ([Role.ANALYST], False, True),
        ([Role.INTELLIGENCE_OFFICER], False, True),
        ([Role.PARTNER_USER], False, True),
        ([Role.AUTHORITY_MEMBER], False, False),
        ([Role.AUTHORITY_MEMBER, Role.ANALYST], False, True),
        ([Role.AUTHORITY_MEMBER], True, True),
    ],
)
def test_who_handles_sensitive_records(db, roles, superuser, needed):
    assert handles_sensitive_records(UserFactory(roles=roles, is_superuser=superuser)) is needed


def test_staff_who_need_it_set_it_up_before_anything_else(db, settings, client):
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    user = UserFactory(roles=[Role.ANALYST])
    password_sign_in(client, user)
    for url in (STAFF, reverse("signin:recovery_codes"), "/admin/"):
        held = client.get(url)
        assert held.status_code == 302 and held["Location"].startswith(reverse("signin:two_factor_setup")), (
            url
        )
    api = client.get("/api/organisations")
    assert api.status_code == 403 and "second factor" in api.json()["detail"]

    page = client.get(reverse("signin:two_factor_setup"))
    assert page.status_code == 200 and b'<img src="data:image/svg+xml' in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = "".join(page.context["secret_groups"])
    assert secret and secret in page.content.decode().replace(" ", "")

    wrong = client.post(reverse("signin:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200 and "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()  # as if the person took a second to type the right code
    done = client.post(reverse("signin:two_factor_setup"), {"code": app_code(device), "next": STAFF})
    assert done.status_code == 302 and done["Location"].startswith(reverse("signin:recovery_codes"))

    shown = client.get(done["Location"])
    codes = shown.context["codes"]
    assert len(codes) == 10 and all(code in shown.content.decode() for code in codes)
    again = client.get(reverse("signin:recovery_codes"))
    assert not any(code in again.content.decode() for code in codes), "codes are shown only once"
    assert client.get(STAFF).status_code == 200


def test_authority_members_may_choose(db, settings, client):
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    member = UserFactory(roles=[Role.AUTHORITY_MEMBER])
    password_sign_in(client, member)
    assert client.get(STAFF).status_code == 200


def test_whoever_set_it_up_gives_a_code_even_when_it_is_optional(db, client):
    user = UserFactory(roles=[Role.AUTHORITY_MEMBER])
    device, codes = with_app(user)
    assert password_sign_in(client, user).status_code == 302
    held = client.get(STAFF)
    assert held["Location"] == reverse("signin:verify") + "?next=%2Faccounts%2Ftwo-factor%2F"

    used = client.post(reverse("signin:verify"), {"code": codes[0].upper(), "next": STAFF})
    assert used.status_code == 302 and used["Location"] == STAFF
    assert client.session[SESSION_KEY] == "done"
    assert not StaticToken.objects.filter(token=codes[0]).exists(), "a recovery code works once"

    client.post(reverse("logout"))
    password_sign_in(client, user)
    again = client.post(reverse("signin:verify"), {"code": codes[0], "next": STAFF})
    assert again.status_code == 200 and "The code is not right" in again.content.decode()
    assert (
        client.post(reverse("signin:verify"), {"code": app_code(device, 1), "next": STAFF}).status_code == 302
    )


def test_the_verify_page_leaves_elsewhere_alone(db, client):
    user = UserFactory(roles=[Role.AUTHORITY_MEMBER])
    with_app(user)
    password_sign_in(client, user)
    outside = client.post(reverse("signin:verify"), {"code": "x", "next": "https://evil.example/"})
    assert outside.status_code == 200
    assert client.get(reverse("signin:verify") + "?next=https://evil.example/").status_code == 200


def test_guessing_codes_is_slowed_and_then_locked_out(db, settings, client):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(roles=[Role.ANALYST])
    device, _ = with_app(user)
    password_sign_in(client, user)
    first = client.post(reverse("signin:verify"), {"code": "000001"})
    assert "The code is not right" in first.content.decode()
    second = client.post(reverse("signin:verify"), {"code": app_code(device)})
    assert "too many wrong codes" in second.content.decode(), "django-otp makes the next try wait"
    locked = client.post(reverse("signin:verify"), {"code": "000003"})
    assert locked.status_code == 429 and b"Too many attempts to sign in" in locked.content
    assert client.get(reverse("signin:verify")).status_code == 429


def test_new_recovery_codes_replace_the_old(db, client):
    user = UserFactory(roles=[Role.AUTHORITY_MEMBER])
    _, old = with_app(user)
    client.force_login(user)
    client.session.save()
    session = client.session
    session[SESSION_KEY] = "done"
    session.save()
    response = client.post(reverse("signin:recovery_codes"))
    assert response.status_code == 302
    new = client.get(response["Location"]).context["codes"]
    left = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert left == set(new) and not left & set(old)


def test_turning_it_off_needs_the_password(db, settings, client):
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    user = UserFactory(roles=[Role.ENGAGEMENT_OFFICER])
    device, _ = with_app(user)
    password_sign_in(client, user)
    assert client.post(reverse("signin:verify"), {"code": app_code(device, 1)}).status_code == 302
    wrong = client.post(reverse("signin:two_factor_remove"), {"password": "not it"})
    assert wrong.status_code == 200 and "The password is not right" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    assert client.post(reverse("signin:two_factor_remove"), {"password": PASSWORD}).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    held = client.get(STAFF)
    assert held["Location"].startswith(reverse("signin:two_factor_setup")), "required: set it up again"


def test_api_tokens_are_left_alone(db, settings, client):
    settings.HEARD_REQUIRE_TWO_FACTOR = True
    user = UserFactory(roles=[Role.ANALYST])
    password_sign_in(client, user)
    # A token is let through to the API's own check, without the half-signed-in session.
    response = client.get("/api/organisations", headers={"Authorization": "Bearer heard_not-a-token"})
    assert response.status_code == 401
    assert client.get("/api/organisations").status_code == 403


def test_the_command_line_turns_it_off_for_someone_who_lost_everything(db):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from governance.models import AuditEvent

    user = UserFactory(roles=[Role.ANALYST])
    with_app(user)
    out = StringIO()
    call_command("two_factor_reset", user.username, stdout=out)
    assert "Two-factor sign-in is off" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(
        object_id=str(user.pk), actor=None, changes__two_factor=[True, False]
    ).exists()
    with pytest.raises(CommandError, match="has not set up"):
        call_command("two_factor_reset", user.username)


@pytest.mark.parametrize("path", ["/admin/otp_totp/totpdevice/", "/admin/otp_static/staticdevice/"])
def test_superusers_find_the_devices_in_the_admin(db, client, path):
    with_app(UserFactory(roles=[Role.ANALYST]))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(path).status_code == 200
