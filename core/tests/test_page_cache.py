"""The shared cache of public pages (core/page_cache.py): served to visitors without cookies,
fresh after every edit, never holding anything of one visitor's."""

import re
import secrets
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from consultations.integrity import BROWSER_COOKIE, browser_token
from consultations.models import Response
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
from core import page_cache
from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory, AudienceFactory

FORM = "application/x-www-form-urlencoded"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def ward(db):
    return AreaFactory(code="E05000820", name="Ashton upon Mersey", level=AreaLevel.NEIGHBOURHOOD)


@pytest.fixture
def event(ward):
    return ActivityFactory(
        title="Street surgery on Cross Street", status=Status.OPEN, is_published=True, areas=[ward]
    )


@pytest.fixture
def questionnaire(officer, ward):
    today = timezone.localdate()
    activity = ActivityFactory(
        lead_organisation=officer.organisation,
        status=Status.OPEN,
        is_published=True,
        areas=[ward],
        consultation_kind="focused",
        response_opens=today - timedelta(days=7),
        response_closes=today + timedelta(days=21),
    )
    created = questionnaire_create(
        user=officer,
        activity=activity,
        title="Policing priorities in Ashton",
        questions=[
            QuestionInput(kind="single", text="Do you feel safe?", required=True, choices=["Yes", "No"])
        ],
    )
    return questionnaire_publish(user=officer, questionnaire=created)


def _response(questionnaire, **fields):
    return Response.objects.create(
        questionnaire=questionnaire,
        receipt_hash=secrets.token_hex(32),
        privacy_statement=questionnaire.privacy_statement,
        consented_at=timezone.now(),
        **fields,
    )


def _cookie_reader(client):
    """get_signed_cookie for a test client's cookie jar, as the view reads it."""

    def read(name, default=None, salt=""):
        request = RequestFactory().get("/")
        request.COOKIES = {name: client.cookies[name].value}
        return request.get_signed_cookie(name, default=default, salt=salt)

    return read


def test_a_visitor_without_cookies_gets_the_page_from_the_cache(client, event, django_assert_num_queries):
    first = client.get("/calendar/")
    assert first.status_code == 200 and b"Street surgery on Cross Street" in first.content
    with django_assert_num_queries(0):
        again = Client().get("/calendar/")
    assert again.status_code == 200
    assert again.content == first.content
    assert not again.cookies


def test_an_edit_shows_at_once(client, event):
    client.get(f"/events/{event.pk}/")
    event.title = "Street surgery moved to the library"
    event.save()
    page = Client().get(f"/events/{event.pk}/")
    assert b"Street surgery moved to the library" in page.content
    assert b"Cross Street" not in page.content


def test_a_change_of_areas_shows_at_once(client, event):
    other = AreaFactory(code="E05000821", name="Bowdon", level=AreaLevel.NEIGHBOURHOOD)
    before = client.get(f"/areas/{other.code}/")
    assert b"Street surgery on Cross Street" not in before.content
    event.areas.add(other)
    after = Client().get(f"/areas/{other.code}/")
    assert b"Street surgery on Cross Street" in after.content


def test_a_public_model_bumps_the_generation_and_a_private_one_does_not(event, questionnaire):
    cache.set(page_cache.GENERATION_KEY, 1, None)
    AudienceFactory()
    assert cache.get(page_cache.GENERATION_KEY) != 1
    cache.set(page_cache.GENERATION_KEY, 1, None)
    _response(questionnaire)
    assert cache.get(page_cache.GENERATION_KEY) == 1


