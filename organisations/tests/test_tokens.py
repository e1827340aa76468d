"""API tokens: expiry, rotation, revocation, the last-used time and the audit trail, through the
services, the staff pages and the command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from governance.models import AuditAction, AuditEvent
from organisations.models import ApiToken, hash_token
from organisations.tests.factories import UserFactory
from organisations.tokens import (
    LAST_USED_RESOLUTION,
    TokenRefused,
    api_token_create,
    api_token_revoke,
    api_token_rotate,
    api_token_user,
)


def _events(token: ApiToken) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="organisations.apitoken", object_id=str(token.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_new_token_lasts_the_default_lifetime_or_fewer_days(officer, settings):
    settings.HEARD_API_TOKEN_DAYS = 90
    token, raw = api_token_create(user=officer, name="case system")
    assert raw.startswith("heard_") and token.key_hash == hash_token(raw)
    assert timedelta(days=89, hours=23) < token.expires_at - timezone.now() <= timedelta(days=90)
    short, _ = api_token_create(user=officer, name="one-off", days=7)
    assert (short.expires_at - short.created_at) == timedelta(days=7)
    assert _events(token) == [AuditAction.CREATE]


@pytest.mark.parametrize("days", [0, -1, 91, True])
def test_a_lifetime_beyond_the_limit_is_refused(officer, days, settings):
    settings.HEARD_API_TOKEN_DAYS = 90
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=officer, name="x", days=days)
    assert "from 1 to 90" in str(refused.value)
    assert not ApiToken.objects.exists()


def test_a_user_of_no_organisation_gets_no_token(db):
    with pytest.raises(PermissionDenied):
        api_token_create(user=UserFactory(organisation=None), name="x")


def test_expired_revoked_and_unknown_keys_are_refused_with_their_reason(officer):
    token, raw = api_token_create(user=officer, name="ci")
    assert api_token_user(raw) == officer
    with pytest.raises(TokenRefused, match="not valid"):
        api_token_user(raw + "x")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(TokenRefused, match="expired on"):
        api_token_user(raw)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    with pytest.raises(TokenRefused, match="revoked"):
        api_token_user(raw)
    assert not ApiToken.objects.usable().exists()


def test_the_last_use_is_recorded_at_most_once_in_a_while(officer, django_assert_num_queries):
    token, raw = api_token_create(user=officer, name="ci")
    assert token.last_used_at is None
    api_token_user(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the look-up only: no write
        api_token_user(raw)
    old = timezone.now() - LAST_USED_RESOLUTION - timedelta(seconds=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=old)
    api_token_user(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > old


def test_rotating_revokes_the_old_key_at_once_and_keeps_name_and_lifetime(officer):
    old, old_raw = api_token_create(user=officer, name="council sync", days=30)
    new, new_raw = api_token_rotate(user=officer, token=old)
    old.refresh_from_db()
    assert old.revoked_at is not None and new.revoked_at is None
    assert new.name == "council sync" and new.expires_at - new.created_at == timedelta(days=30)
    assert api_token_user(new_raw) == officer
    with pytest.raises(TokenRefused, match="revoked"):
        api_token_user(old_raw)
    assert _events(old) == [AuditAction.CREATE, AuditAction.UPDATE]
    assert _events(new) == [AuditAction.CREATE]
    with pytest.raises(ValidationError, match="already been revoked"):
        api_token_rotate(user=officer, token=old)


def test_only_the_owner_rotates_and_the_owner_or_a_superuser_revokes(officer, outsider):
    token, _ = api_token_create(user=officer, name="ci")
    with pytest.raises(PermissionDenied):
        api_token_rotate(user=outsider, token=token)
    with pytest.raises(PermissionDenied):
        api_token_revoke(user=outsider, token=token)
    admin = UserFactory(organisation=None, is_superuser=True)
    with pytest.raises(PermissionDenied):
        api_token_rotate(user=admin, token=token)
    revoked = api_token_revoke(user=admin, token=token)
    assert revoked.revoked_at is not None
    assert _events(token) == [AuditAction.CREATE, AuditAction.UPDATE]
    with pytest.raises(ValidationError):
        api_token_revoke(user=officer, token=token)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_makes_a_token_and_shows_its_key_once(officer):
    client = _client(officer)
    assert "You have no API tokens" in client.get("/staff/tokens/").content.decode()
    response = client.post("/staff/tokens/new/", {"name": "case system", "days": "30"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    key = response.context["key"]
    assert key in response.content.decode() and token.key_hash == hash_token(key)
    listing = client.get("/staff/tokens/").content.decode()
    assert "case system" in listing and "Active" in listing and key not in listing


def test_the_form_says_what_is_wrong(officer, settings):
    settings.HEARD_API_TOKEN_DAYS = 90
    response = _client(officer).post("/staff/tokens/new/", {"name": "", "days": "400"})
    page = response.content.decode()
    assert response.status_code == 400 and page.count("<title>Error: ") == 1
    assert "Enter what the token is for" in page and "A token can last at most 90 days" in page
    assert not ApiToken.objects.exists()


def test_the_pages_rotate_and_revoke_your_own_tokens(officer):
    client = _client(officer)
    token, _ = api_token_create(user=officer, name="ci")
    assert "Rotate this token?" in client.get(f"/staff/tokens/{token.pk}/rotate/").content.decode()
    response = client.post(f"/staff/tokens/{token.pk}/rotate/")
    assert "Token rotated" in response.content.decode()
    new = ApiToken.objects.get(revoked_at__isnull=True)
    assert new.key_hash == hash_token(response.context["key"])
    response = client.post(f"/staff/tokens/{new.pk}/revoke/", follow=True)
    assert "has been revoked" in response.content.decode()
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    again = client.post(f"/staff/tokens/{new.pk}/revoke/")
    assert again.status_code == 400 and "already been revoked" in again.content.decode()


def test_another_persons_token_is_not_found_on_the_pages(officer, outsider):
    token, _ = api_token_create(user=officer, name="ci")
    client = _client(outsider)
    for action in ("rotate", "revoke"):
        assert client.get(f"/staff/tokens/{token.pk}/{action}/").status_code == 404
        assert client.post(f"/staff/tokens/{token.pk}/{action}/").status_code == 404
    assert "ci" not in client.get("/staff/tokens/").context["tokens"]
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_command_takes_a_lifetime(officer):
    out = StringIO()
    call_command("create_api_token", "officer", "nightly", "--days", "5", stdout=out)
    token = ApiToken.objects.get(key_hash=hash_token(out.getvalue().strip()))
    assert token.expires_at - token.created_at == timedelta(days=5)
    with pytest.raises(CommandError, match="from 1 to"):
        call_command("create_api_token", "officer", "too long", "--days", "9999", stdout=StringIO())
