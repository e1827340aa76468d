"""The personal updates, through Django's SMTP backend to a real SMTP server (aiosmtpd on a free
local port): one message per address and publication linking what they said to the finding, the
decision and the action's status (or a general update), in plain text and HTML, never with their
answers, with a one-click unsubscribe; nothing twice when the task runs twice; nothing for, and
nothing left of, a withdrawn response."""

import socket
from email import message_from_bytes, policy
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from consultations.models import Response, hash_receipt
from consultations.services import response_withdraw
from consultations.updates import unsubscribe_token
from outcomes.loop_actions import action_create, action_move
from outcomes.loop_dispatch import personal_updates_send
from outcomes.loop_feedback import feedback_create, feedback_publish, updates_resend
from outcomes.loop_services import Evidence, decision_create, finding_create
from outcomes.models import ActionStatus, DeliveryState, PersonalUpdate, UpdateDispatch
from outcomes.tasks_loop import send_personal_updates

from .loop_fixtures import *  # noqa: F403
from .loop_fixtures import ANSWERS, split_litter, theme_of

SPEEDING = [text for text, _ in ANSWERS[:3]]
CODE = "ZQWX-7K3M-9PLT"


class Collect:
    """An SMTP server's handler that keeps what it is sent, refusing the addresses in `refuse`."""

    def __init__(self):
        self.envelopes = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [e for e in self.envelopes if address.lower() in [r.lower() for r in e.rcpt_tos]]


@pytest.fixture
def smtp_server():
    controller_class = pytest.importorskip("aiosmtpd.controller").Controller
    handler = Collect()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = controller_class(handler, hostname="127.0.0.1", port=port)
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
def loop(officer, consultation, run, council):
    """A finding drawn from the speeding themes, a decision, an action under way, and a draft
    feedback reporting them."""
    split_litter(run)
    themes = list({theme_of(run, text) for text in SPEEDING})
    finding = finding_create(
        user=officer,
        statement="Drivers go too fast near the school",
        area=consultation.areas.first(),
        source="theme",
        activity=consultation,
        evidence=Evidence(themes=themes),
    )
    decision = decision_create(
        user=officer,
        summary="Speed checks twice a month outside the school",
        decided_on=timezone.localdate(),
        decided_by_name="Insp Jo Example",
        decided_by_body="Altrincham neighbourhood tasking meeting",
        findings=[finding],
    )
    action = action_create(
        user=officer,
        decision=decision,
        title="Speed checks on Manchester Road",
        owner_organisation=officer.organisation,
        owner_name="Altrincham neighbourhood team",
        due_on=timezone.localdate() + timezone.timedelta(days=60),
    )
    action_move(user=officer, action=action, to=ActionStatus.IN_PROGRESS)
    feedback = feedback_create(
        user=officer,
        activity=consultation,
        title="Speeding near the school",
        statement="We are checking speeds outside the school.",
        decisions=[decision],
        actions=[action],
    )
    return {"feedback": feedback, "themes": themes, "finding": finding}


def _publish(officer, feedback, callbacks_fixture):
    with callbacks_fixture(execute=True):
        feedback_publish(user=officer, feedback=feedback, channels=["email"], site_url="http://testserver/")


