"""The optional confirmation e-mail, through Django's SMTP backend to a real SMTP server
(aiosmtpd on a free local port), sent after the response is committed."""

import re
import socket
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from consultations.emails import confirmation_message, send_response_confirmation
from consultations.models import Response
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS
from website.templatetags.public_tags import govuk_time


def _aiosmtpd_controller():
    return pytest.importorskip("aiosmtpd.controller").Controller


class Collect:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Collect()
    port = _free_port()
    controller = _aiosmtpd_controller()(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=10,
            DEFAULT_FROM_EMAIL="heard@police.example",
        ):
            yield handler
    finally:
        controller.stop()


@pytest.fixture
def ready(respondent):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    respondent.client.post(respondent.url("equality"), {"age_band": "25-34"})
    return respondent


def test_confirmation_email_through_smtp(
    ready, smtp_server, django_capture_on_commit_callbacks, consultation
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = ready.send(updates="on", email=" resident@example.org ")
    assert sent.status_code == 200 and len(callbacks) == 1
    assert b"We have sent a confirmation" in sent.content
    code = sent.context["receipt_code"]

    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["resident@example.org"]
    assert envelope.mail_from == "heard@police.example"
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"] == "We received your response: Policing priorities in Ashton"
    assert message["Reply-To"] == consultation.activity.contact_email
    body = message.get_content()
    assert "http://testserver/consultations/withdraw/" in body
    assert f"http://testserver/consultations/{consultation.pk}/" in body
    # Never the answers, the equality answers or the receipt code.
    for secret in (
        "alley",
        "Speeding",
        "ASB",
        "Agree",
        "Litter",
        "M33",
        "25-34",
        code,
        code.replace("-", ""),
    ):
        assert secret not in body, secret

    response = Response.objects.get()
    assert response.email == "resident@example.org" and response.wants_updates


def test_no_tick_no_email_and_no_address_kept(ready, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = ready.send(email="resident@example.org")
    assert sent.status_code == 200 and not callbacks
    assert b"We have sent a confirmation" not in sent.content
    assert smtp_server.envelopes == []
    response = Response.objects.get()
    assert response.email == "" and not response.wants_updates


def test_the_email_waits_for_the_commit(ready):
    """Queued on commit: a rolled-back response never sends mail."""
    sent = ready.send(updates="on", email="resident@example.org")
    assert sent.status_code == 200
    assert mail.outbox == []  # the test transaction has not committed


def test_a_withdrawn_response_gets_no_email(ready):
    sent = ready.send(updates="on", email="resident@example.org")
    response = Response.objects.get()
    ready.client.post("/consultations/withdraw/", {"receipt_code": sent.context["receipt_code"]})
    assert send_response_confirmation.call(response.pk, "http://testserver/") is False
    assert mail.outbox == []


def test_the_email_says_the_time_the_gov_uk_way(ready):
    ready.send(updates="on", email="resident@example.org")
    response = Response.objects.get()
    body = confirmation_message(response, site_url="http://testserver/").body
    received = timezone.localtime(response.submitted_at)
    assert f"We received it on {received.day} {received:%B %Y} at {govuk_time(received)}." in body
    assert not re.search(r" at \d\d:\d\d\.", body)


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(ready, consultation):
    """A header is one line: a line break in the title stopped the e-mail (BadHeaderError)."""
    consultation.title = "Policing priorities\r\nin Ashton"
    consultation.save()
    ready.send(updates="on", email="resident@example.org")
    message = confirmation_message(Response.objects.get(), site_url="http://testserver/").message()
    assert message["Subject"] == "We received your response: Policing priorities in Ashton"
