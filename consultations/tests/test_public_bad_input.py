"""Bad input to the public pages: always a 4xx with a clear message, never a 500, and nothing
stored (issue 3: unknown choice ids, oversize text, invalid UTF-8, missing CSRF, wrong
content type, tampered hidden fields, ids out of range)."""

import json
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from consultations.models import Response
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS, Respondent

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def answering(respondent):
    """A respondent who pressed "Start now"."""
    respondent.start()
    return respondent


@pytest.fixture
def ready(respondent):
    """A respondent at the send page with every answer given."""
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    respondent.client.post(respondent.url("equality"), {"sex": "Female"})
    return respondent


def _nothing_stored():
    assert Response.objects.count() == 0


def _question_pk(respondent, number):
    return respondent.questions[number - 1].pk


def test_unknown_choice_ids(answering):
    for value in ("999999", "not-a-number", "-1", "1" * 40):
        page = answering.client.post(
            answering.question_url(1), {"question": _question_pk(answering, 1), "answer": value}
        )
        assert page.status_code == 400, value
        assert b"Choose from the options given." in page.content
    # A choice of another question is unknown here too.
    other = answering.questions[2].choices.first().pk
    page = answering.client.post(
        answering.question_url(1), {"question": _question_pk(answering, 1), "answer": other}
    )
    assert page.status_code == 400
    # Two answers to a one-answer question.
    yes, no = (str(c.pk) for c in answering.questions[0].choices.all()[:2])
    page = answering.client.post(
        answering.question_url(1), {"question": _question_pk(answering, 1), "answer": [yes, no]}
    )
    assert page.status_code == 400 and b"Choose one option." in page.content
    _nothing_stored()


def test_oversize_and_doubled_text(answering):
    answering.answer(1, "No")
    page = answering.answer(2, "x" * 201)
    assert page.status_code == 400
    assert b"Your answer must be 200 characters or fewer (it is 201)." in page.content
    doubled = answering.client.post(
        answering.question_url(2), {"question": _question_pk(answering, 2), "answer": ["a", "b"]}
    )
    assert doubled.status_code == 400 and b"Give one answer." in doubled.content
    # Control characters are dropped, not stored.
    assert answering.answer(2, "ok\x00\x07 then").status_code == 302
    _nothing_stored()


def test_invalid_utf8_in_the_body(ready):
    for url in (ready.question_url(1), ready.url("send"), reverse("consult:withdraw")):
        page = ready.client.post(url, b"question=1&answer=%FF%FE%80", content_type=FORM)
        assert page.status_code == 400, url
        assert b"characters we cannot read" in page.content
        raw = ready.client.post(url, b"answer=\xff\xfe", content_type=FORM)
        assert raw.status_code == 400, url
    _nothing_stored()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", json.dumps({"answer": "1"})),
        ("text/plain", "answer=1"),
        ("application/xml", "<answer>1</answer>"),
        ("application/x-www-form-urlencoded; charset=latin-1", "answer=1"),
    ],
)
def test_wrong_content_type(ready, content_type, body):
    for url in (ready.url("start"), ready.question_url(1), ready.url("send"), reverse("consult:withdraw")):
        page = ready.client.post(url, body, content_type=content_type)
        assert page.status_code == 415, (url, page.status_code)
        assert b"only accepts answers sent from its form" in page.content or b"cannot read" in page.content
    _nothing_stored()


def test_multipart_is_refused(ready):
    page = Client.post(ready.client, ready.url("send"), {"digest": "x"})  # the test client's multipart
    assert page.status_code == 415
    _nothing_stored()


def test_missing_csrf_token(consultation):
    client = Client(enforce_csrf_checks=True)
    respondent = Respondent(client, consultation)
    client.get(respondent.url("start"))
    for url in (
        respondent.url("start"),
        respondent.question_url(1),
        respondent.url("send"),
        reverse("consult:withdraw"),
    ):
        assert client.post(url, {"answer": "1"}).status_code == 403
    with override_settings(CSRF_FAILURE_VIEW="consultations.public_views.csrf_failure"):
        page = client.post(respondent.url("send"), {"answer": "1"})
    assert page.status_code == 403
    assert (
        b"Your form could not be sent" in page.content and b"nothing has been sent or saved" in page.content
    )
    _nothing_stored()


def test_with_the_csrf_token_the_same_client_gets_through(consultation):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("consult:start", kwargs={"pk": consultation.pk}))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1).decode()
    started = client.post(
        reverse("consult:start", kwargs={"pk": consultation.pk}),
        f"csrfmiddlewaretoken={token}",
        content_type=FORM,
    )
    assert started.status_code == 302


def test_tampered_hidden_question_field(answering):
    data = answering.form_data(1, "Yes")
    for tampered in ("", "999999", str(_question_pk(answering, 2)), "1; DROP TABLE"):
        page = answering.client.post(answering.question_url(1), {**data, "question": tampered})
        assert page.status_code == 400 and b"This page was out of date" in page.content
    _nothing_stored()


def test_tampered_send_digest(ready):
    page = ready.client.get(ready.url("send"))
    digest = page.context["form"]["digest"].value()
    for tampered in ("", "garbage", digest[:-2] + "xx", digest + "0"):
        sent = ready.client.post(ready.url("send"), {"digest": tampered})
        assert sent.status_code == 400, tampered
        assert b"Your answers changed since this page was opened" in sent.content
    _nothing_stored()


