"""Password reset by e-mail, and the back-off after repeated failed sign-ins."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations.models import Role
from organisations.tests.factories import UserFactory

PASSWORD = "correct horse battery"  # the factories' password


def _ask_for_reset(client, email: str):
    return client.post(reverse("signin:password_reset"), {"email": email})


def test_the_sign_in_page_offers_a_password_reset(client, db):
    page = client.get(reverse("login"))
    assert reverse("signin:password_reset").encode() in page.content


def test_password_reset_by_email(client, db, settings):
    settings.HEARD_SITE_URL = "https://heard.example.police.uk/"
    user = UserFactory(email="sam@example.org", first_name="Sam", roles=[Role.ANALYST])
    response = _ask_for_reset(client, "SAM@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("signin:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.org"] and message.subject == "Reset your Heard password"
    assert "Hello Sam," in message.body and "It works once, for 1 hour" in message.body
    link = re.search(r"https://heard\.example\.police\.uk(/accounts/password-reset/\S+/)", message.body)
    assert link, message.body

    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and b"Choose a new password" in form.content
    new = "a-new-long-passphrase-42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == reverse("signin:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)
    used = client.get(link.group(1), follow=True)
    assert b"This link does not work" in used.content


def test_nobody_can_find_out_who_has_an_account(client, db):
    UserFactory(email="sam@example.org")
    known = _ask_for_reset(client, "sam@example.org")
    unknown = _ask_for_reset(client, "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    page = client.get(reverse("signin:password_reset_done"))
    assert b"If there is a Heard account with that email address" in page.content


def test_single_sign_on_accounts_get_no_reset_link(client, db):
    user = UserFactory(email="sso@example.org")
    user.set_unusable_password()
    user.save()
    _ask_for_reset(client, "sso@example.org")
    assert mail.outbox == []


def _sign_in(client, username: str, password: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_an_account_is_locked_after_repeated_failures_from_anywhere(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory()
    for n in range(2):
        wrong = _sign_in(client, user.username, "wrong", REMOTE_ADDR=f"192.0.2.{n}")
        assert wrong.status_code == 200
    locked = _sign_in(client, user.username, "wrong", REMOTE_ADDR="192.0.2.9")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Too many attempts to sign in" in text and "for 15 minutes" in text
    # Even the right password, from another address, waits out the cool-off.
    assert _sign_in(client, user.username, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_an_address_is_locked_after_failures_across_accounts(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        _sign_in(client, f"guess{n}", "wrong", REMOTE_ADDR="203.0.113.5")
    other = UserFactory()
    assert _sign_in(client, other.username, PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429
    assert _sign_in(client, other.username, PASSWORD, REMOTE_ADDR="203.0.113.6").status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.HEARD_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(3):
        _sign_in(client, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    user = UserFactory()
    through_proxy = _sign_in(client, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert through_proxy.status_code == 302, "other people behind the same proxy are not locked out"
    assert _sign_in(client, "x", "y", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429


def test_the_lock_lifts_after_the_cool_off(client, db, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory()
    for _ in range(2):
        _sign_in(client, user.username, "wrong")
    assert _sign_in(client, user.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client, user.username, PASSWORD).status_code == 302


def test_a_password_reset_lifts_the_account_lock(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory(email="sam@example.org")
    for _ in range(2):
        _sign_in(client, user.username, "wrong", REMOTE_ADDR="192.0.2.1")
    _ask_for_reset(client, "sam@example.org")
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    new = "a-new-long-passphrase-42"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert _sign_in(client, user.username, new, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_a_reset_request_without_a_proper_address_says_what_to_do(client, db):
    empty = _ask_for_reset(client, "")
    assert empty.status_code == 200 and "Enter your email address" in empty.content.decode()
    wrong = _ask_for_reset(client, "not an address")
    assert "Enter an email address in the correct format" in wrong.content.decode()
    assert wrong.content.decode().startswith("<!DOCTYPE html>") and "<title>Error: " in wrong.content.decode()
