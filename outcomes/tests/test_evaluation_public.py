"""The participant evaluation form online: opening it for a set period, the public page and
its integrity rules (one per browser, honeypot, minimum fill time, rate limits, form bodies),
bad input a 4xx with nothing stored, and the form's privacy (no personal data asked)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations import integrity
from governance.models import Marking
from outcomes.evaluation_participants import (
    AlreadyAnswered,
    FormClosed,
    ParticipantAnswers,
    participant_evaluation_submit,
    participant_link_open,
)
from outcomes.models import ParticipantChannel, ParticipantEvaluation, ParticipantEvaluationLink

from .evaluation_fixtures import *  # noqa: F403
from .evaluation_fixtures import form_post

ANSWERS = {
    "satisfied": "yes",
    "listened_to": "partly",
    "understood_use": "no",
    "comments": "More notice please",
}


@pytest.fixture
def link(closed_activity, officer):
    today = timezone.localdate()
    return participant_link_open(
        user=officer,
        activity=closed_activity,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=7),
    )


@pytest.fixture
def no_wait(settings):
    settings.HEARD_MIN_FILL_SECONDS = 0


def _url(link):
    return reverse("evaluate:form", kwargs={"code": link.code})


def _opened(link):
    """A browser that has opened the form: its cookie and the page's signed start time."""
    client = Client()
    page = client.get(_url(link))
    assert page.status_code == 200
    return client, page.context["form"].initial["started"]


def _send(client, link, started, **data):
    return form_post(client, _url(link), {**ANSWERS, "started": started, **data})


def test_the_link_is_a_short_code_for_a_public_activity_open_for_a_period(closed_activity, officer, link):
    assert len(link.code) == 8 and link.code.isalnum() and link.code.isupper()
    assert link.shown_code == f"{link.code[:4]}-{link.code[4:]}"
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="on or after the day it opens"):
        participant_link_open(
            user=officer, activity=closed_activity, opens_on=today, closes_on=today - timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="day the activity starts"):
        participant_link_open(
            user=officer, activity=closed_activity, opens_on=today - timedelta(days=30), closes_on=today
        )
    closed_activity.is_published = False
    closed_activity.save()
    with pytest.raises(ValidationError, match="public website"):
        participant_link_open(user=officer, activity=closed_activity, opens_on=today, closes_on=today)
    assert ParticipantEvaluationLink.objects.get().code == link.code


def test_the_page_asks_no_personal_data_and_gives_the_browser_a_token(link):
    client = Client()
    page = client.get(_url(link))
    assert page.status_code == 200
    assert integrity.BROWSER_COOKIE in page.cookies
    body = page.content.decode()
    assert "Altrincham PACT meeting" in body and "Overall, were you satisfied with it?" in body
    for personal in ('type="email"', 'name="email"', 'name="name"', "postcode"):
        assert personal not in body
    assert page.headers["Cache-Control"].startswith("max-age=0")


def test_the_code_is_found_however_it_is_typed(link):
    client = Client()
    typed = f" {link.code[:4].lower()}-{link.code[4:]} "
    found = form_post(client, reverse("evaluate:find"), {"code": typed})
    assert found.status_code == 302 and found["Location"] == _url(link)
    assert client.get(reverse("evaluate:form", kwargs={"code": typed.strip()})).status_code == 200
    missing = form_post(client, reverse("evaluate:find"), {"code": "NOPE-NOPE"})
    assert missing.status_code == 400 and "could not find a form" in missing.content.decode()
    assert form_post(client, reverse("evaluate:find"), {"code": ""}).status_code == 400


@pytest.mark.parametrize(
    "change", [{"is_published": False}, {"marking": Marking.OFFICIAL_SENSITIVE}, {"status": "draft"}]
)
def test_a_form_of_an_activity_off_the_public_website_is_not_found(link, closed_activity, change):
    for name, value in change.items():
        setattr(closed_activity, name, value)
    closed_activity.save()
    client = Client()
    assert client.get(_url(link)).status_code == 404
    assert form_post(client, _url(link), ANSWERS).status_code == 404
    assert form_post(client, reverse("evaluate:find"), {"code": link.code}).status_code == 400
    assert not ParticipantEvaluation.objects.exists()


def test_answers_are_stored_once_per_browser(link, no_wait):
    client, started = _opened(link)
    sent = _send(client, link, started)
    assert sent.status_code == 200 and "Thank you" in sent.content.decode()
    stored = ParticipantEvaluation.objects.get()
    assert (stored.channel, stored.satisfied, stored.comments) == (
        ParticipantChannel.ONLINE,
        "yes",
        "More notice please",
    )
    assert stored.entered_by is None and stored.received_on == timezone.localdate() and stored.browser_token
    again = _send(client, link, started)
    assert again.status_code == 409 and "already told us" in again.content.decode()
    assert "already told us" in client.get(_url(link)).content.decode()
    assert ParticipantEvaluation.objects.count() == 1
    other, other_started = _opened(link)
    assert _send(other, link, other_started).status_code == 200
    assert ParticipantEvaluation.objects.count() == 2


