"""Answering a consultation in Welsh and in Urdu (issue 12): with the language cookie set, every
page of the journey, its error messages, the receipt, the withdrawal pages and the e-mail are in
the visitor's language. Only the questionnaire's own words (written by staff) stay as written."""

import re

import pytest
from django.conf import settings

from consultations.emails import confirmation_message
from consultations.models import Response
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS, FormClient, Respondent

# Heard's own English words on these pages: none may be left once the page is in Welsh.
ENGLISH = [
    "Have your say",
    "Withdraw a response",
    "Start now",
    "Before you start",
    "How we use your answers",
    "There is a problem",
    "Select an answer",
    "Continue",
    "priority",
    "Check your answers",
    "Not answered",
    "Questions about you",
    "Prefer not to say<",
    "What is your age?",
    "Skip these questions",
    "Send response",
    "Would you like us to e-mail you?",
    "Response sent",
    "Your receipt code is",
    "Write down your receipt code",
    "What happens next",
    "Withdraw your response",
    "Enter your receipt code",
    "You cannot undo this.",
    "Your response has been withdrawn",
    "Go to the Heard home page",
]


def _page(response, status=200):
    assert response.status_code == status, (response.status_code, response.get("Location"))
    html = response.content.decode()
    left = [words for words in ENGLISH if words in html]
    assert not left, f"English left on the page: {left}"
    return html


@pytest.fixture
def in_welsh(consultation):
    respondent = Respondent(FormClient(), consultation)
    respondent.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return respondent


def test_a_welsh_speaker_answers_and_withdraws_in_welsh(in_welsh):
    you = in_welsh
    start = _page(you.client.get(you.url("start")))
    assert 'lang="cy"' in start and "Dechrau nawr" in start and "Cyn i chi ddechrau" in start
    assert "Policing priorities in Ashton" in start  # staff's words stay as written
    you.client.post(you.url("start"))

    wrong = _page(you.client.post(you.question_url(1), you.form_data(1, None)), status=400)
    assert "Mae problem" in wrong and "Dewiswch ateb" in wrong

    you.answer_all({n: a for n, a in FULL_ANSWERS.items() if n < 5})
    ranking = _page(you.client.get(you.question_url(5)))
    assert "Blaenoriaeth rhif 1" in ranking and "Dewiswch opsiwn" in ranking
    you.answer_all({n: a for n, a in FULL_ANSWERS.items() if n >= 5})

    check = _page(you.client.get(you.url("check")))
    assert "Gwirio’ch atebion" in check and "Newid" in check
    equality = _page(you.client.get(you.url("equality")))
    assert "Beth yw eich oedran? (dewisol)" in equality and "Mae’n well gennyf beidio â dweud" in equality
    assert 'value="Prefer not to say"' in equality  # what is stored stays the Census category
    you.client.post(you.url("equality"), {"age_band": "25-34"})

    send = _page(you.client.get(you.url("send")))
    assert "Anfon ymateb" in send and "Rydych chi wedi ateb 6 cwestiwn." in send
    receipt = _page(you.send(updates="on", email="preswylydd@example.org"))
    assert "Ymateb wedi’i anfon" in receipt and "Eich cod derbynneb yw" in receipt
    code = re.search(r'id="receipt-code">([^<]+)<', receipt)[1]

    response = Response.objects.get()
    assert response.language == "cy"
    email = confirmation_message(response, site_url="http://testserver/")
    assert email.subject == "Cawsom eich ymateb: Policing priorities in Ashton"
    assert "Diolch am eich ymateb" in email.body and "Thank you" not in email.body

    assert "Tynnu’ch ymateb yn ôl" in _page(you.client.get("/consultations/withdraw/"))
    unknown = _page(you.client.post("/consultations/withdraw/", {"receipt_code": "ABCD"}), status=400)
    assert "Rhowch eich cod derbynneb yn union fel y cafodd ei ddangos" in unknown
    done = _page(you.client.post("/consultations/withdraw/", {"receipt_code": code}))
    assert "Mae eich ymateb wedi’i dynnu’n ôl" in done
    assert not Response.objects.exists()


def test_the_journey_reads_right_to_left_in_urdu(consultation):
    you = Respondent(FormClient(), consultation)
    you.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    start = you.client.get(you.url("start")).content.decode()
    assert re.search(r'<html[^>]*lang="ur"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ur"', start)
    assert "ابھی شروع کریں" in start and "Start now" not in start
    you.client.post(you.url("start"))
    wrong = you.client.post(you.question_url(1), you.form_data(1, None)).content.decode()
    assert 'dir="rtl"' in wrong and "ایک جواب منتخب کریں" in wrong and "Select an answer" not in wrong


def test_the_shared_form_words_are_in_welsh_on_the_send_page(in_welsh):
    you = in_welsh
    you.client.post(you.url("start"))
    you.answer_all(FULL_ANSWERS)
    send = you.client.get(you.url("send")).content.decode()
    assert "Cyfeiriad e-bost (dewisol)</label>" in send
    assert "(optional)" not in send


def test_staff_words_keep_their_direction_on_an_urdu_question_page(consultation):
    you = Respondent(FormClient(), consultation)
    you.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    you.client.post(you.url("start"))
    page = you.client.get(you.question_url(1)).content.decode()
    assert '<span dir="auto" lang="en">Do you feel safe after dark?</span>' in page