def test_answers_changed_in_another_window_after_the_send_page_opened(ready):
    digest = ready.client.get(ready.url("send")).context["form"]["digest"].value()
    ready.answer(4, "Disagree")
    sent = ready.client.post(ready.url("send"), {"digest": digest})
    assert sent.status_code == 400
    # The page shows the fresh digest: sending again works.
    again = ready.client.post(ready.url("send"), {"digest": sent.context["form"]["digest"].value()})
    assert again.status_code == 200 and Response.objects.count() == 1


def test_ids_out_of_range(answering, consultation):
    for number in (0, 7, 99, 99999999999999999999):
        url = reverse("consult:question", kwargs={"pk": consultation.pk, "number": number})
        assert answering.client.get(url).status_code == 404, number
        assert answering.client.post(url, {"answer": "1"}).status_code == 404, number
    for pk in (0, 99999, 99999999999999999999):
        assert answering.client.get(reverse("consult:start", kwargs={"pk": pk})).status_code == 404
    assert answering.client.get("/consultations/-1/").status_code == 404
    assert answering.client.get("/consultations/abc/questions/1/").status_code == 404
    _nothing_stored()


def test_wrong_methods(answering):
    for url in (
        answering.url("start"),
        answering.question_url(1),
        answering.url("send"),
        reverse("consult:withdraw"),
    ):
        assert answering.client.put(url, "x", content_type=FORM).status_code == 405
        assert answering.client.delete(url).status_code == 405
        assert answering.client.head(url).status_code in (200, 302)
    _nothing_stored()


def test_bad_email_address(ready):
    page = ready.client.get(ready.url("send"))
    digest = page.context["form"]["digest"].value()
    for email in ("", "not-an-address", "a@b@c", "x" * 250 + "@example.org"):
        sent = ready.client.post(ready.url("send"), {"digest": digest, "updates": "on", "email": email})
        assert sent.status_code == 400, email
        assert b"e-mail address" in sent.content and b"<title>Error: " in sent.content
    _nothing_stored()


def test_sending_with_unanswered_required_questions(respondent):
    """Jumping straight to "Send" with a required question never answered."""
    respondent.start()
    respondent.answer_all({1: "Yes", 3: [], 4: None, 5: [], 6: ""})
    session = respondent.client.session
    key = f"heard.consult.{respondent.questionnaire.pk}"
    progress = session[key]
    progress["answers"][str(respondent.questions[0].pk)] = []
    session[key] = progress
    session.save()
    page = respondent.client.get(respondent.url("send"))
    assert page.status_code == 302 and page["Location"] == respondent.url("check")
    check = respondent.client.get(respondent.url("check"))
    assert b"Select an answer" in check.content and b"<title>Error: " in check.content
    sent = respondent.client.post(respondent.url("send"), {"digest": "x"})
    assert sent.status_code == 400
    _nothing_stored()


def test_garbage_in_the_session_is_ignored(respondent):
    respondent.start()
    session = respondent.client.session
    key = f"heard.consult.{respondent.questionnaire.pk}"
    session[key] = {"consent": {"statement": 1}, "answers": {"1": "not a list", "x": [1]}, "equality": []}
    session.save()
    assert respondent.client.get(respondent.question_url(1)).status_code == 200
    session[key] = "nonsense"
    session.save()
    assert respondent.client.get(respondent.question_url(1)).status_code == 302
    _nothing_stored()


def test_oversize_body_is_a_400(answering, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    page = answering.answer(1, "x" * 20_000)
    assert page.status_code == 400
    _nothing_stored()


ODD = ["\x00", "\x01\x1b[31m\x7f", "a\r\nb", "\u202e", "²", "٣", "9" * 5000, "x" * 20_000]


@pytest.mark.parametrize("odd", ODD, ids=range(len(ODD)))
def test_odd_values_in_every_form_are_refused_not_a_500(answering, odd):
    """Control characters, digits that are not ASCII, enormous ids and very long text in each
    field of each page: a 4xx or the next page, never a server error, and nothing stored."""
    answering.client.raise_request_exception = True
    for number, question in enumerate(answering.questions, start=1):
        for data in (
            {"question": str(question.pk), "answer": odd},
            {"question": odd, "answer": odd},
            {"question": str(question.pk), **{f"rank_{i}": odd for i in range(1, 5)}},
        ):
            page = answering.client.post(answering.question_url(number) + "?change=" + odd[:40], data)
            assert page.status_code in (302, 400, 404), (number, page.status_code)
    answering.client.post(answering.question_url(1), answering.form_data(1, "Yes"))
    page = answering.client.post(answering.url("equality"), dict.fromkeys(("sex", "religion"), odd))
    assert page.status_code in (302, 400)
    for data in ({"digest": odd, "updates": "on", "email": odd}, {"digest": odd, "website": odd}):
        assert answering.client.post(answering.url("send"), data).status_code in (302, 400)
    _nothing_stored()


def test_a_nul_in_the_email_address_is_our_message_not_djangos(ready):
    page = ready.client.get(ready.url("send"))
    digest = page.context["form"]["digest"].value()
    sent = ready.client.post(
        ready.url("send"), {"digest": digest, "updates": "on", "email": "a\x00@example.org"}
    )
    assert sent.status_code == 400
    assert b"Enter an e-mail address in the correct format" in sent.content
    assert b"Null characters" not in sent.content
    _nothing_stored()