def test_the_database_keeps_one_form_per_browser_even_in_a_race(link):
    ParticipantEvaluation.objects.create(
        activity=link.activity, channel="online", satisfied="yes", browser_token="t" * 43
    )
    with pytest.raises(AlreadyAnswered):
        participant_evaluation_submit(
            link=link, answers=ParticipantAnswers(satisfied="no"), browser_token="t" * 43
        )
    assert ParticipantEvaluation.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (
            {"satisfied": "", "listened_to": "", "understood_use": "", "comments": ""},
            400,
            "Answer at least one question",
        ),
        ({"satisfied": "delighted"}, 400, "Select a valid choice"),
        ({"comments": "x" * 2001}, 400, "at most 2000 characters"),
        ({"website": "http://spam.example"}, 400, "could not send your answers"),
        ({"started": "forged"}, 400, "quicker than we expected"),
    ],
)
def test_bad_input_is_a_4xx_and_nothing_is_stored(link, no_wait, data, status, message):
    client, started = _opened(link)
    data = dict(data)
    response = _send(client, link, data.pop("started", started), **data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not ParticipantEvaluation.objects.exists()


def test_sending_faster_than_a_person_could_is_refused(link, settings):
    settings.HEARD_MIN_FILL_SECONDS = 60
    client, started = _opened(link)
    response = _send(client, link, started)
    assert response.status_code == 400 and "quicker than we expected" in response.content.decode()
    assert not ParticipantEvaluation.objects.exists()


def test_a_browser_without_cookies_is_told_to_turn_them_on(link, no_wait):
    _, started = _opened(link)
    response = form_post(Client(), _url(link), {**ANSWERS, "started": started})
    assert response.status_code == 400 and "Turn on cookies" in response.content.decode()
    assert not ParticipantEvaluation.objects.exists()


def test_only_forms_in_utf8_are_read(link, no_wait):
    client, started = _opened(link)
    as_json = client.post(_url(link), {**ANSWERS, "started": started}, content_type="application/json")
    assert as_json.status_code == 415
    bad_bytes = client.post(
        _url(link), b"satisfied=yes&comments=%FF%FE", content_type="application/x-www-form-urlencoded"
    )
    assert bad_bytes.status_code == 400
    assert not ParticipantEvaluation.objects.exists()


def test_outside_its_days_the_form_says_so_and_takes_nothing(link, no_wait):
    client, started = _opened(link)
    link.closes_on = timezone.localdate() - timedelta(days=1)
    link.save()
    page = client.get(_url(link))
    assert page.status_code == 200 and "This form closed on" in page.content.decode()
    assert _send(client, link, started).status_code == 403
    with pytest.raises(FormClosed):
        participant_evaluation_submit(
            link=link, answers=ParticipantAnswers(satisfied="yes"), browser_token="b" * 43
        )
    assert not ParticipantEvaluation.objects.exists()


def test_too_many_forms_from_one_connection_are_refused(link, no_wait, settings):
    settings.HEARD_RATE_LIMITS = {"evaluate": (2, 600), "evaluate_code": (2, 600)}
    for _ in range(2):
        client, started = _opened(link)
        assert _send(client, link, started).status_code == 200
    client, started = _opened(link)
    refused = _send(client, link, started)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert ParticipantEvaluation.objects.count() == 2
    finder = Client()
    assert [form_post(finder, reverse("evaluate:find"), {"code": "X"}).status_code for _ in range(3)] == [
        400,
        400,
        429,
    ]


def test_the_form_and_its_errors_are_in_welsh_with_the_language_cookie(link, no_wait, settings):
    client, started = _opened(link)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get(_url(link)).content.decode()
    for welsh in (
        "Dywedwch wrthym beth oeddech chi’n ei feddwl",
        "Oeddech chi’n teimlo bod rhywun",
        "Yn rhannol",
    ):
        assert welsh in page
    for english in (
        "Tell us what you thought",
        "Did you feel listened to?",
        "Partly",
        "This form is anonymous",
    ):
        assert english not in page
    empty = {"satisfied": "", "listened_to": "", "understood_use": "", "comments": ""}
    refused = _send(client, link, started, **empty)
    assert refused.status_code == 400 and "Atebwch o leiaf un cwestiwn." in refused.content.decode()
    assert "Answer at least one question" not in refused.content.decode()
    link.closes_on = timezone.localdate() - timedelta(days=1)
    link.save()
    closed = client.get(_url(link)).content.decode()
    assert "Caeodd y ffurflen hon ar" in closed and "This form closed on" not in closed
    assert not ParticipantEvaluation.objects.exists()
