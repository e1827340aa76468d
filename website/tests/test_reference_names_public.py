"""Heard's own names for methods and audiences (engagement/reference_names.py) read in the
visitor's language on the calendar and the event page; a force's own method stays as written,
marked as English."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from engagement.models import Method
from places.models import Audience

from .helpers import body, public_activity, soon


def _get(url: str, language: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return body(client.get(url))


def test_the_calendar_and_event_page_name_methods_and_audiences_in_welsh(places):
    pact = Method.objects.get(slug="pact-meeting")
    activity = public_activity(
        title="Altrincham PACT", method=pact, starts_at=soon(), areas=[places.altrincham]
    )
    activity.audiences.set([Audience.objects.get(slug="older-people")])
    calendar = _get(reverse("public:calendar"), "cy")
    assert '<option value="pact-meeting">Cyfarfod PACT</option>' in calendar
    assert '<option value="older-people">Pobl hŷn</option>' in calendar
    assert "Cyfarfod PACT" in calendar.split('class="heard-event', 1)[1]  # the list, not only the filter
    event = _get(reverse("public:event_detail", kwargs={"pk": activity.pk}), "cy")
    assert '<span class="govuk-caption-l">Cyfarfod PACT</span>' in event and "pobl hŷn" in event
    filtered = _get(reverse("public:calendar") + "?audience=older-people", "cy")
    assert "ar gyfer: pobl hŷn" in filtered
    english = _get(reverse("public:calendar"), "en-gb")
    assert '<option value="pact-meeting">PACT meeting</option>' in english


def test_a_force_s_own_method_is_shown_as_written_and_marked_english(places):
    own = Method.objects.create(
        name="Coffee with a cop", slug="coffee-with-a-cop", purpose="forums_for_debate"
    )
    activity = public_activity(
        title="Coffee morning", method=own, starts_at=soon(), areas=[places.altrincham]
    )
    event = _get(reverse("public:event_detail", kwargs={"pk": activity.pk}), "ur")
    assert '<span class="govuk-caption-l"><span dir="auto" lang="en">Coffee with a cop</span></span>' in event