def test_the_generation_changes_again_when_the_transaction_commits(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event.save()
    saved = cache.get(page_cache.GENERATION_KEY)
    cache.set(page_cache.GENERATION_KEY, saved, None)
    for callback in callbacks:
        callback()
    assert cache.get(page_cache.GENERATION_KEY) != saved


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_messages_gets_a_fresh_page(client, event, cookie):
    client.get("/calendar/")
    Activity.private_objects.filter(pk=event.pk).update(title="Renamed without a signal")
    visitor = Client()
    visitor.cookies[cookie] = "anything"
    assert b"Renamed without a signal" in visitor.get("/calendar/").content
    assert b"Renamed without a signal" not in Client().get("/calendar/").content  # still cached


def test_only_successful_pages_are_cached(client, db):
    assert client.get("/events/999999/").status_code == 404
    assert not [k for k in cache._cache if "public-page:" in k]  # type: ignore[attr-defined]
    assert client.get("/?postcode=WA14+1EJ").status_code in (200, 302)


def test_the_host_is_part_of_the_key(event, settings):
    settings.ALLOWED_HOSTS = ["testserver", "heard.example.org"]
    here = Client().get(f"/events/{event.pk}/")
    there = Client(HTTP_HOST="heard.example.org").get(f"/events/{event.pk}/")
    assert b"http://testserver/events/" in here.content
    assert b"http://heard.example.org/events/" in there.content


def test_the_cache_can_be_turned_off(client, event, settings):
    settings.HEARD_PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/calendar/")
    Activity.private_objects.filter(pk=event.pk).update(title="Renamed without a signal")
    assert b"Renamed without a signal" in Client().get("/calendar/").content


def test_cached_start_page_gives_each_visitor_their_own_tokens(questionnaire):
    url = reverse("consult:start", kwargs={"pk": questionnaire.pk})
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, page_two = first.get(url), second.get(url)
    assert page_one.status_code == page_two.status_code == 200
    assert page_cache.CSRF_PLACEHOLDER.encode() not in page_one.content
    token_one = CSRF_INPUT.search(page_one.content).group(1)
    token_two = CSRF_INPUT.search(page_two.content).group(1)
    assert token_one != token_two
    assert BROWSER_COOKIE not in page_one.cookies  # given at Start now, per browser
    assert page_one.cookies["csrftoken"].value != page_two.cookies["csrftoken"].value
    assert "no-store" in page_two["Cache-Control"]  # never_cache still applies to the browser
    started = second.post(url, f"csrfmiddlewaretoken={token_two.decode()}", content_type=FORM)
    assert started.status_code == 302 and BROWSER_COOKIE in started.cookies
    assert first.post(url, f"csrfmiddlewaretoken={token_two.decode()}", content_type=FORM).status_code == 403


def test_a_browser_that_has_responded_is_not_shown_the_cached_start_page(questionnaire):
    url = reverse("consult:start", kwargs={"pk": questionnaire.pk})
    Client().get(url)  # cached now
    browser = Client()
    browser.post(url, "", content_type=FORM)  # Start now: the browser gets its token
    token = browser_token(SimpleNamespace(get_signed_cookie=_cookie_reader(browser)))
    _response(questionnaire, browser_token=token)
    assert b"already" in browser.get(url).content.lower()
    assert b"Start now" in Client().get(url).content


def test_staff_pages_give_htmx_the_csrf_token(client, officer):
    client.force_login(officer)
    page = client.get(reverse("engagement:activity_list"))
    assert re.search(rb"<body[^>]*hx-headers='\{\"X-CSRFToken\": \"[^\"]+\"\}'", page.content)


def test_another_process_is_served_from_the_shared_cache(client, event, django_assert_num_queries):
    client.get("/calendar/")
    page_cache.local_pages.clear()  # as in a web process that has not served the page yet
    with django_assert_num_queries(0):
        page = Client().get("/calendar/")
    assert b"Street surgery on Cross Street" in page.content


def test_only_the_parameters_a_page_reads_are_cached(client, event, ward):
    client.get(f"/calendar/?area={ward.code}&when=upcoming")
    client.get("/calendar/?utm_source=leaflet")
    client.get(f"/events/{event.pk}/?anything=1")
    keys = [k for k in cache._cache if "public-page:" in k]  # type: ignore[attr-defined]
    assert len(keys) == 1


def test_an_edit_in_another_process_shows_within_a_second(client, event, monkeypatch):
    client.get("/calendar/")
    Activity.private_objects.filter(pk=event.pk).update(title="Renamed in another web process")
    cache.set(page_cache.GENERATION_KEY, 12345, None)  # that process's bump, seen only in the shared cache
    assert b"Renamed in another web process" not in Client().get("/calendar/").content  # read < 1 s ago
    clock = time.monotonic() + page_cache.GENERATION_CHECK_SECONDS
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock)
    assert b"Renamed in another web process" in Client().get("/calendar/").content
