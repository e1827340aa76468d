"""Finding an event in your language or with the access you need: the calendar's GET filters
(no JavaScript needed) and the event page saying in plain English what is offered."""

import pytest
from django.urls import reverse

from .helpers import body, public_activity, soon

CALENDAR = reverse("public:calendar")


def get(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return body(response)


@pytest.fixture
def events(places):
    drop_in = public_activity(
        title="Community safety drop-in at the mosque",
        areas=[places.altrincham],
        starts_at=soon(2),
        languages=["ur", "pa", "en"],
        access_formats=["step_free"],
    )
    pact = public_activity(
        title="Altrincham residents evening",
        areas=[places.altrincham],
        starts_at=soon(3),
        languages=["en"],
        access_formats=["hearing_loop", "step_free"],
    )
    return drop_in, pact


def test_filter_by_language_and_format(client, events):
    html = get(client, CALENDAR, {"language": "ur"})
    assert "Community safety drop-in" in html and "Altrincham residents evening" not in html
    assert "1 upcoming event in Urdu" in html
    html = get(client, CALENDAR, {"access_format": "hearing_loop"})
    assert "Altrincham residents evening" in html and "Community safety drop-in" not in html
    assert "with a hearing loop" in html
    html = get(client, CALENDAR, {"access_format": "step_free", "language": "en"})
    assert "Altrincham residents evening" in html and "Community safety drop-in" in html
    html = get(client, CALENDAR, {"language": "pa", "access_format": "hearing_loop"})
    assert "0 upcoming events" in html and "clearing the filters" in html
    month = reverse("public:calendar_month", kwargs={"year": soon(3).year, "month": soon(3).month})
    assert "Community safety drop-in" not in get(client, month, {"access_format": "hearing_loop"})


def test_unknown_values_are_explained_not_errors(client, events):
    html = get(client, CALENDAR, {"language": "klingon", "access_format": "<b>"})
    assert "Choose a language from the list" in html and "Choose a format from the list" in html
    assert "Altrincham residents evening" in html  # the other filters (none) still apply


def test_event_page_says_what_is_offered(client, events):
    drop_in, pact = events
    html = get(client, reverse("public:event_detail", kwargs={"pk": drop_in.pk}))
    assert 'Urdu (<span lang="ur" dir="auto">اردو</span>)' in html
    assert "You can take part in: Urdu" in html and "Punjabi" in html
    assert "<li>Step-free access</li>" in html
    html = get(client, reverse("public:event_detail", kwargs={"pk": pact.pk}))
    assert "<li>Hearing loop</li>" in html and "No accessibility information" not in html
