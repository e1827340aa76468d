"""The public pages in the visitor's language (README "Languages"): the calendar, an event page,
an area page and the error pages in Welsh with the language cookie, the words Heard writes
translated and the English originals gone; Urdu right to left; dates and plurals following the
language. Activity titles and descriptions staff write stay as written."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from .helpers import body, public_activity, soon

COOKIE = settings.LANGUAGE_COOKIE_NAME
CALENDAR = reverse("public:calendar")


def page(client, url, language, params=None, status=200) -> str:
    client.cookies[COOKIE] = language
    response = client.get(url, params or {})
    assert response.status_code == status
    return body(response)


def assert_translated(html: str, present: list[str], absent: list[str]) -> None:
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


@pytest.fixture
def drop_in(places):
    return public_activity(
        title="Community safety drop-in at the mosque",
        areas=[places.altrincham],
        starts_at=soon(4),
        languages=["en", "ur"],
        access_formats=["hearing_loop", "step_free"],
    )


def test_the_calendar_in_welsh(client, drop_in, places):
    public_activity(title="Bowdon street briefing", areas=[places.bowdon], starts_at=soon(5))
    html = page(client, CALENDAR, "cy", {"language": "ur", "access_format": "hearing_loop"})
    assert_translated(
        html,
        [
            "Calendr ymgysylltu",
            "1 digwyddiad i ddod yn Wrdw gyda dolen sain",
            "Hidlo digwyddiadau",
            "Fformatau a mynediad",
            "Wrdw (اردو)",  # the filter's choice: its name in Welsh and in Urdu
            "Defnyddio’r hidlwyr",
            "Dydd ",  # the day headings: Welsh weekdays
        ],
        ["Engagement calendar", "upcoming event", "with a hearing loop", "Filter events", "Apply filters"],
    )
    assert "Community safety drop-in at the mosque" in html  # staff's words stay as written
    assert "Bowdon street briefing" not in html


def test_plurals_and_dates_follow_the_language(client, drop_in, places):
    public_activity(title="Second drop-in", areas=[places.bowdon], starts_at=soon(5))
    polish = page(client, CALENDAR, "pl")
    assert "2 nadchodzące wydarzenia" in polish
    with translation.override("pl"):
        day = formats.date_format(soon(4), "j E Y")  # "10 grudnia 2026": the genitive month
    assert day in polish
    welsh = page(client, reverse("public:event_detail", kwargs={"pk": drop_in.pk}), "cy")
    with translation.override("cy"):
        assert formats.date_format(soon(4), "l j F Y") in welsh  # "Dydd Iau 10 Rhagfyr 2026"


def test_an_event_page_in_welsh(client, drop_in):
    html = page(client, reverse("public:event_detail", kwargs={"pk": drop_in.pk}), "cy")
    assert_translated(
        html,
        [
            "Ble a phryd",
            "Mae’r digwyddiad hwn yn cynnig:",
            "<li>Dolen sain</li>",
            "<li>Mynediad heb risiau</li>",
            'Gallwch gymryd rhan yn: Saesneg, Wrdw (<span lang="ur" dir="auto">اردو</span>).',
            "Pwy i gysylltu â nhw",
        ],
        ["Where and when", "This event offers", "Hearing loop", "You can take part in", "Who to contact"],
    )


def test_an_area_page_in_welsh(client, drop_in, places):
    html = page(client, reverse("public:area_detail", kwargs={"code": places.altrincham.code}), "cy")
    assert_translated(
        html,
        [
            "Cymdogaeth yn Trafford",
            "Ymgysylltu sydd i ddod yn Altrincham",
            "Ar draws Trafford a Greater Manchester Police",
            "Blaenoriaethau lleol",
            "Dywedoch chi, gwnaethom ni",
            "Ychwanegu’r digwyddiadau hyn at eich calendr",
        ],
        ["Upcoming engagement", "Local priorities", "You said, we did", "Add these events"],
    )


def test_the_404_page_in_welsh(client, db):
    html = page(client, "/no-such-page/", "cy", status=404)
    assert_translated(
        html,
        ["Heb ddod o hyd i’r dudalen", "Mynd i hafan Heard"],
        ["Page not found", "If you typed the web address", "Go to the Heard home page"],
    )


@pytest.mark.parametrize("url", [CALENDAR, "/no-such-page/"])
def test_urdu_pages_are_right_to_left(client, db, url):
    html = page(client, url, "ur", status=404 if "no-such" in url else 200)
    assert '<html lang="ur" dir="rtl"' in html
    assert ("شمولیت کا کیلنڈر" if url == CALENDAR else "صفحہ نہیں ملا") in html


def test_the_server_error_page_follows_the_language():
    """500.html is rendered without a request, in the language of the request that failed."""
    with translation.override("ur"):
        html = render_to_string("500.html")
    assert '<html lang="ur" dir="rtl"' in html and "معذرت، سروس میں ایک مسئلہ ہے" in html
    with translation.override("en-gb"):
        assert '<html lang="en-GB" class="govuk-template">' in render_to_string("500.html")