def _message(envelope):
    return message_from_bytes(envelope.content, policy=policy.default)


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_each_address_gets_one_update_linking_what_they_said(
    officer, loop, smtp_server, django_capture_on_commit_callbacks
):
    _publish(officer, loop["feedback"], django_capture_on_commit_callbacks)
    addresses = sorted({r.lower() for e in smtp_server.envelopes for r in e.rcpt_tos})
    assert addresses == [
        "glass@example.org",
        "litter@example.org",
        "speed1@example.org",
        "speed2@example.org",
    ]
    assert len(smtp_server.to("speed1@example.org")) == 1  # two responses, one message
    personal = _message(smtp_server.to("speed1@example.org")[0])
    general = _message(smtp_server.to("litter@example.org")[0])
    assert personal["Subject"] == "What happened after you took part: Road safety in Altrincham"
    assert personal["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(personal["List-Unsubscribe"]).strip().startswith("<http://testserver/updates/stop/")
    for message in (personal, general):
        text, html = _parts(message)
        for answer, _ in ANSWERS:
            assert answer not in text and answer not in html  # never their answers
        assert "This e-mail does not include your answers." in text
        assert f"http://testserver/events/{loop['feedback'].activity_id}/you-said-we-did/" in text
    text, html = _parts(personal)
    assert "You told us about:" in text and "Drivers go too fast near the school" in text
    assert "Speed checks twice a month outside the school" in text and "In progress, due by" in text
    assert "Drivers go too fast near the school" in html and "<li>" in html
    text, _ = _parts(general)
    assert "did not lead to a particular decision" in text and "Speed checks twice a month" in text
    dispatch = UpdateDispatch.objects.get(feedback=loop["feedback"])
    assert (dispatch.state, dispatch.progress, dispatch.addresses) == ("done", 100, 4)
    assert (dispatch.personal, dispatch.general, dispatch.failed) == (2, 2, 0)
    records = PersonalUpdate.objects.filter(feedback=loop["feedback"])
    assert records.count() == 5 and set(records.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert "@" not in str(list(records.values()))  # what was sent, not to whom


def test_running_the_task_again_writes_to_nobody_twice(
    officer, loop, smtp_server, django_capture_on_commit_callbacks
):
    _publish(officer, loop["feedback"], django_capture_on_commit_callbacks)
    sent = len(smtp_server.envelopes)
    assert send_personal_updates.call(loop["feedback"].pk, "http://testserver/") == 0  # nothing queued
    with django_capture_on_commit_callbacks(execute=True):
        updates_resend(user=officer, feedback=loop["feedback"], site_url="http://testserver/")
    assert len(smtp_server.envelopes) == sent
    assert UpdateDispatch.objects.get(feedback=loop["feedback"]).state == "done"


def test_a_refused_address_is_tried_again_and_only_it(
    officer, loop, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refuse = {"glass@example.org"}
    _publish(officer, loop["feedback"], django_capture_on_commit_callbacks)
    dispatch = UpdateDispatch.objects.get(feedback=loop["feedback"])
    assert dispatch.failed == 1 and not smtp_server.to("glass@example.org")
    page = _staff(officer).get(reverse("outcomes:feedback_detail", kwargs={"pk": loop["feedback"].pk}))
    assert b"Send the updates that failed again" in page.content and b"1 could not be sent" in page.content
    smtp_server.refuse = set()
    sent = len(smtp_server.envelopes)
    with django_capture_on_commit_callbacks(execute=True):
        _staff(officer).post(reverse("outcomes:feedback_resend", kwargs={"pk": loop["feedback"].pk}))
    assert len(smtp_server.envelopes) == sent + 1 and len(smtp_server.to("glass@example.org")) == 1
    dispatch.refresh_from_db()
    assert (dispatch.personal + dispatch.general, dispatch.failed, dispatch.state) == (4, 0, "done")


def _staff(user):
    client = Client()
    client.force_login(user)
    return client


def test_withdrawn_responses_get_nothing_and_leave_no_trace(
    officer, loop, smtp_server, django_capture_on_commit_callbacks
):
    withdrawn = Response.objects.get(answers__text=SPEEDING[1])  # speed2@example.org
    Response.objects.filter(pk=withdrawn.pk).update(receipt_hash=hash_receipt(CODE))
    later = Response.objects.get(answers__text=SPEEDING[0])
    Response.objects.filter(pk=later.pk).update(receipt_hash=hash_receipt("ABCD-EFGH-JKLM"))
    assert response_withdraw(receipt_code=CODE)
    finding = loop["finding"]
    finding.statement = f"One person wrote: “{SPEEDING[0]}”"  # a word-for-word quote
    finding.save()
    _publish(officer, loop["feedback"], django_capture_on_commit_callbacks)
    assert not smtp_server.to("speed2@example.org")
    assert PersonalUpdate.objects.filter(response_id=later.pk).exists()
    assert response_withdraw(receipt_code="ABCD-EFGH-JKLM")
    assert not PersonalUpdate.objects.filter(response_id=later.pk).exists()
    left = [
        (model._meta.label, needle)
        for model in apps.get_app_config("outcomes").get_models()
        for row in model._base_manager.values()
        for needle in (SPEEDING[0], SPEEDING[1], "speed2@example.org")
        if needle in str(row)
    ]
    assert not left, left
    finding.refresh_from_db()
    assert "withdrawn" in finding.statement


def test_one_click_unsubscribe_clears_the_address(
    officer, loop, smtp_server, django_capture_on_commit_callbacks
):
    _publish(officer, loop["feedback"], django_capture_on_commit_callbacks)
    header = _message(smtp_server.to("speed1@example.org")[0])["List-Unsubscribe"]
    path = urlparse(str(header).strip().strip("<>")).path
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and b"Stop the updates" in page.content
    assert Response.objects.filter(email__iexact="speed1@example.org").count() == 2  # a GET changes nothing
    done = client.post(path, {"List-Unsubscribe": "One-Click"})  # RFC 8058: no cookie, no CSRF token
    assert done.status_code == 200 and b"E-mail updates stopped" in done.content
    assert not Response.objects.filter(email__iexact="speed1@example.org").exists()
    assert Response.objects.filter(answers__text=SPEEDING[2], wants_updates=False, email="").exists()
    assert client.post(path).status_code == 200  # again: nothing left to do, same page


def test_a_link_heard_did_not_make_is_not_found(client):
    assert (
        client.get(reverse("public:updates_unsubscribe", kwargs={"token": "forged:token"})).status_code == 404
    )
    gone = unsubscribe_token([999999])
    assert client.post(reverse("public:updates_unsubscribe", kwargs={"token": gone})).status_code == 200


def test_the_sending_does_nothing_for_unpublished_feedback(loop):
    assert personal_updates_send(feedback_id=loop["feedback"].pk, site_url="http://testserver/") is None


def test_each_update_is_written_in_the_language_the_person_answered_in(
    officer, loop, mailoutbox, django_capture_on_commit_callbacks
):
    Response.objects.filter(email__iexact="speed1@example.org").update(language="cy")
    Response.objects.filter(email__iexact="glass@example.org").update(language="ar")  # not spoken: English
    _publish(officer, loop["feedback"], django_capture_on_commit_callbacks)
    sent = {message.to[0].lower(): message for message in mailoutbox}
    welsh = sent["speed1@example.org"]
    assert welsh.subject == "Beth ddigwyddodd ar ôl i chi gymryd rhan: Road safety in Altrincham"
    html = welsh.alternatives[0][0]
    for body in (welsh.body, html):
        assert (
            "Fe ddywedoch chi wrthym am:" in body and "Nid yw’r e-bost hwn yn cynnwys eich atebion." in body
        )
        assert "Ar y gweill, i’w gwblhau erbyn" in body
        assert "Drivers go too fast near the school" in body  # staff's words as they wrote them
        assert "You told us about:" not in body and "does not include your answers" not in body
    assert 'lang="cy"' in html
    for address in ("speed2@example.org", "glass@example.org"):
        english = sent[address]
        assert english.subject == "What happened after you took part: Road safety in Altrincham"
        assert "This e-mail does not include your answers." in english.body
        assert "Nid yw’r e-bost" not in english.body
