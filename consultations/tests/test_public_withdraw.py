"""Withdrawing a response with its receipt code: one page, one form."""

import pytest
from django.urls import reverse

from consultations.models import Answer, EqualityRecord, Response
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS, FormClient
from governance.models import AuditAction, AuditEvent

URL = "/consultations/withdraw/"


@pytest.fixture
def receipt(respondent):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    moved = respondent.client.post(respondent.url("equality"), {"age_band": "35-44", "sex": "Female"})
    assert moved.status_code == 302
    sent = respondent.send(updates="on", email="resident@example.org")
    assert sent.status_code == 200
    return sent.context["receipt_code"]


def test_the_withdraw_page(db):
    assert reverse("consult:withdraw") == URL
    page = FormClient().get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Withdraw your response" in html and 'name="receipt_code"' in html
    assert 'autocomplete="off"' in html and "You cannot undo this." in html


def test_withdrawing_deletes_the_response_and_everything_from_it(receipt):
    assert Response.objects.count() == 1 and EqualityRecord.objects.count() == 1
    response_id = Response.objects.get().pk
    page = FormClient().post(URL, {"receipt_code": receipt})  # any browser, one form
    assert page.status_code == 200
    assert b"Your response has been withdrawn" in page.content
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not EqualityRecord.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.WITHDRAW)
    assert event.object_id == str(response_id)
    assert "alley" not in str(event.changes) and "resident@example.org" not in str(event.__dict__)
    # Nothing about the response is shown back.
    assert b"Policing priorities" not in page.content


def test_the_code_is_forgiving_about_case_spaces_and_dashes(receipt):
    typed = " " + receipt.lower().replace("-", " ") + " "
    page = FormClient().post(URL, {"receipt_code": typed})
    assert page.status_code == 200 and not Response.objects.exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", b"Enter your receipt code"),
        ("ABCD", b"exactly as it was shown"),
        ("ABCD-EFGH-JKLM-NPQR", b"exactly as it was shown"),
        ("X" * 500, b"exactly as it was shown"),
        ("ABCD-EFGH-JKLM", b"We could not find a response with that receipt code"),
        ("ABCD-\x00EFGH-JKLM", b"exactly as it was shown"),
        ("\x01\x1b[31m\u202e", b"exactly as it was shown"),
        ("ÀBCD-ÉFGH-JKLM", b"exactly as it was shown"),
    ],
)
def test_unknown_or_malformed_codes(receipt, code, message):
    page = FormClient().post(URL, {"receipt_code": code})
    assert page.status_code == 400
    html = page.content
    assert b"Null characters" not in html  # Django's own wording, not ours
    assert message in html and b"<title>Error: " in html and b"govuk-error-summary" in html
    assert b'href="#id_receipt_code"' in html
    assert Response.objects.count() == 1


def test_withdrawing_twice_says_not_found(receipt):
    client = FormClient()
    assert client.post(URL, {"receipt_code": receipt}).status_code == 200
    again = client.post(URL, {"receipt_code": receipt})
    assert again.status_code == 400 and b"could not find" in again.content


def test_the_confirmation_and_every_consultation_page_link_to_withdraw(respondent):
    respondent.start()
    for url in (respondent.url("start"), respondent.question_url(1)):
        assert URL.encode() in respondent.client.get(url).content
