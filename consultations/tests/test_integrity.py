"""Integrity without CAPTCHAs: the browser token (and the database constraint behind it), the
honeypot, the minimum fill time and rate limits per client."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse

from consultations import integrity
from consultations.answers import clean_answers
from consultations.integrity import BROWSER_COOKIE
from consultations.models import Response
from consultations.services import AlreadyResponded, response_submit
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS, FormClient, Respondent

WITHDRAW = "/consultations/withdraw/"


@pytest.fixture
def ready(respondent):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    respondent.client.post(respondent.url("equality"), {"skip": "1"})
    return respondent


# --- honeypot -----------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(ready):
    html = ready.client.get(ready.url("send")).content.decode()
    start = html.index('<div class="govuk-visually-hidden" aria-hidden="true">')
    block = html[start : html.index("</div>", start)]
    assert 'name="website"' in block and 'tabindex="-1"' in block and 'autocomplete="off"' in block


def test_a_filled_honeypot_stores_nothing(ready):
    sent = ready.send(website="http://spam.example")
    assert sent.status_code == 400
    assert b"We could not send your response" in sent.content
    assert b'value="http://spam.example"' not in sent.content  # not echoed back
    assert Response.objects.count() == 0
    assert (
        integrity.honeypot_tripped("  x ")
        and not integrity.honeypot_tripped("  ")
        and not integrity.honeypot_tripped(None)
    )


# --- minimum fill time -------------------------------------------------------------------


def test_sending_faster_than_the_minimum_fill_time_is_refused(ready, settings):
    settings.HEARD_MIN_FILL_SECONDS = 3
    sent = ready.send()
    assert sent.status_code == 400 and b"quicker than we expected" in sent.content
    assert Response.objects.count() == 0
    # A person who really took their time (here: the start moved back) gets through.
    session = ready.client.session
    key = f"heard.consult.{ready.questionnaire.pk}"
    progress = session[key]
    progress["started"] = time.time() - 4
    session[key] = progress
    session.save()
    assert ready.send().status_code == 200 and Response.objects.count() == 1


def test_filled_too_fast(settings):
    settings.HEARD_MIN_FILL_SECONDS = 3
    assert integrity.filled_too_fast(100.0, now=102.9)
    assert not integrity.filled_too_fast(100.0, now=103.0)
    assert integrity.filled_too_fast(None)
    settings.HEARD_MIN_FILL_SECONDS = 0
    assert not integrity.filled_too_fast(100.0, now=100.0)


# --- the browser token -------------------------------------------------------------------


def test_a_tampered_browser_cookie_is_replaced_on_start_now(respondent):
    client = respondent.client
    client.cookies[BROWSER_COOKIE] = "forged-token-" + "a" * 40
    page = respondent.start()
    assert BROWSER_COOKIE in page.cookies and respondent.token is not None


def test_sending_without_a_valid_browser_cookie_is_refused(ready):
    digest = ready.client.get(ready.url("send")).context["form"]["digest"].value()
    ready.client.cookies[BROWSER_COOKIE] = "tampered"
    sent = ready.client.post(ready.url("send"), {"digest": digest})
    assert sent.status_code == 400 and b"Turn on cookies" in sent.content
    assert Response.objects.count() == 0


def test_browser_token_reads_only_signed_well_formed_values():
    request = HttpRequest()
    assert integrity.browser_token(request) is None
    request.COOKIES[BROWSER_COOKIE] = integrity.new_browser_token()  # unsigned
    assert integrity.browser_token(request) is None
    token = integrity.new_browser_token()
    assert len(token) == 43


# --- rate limits -------------------------------------------------------------------------


def test_withdraw_attempts_are_rate_limited_per_client(db, settings):
    settings.HEARD_RATE_LIMITS = {"withdraw": (3, 600)}
    client = FormClient()
    for _ in range(3):
        assert client.post(WITHDRAW, {"receipt_code": "ABCD-EFGH-JKLM"}).status_code == 400
    limited = client.post(WITHDRAW, {"receipt_code": "ABCD-EFGH-JKLM"})
    assert limited.status_code == 429
    assert b"Too many forms" in limited.content and 0 < int(limited["Retry-After"]) <= 600
    # Another address has its own allowance.
    other = FormClient(REMOTE_ADDR="192.0.2.77")
    assert other.post(WITHDRAW, {"receipt_code": "ABCD-EFGH-JKLM"}).status_code == 400
    # Looking at the page is not limited.
    assert client.get(WITHDRAW).status_code == 200


def test_sending_is_rate_limited_and_nothing_is_stored(ready, settings):
    settings.HEARD_RATE_LIMITS = {"submit": (2, 600)}
    for _ in range(2):
        assert ready.client.post(ready.url("send"), {"digest": "wrong"}).status_code == 400
    limited = ready.client.post(ready.url("send"), {"digest": "wrong"})
    assert limited.status_code == 429 and Response.objects.count() == 0


def test_answer_pages_are_rate_limited(respondent, settings):
    settings.HEARD_RATE_LIMITS = {"respond": (3, 600)}
    respondent.start()  # 1
    assert respondent.answer(1, "Yes").status_code == 302  # 2
    assert respondent.answer(3, []).status_code == 302  # 3
    assert respondent.answer(4, None).status_code == 429
    assert respondent.client.get(respondent.question_url(4)).status_code == 200


def test_fixed_window_counter(db):
    hit = integrity.rate_limit_hit
    results = [hit("t", "k", limit=2, window=60, now=1_000_000.0 + i) for i in range(3)]
    assert [r.allowed for r in results] == [True, True, False]
    assert results[2].retry_after == 60 - (1_000_002 % 60)
    assert hit("t", "k", limit=2, window=60, now=1_000_000.0 + 60).allowed  # the next window
    assert hit("t", "other", limit=2, window=60, now=1_000_002.0).allowed


def test_a_broken_cache_lets_people_through(db):
    broken = mock.Mock()
    broken.add.side_effect = ConnectionError("redis is down")
    with mock.patch.object(integrity, "caches", {"default": broken}):
        assert integrity.rate_limit_hit("t", "k", limit=1, window=60).allowed


def test_client_address_and_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert integrity.client_ip(request) == "10.0.0.1"  # forwarded headers are not trusted by default
    settings.HEARD_TRUSTED_PROXY_COUNT = 1
    assert integrity.client_ip(request) == "203.0.113.9"  # what our proxy saw, not what the client claims
    settings.HEARD_TRUSTED_PROXY_COUNT = 3
    assert integrity.client_ip(request) == "10.0.0.1"  # fewer hops than proxies: fall back
    assert integrity.client_key("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert integrity.client_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert integrity.client_key("192.0.2.1") == "192.0.2.1"
    assert integrity.client_key("nonsense") == "nonsense"


# --- form bodies --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/x-www-form-urlencoded", b"a=1&b=%C3%A9", None),
        ("application/x-www-form-urlencoded", b"a=%FF", 400),
        ("application/x-www-form-urlencoded", b"%FF=1", 400),
        ("application/x-www-form-urlencoded", b"a=\xc3", 400),
        ("application/json", b"{}", 415),
        ("multipart/form-data; boundary=x", b"--x--", 415),
    ],
)
def test_form_body_problem(content_type, body, status):
    request = RequestFactory().post("/", body, content_type=content_type)
    problem = integrity.form_body_problem(request)
    assert (problem.status if problem else None) == status


# --- one response per browser, on PostgreSQL under contention ---------------------------


def _race(n, attempt):
    barrier = threading.Barrier(n)
    outcomes = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait()
            outcome = attempt()
        except Exception as error:  # recorded, judged by the test
            outcome = error
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_submissions_with_one_token_store_exactly_one(reference_rows, consultation):
    questions = list(consultation.questions.prefetch_related("choices"))
    yes = str(questions[0].choices.get(label="Yes").pk)
    cleaned = clean_answers(consultation, {questions[0].pk: [yes]})
    token = integrity.new_browser_token()

    def submit():
        return response_submit(questionnaire=consultation, cleaned=cleaned, browser_token=token)

    outcomes = _race(50, submit)
    stored = [o for o in outcomes if isinstance(o, tuple)]
    refused = [o for o in outcomes if isinstance(o, AlreadyResponded)]
    assert len(outcomes) == 50
    assert len(stored) == 1 and len(refused) == 49, [type(o) for o in outcomes if not isinstance(o, tuple)]
    assert Response.objects.filter(questionnaire=consultation).count() == 1
    assert Response.objects.get().browser_token == token


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_sends_from_one_browser_through_the_pages(reference_rows, consultation, settings):
    """The same, end to end: ten windows of one browser press "Send" at once."""
    settings.HEARD_RATE_LIMITS = {"respond": (10_000, 600), "submit": (10_000, 600)}
    first = Respondent(FormClient(), consultation)
    first.start()
    cookie = first.client.cookies[BROWSER_COOKIE].value
    windows = []
    for _ in range(10):
        window = Respondent(FormClient(), consultation)
        window.client.cookies[BROWSER_COOKIE] = cookie
        window.client.post(window.url("start"))
        window.answer_all({1: "Yes", 3: [], 4: None, 5: [], 6: ""})
        window.client.post(window.url("equality"), {"skip": "1"})
        digest = window.client.get(window.url("send")).context["form"]["digest"].value()
        windows.append((window, digest))
    pending = list(windows)

    def send():
        window, digest = pending.pop()
        return window.client.post(reverse("consult:send", kwargs={"pk": consultation.pk}), {"digest": digest})

    outcomes = _race(10, send)
    statuses = sorted(o.status_code for o in outcomes)
    assert statuses == [200] + [409] * 9, statuses
    assert Response.objects.count() == 1
