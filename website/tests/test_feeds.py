"""iCalendar feeds (RFC 5545), parsed with the `icalendar` library."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Status

from .helpers import london, public_activity, soon

LONDON = ZoneInfo("Europe/London")


def feed(client, url: str) -> tuple[icalendar.Calendar, bytes]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content), response.content


def by_summary(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def summer(places):
    year = timezone.now().year + 1
    return public_activity(
        title="Summer PACT",
        summary="Agree priorities.",
        areas=[places.altrincham],
        starts_at=london(year, 7, 1, 18, 30),
        ends_at=london(year, 7, 1, 20, 0),
        venue="Altrincham Library",
        accessibility="Step-free access",
        contact_name="PC Sam Okafor",
        contact_email="sam@example.org",
    )


@pytest.fixture
def winter(places):
    year = timezone.now().year + 1
    return public_activity(
        title="Winter briefing", areas=[places.bowdon], starts_at=london(year, 1, 20, 11, 0), venue=""
    )


def test_force_feed_is_rfc5545_with_london_times(client, summer, winter):
    cal, raw = feed(client, reverse("public:calendar_feed"))
    assert cal["VERSION"] == "2.0" and "Heard" in str(cal["PRODID"])
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/London"
    year = summer.starts_at.year
    assert f"DTSTART;TZID=Europe/London:{year}0701T183000".encode() in raw
    assert f"DTEND;TZID=Europe/London:{year}0701T200000".encode() in raw
    assert f"DTSTART;TZID=Europe/London:{year}0120T110000".encode() in raw
    assert b"\r\n" in raw  # CRLF line endings
    events = by_summary(cal)
    assert set(events) == {"Summer PACT", "Winter briefing"}

    event = events["Summer PACT"]
    assert event.start == summer.starts_at and event.end == summer.ends_at  # round trip
    assert str(event.start.tzinfo) == "Europe/London"
    assert event.start.utcoffset() == timedelta(hours=1)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert str(event["UID"]) == f"activity-{summer.pk}@testserver"
    assert str(event["URL"]) == f"http://testserver/events/{summer.pk}/"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert str(event["LOCATION"]) == "Altrincham Library"
    assert str(event["STATUS"]) == "CONFIRMED"
    description = str(event["DESCRIPTION"])
    assert "Agree priorities." in description and "Step-free access" in description
    assert "PC Sam Okafor" in description and f"http://testserver/events/{summer.pk}/" in description
    assert str(event["ORGANIZER"]) == "mailto:sam@example.org"
    assert event["ORGANIZER"].params["CN"] == "PC Sam Okafor"

    winter_event = events["Winter briefing"]
    assert winter_event.start == winter.starts_at and winter_event.start.utcoffset() == timedelta(0)
    assert winter_event.end == winter.starts_at + timedelta(hours=1)  # default when no end
    assert str(winter_event["LOCATION"]) == "Bowdon"


def test_vtimezone_describes_uk_summer_time(client, summer):
    cal, _ = feed(client, reverse("public:calendar_feed"))
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/London"
    tz = vtimezone.to_tz()
    for moment in (
        datetime(2027, 1, 15, 12, 0),
        datetime(2027, 3, 28, 0, 30),  # before the clocks go forward (01:00 UTC)
        datetime(2027, 3, 28, 2, 30),
        datetime(2027, 7, 1, 18, 30),
        datetime(2027, 10, 31, 0, 30),
        datetime(2027, 10, 31, 3, 0),
        datetime(2031, 12, 25, 9, 0),
    ):
        assert tz.utcoffset(moment) == moment.replace(tzinfo=LONDON).utcoffset(), moment


def test_cancelled_events_are_cancelled_in_the_feed(client, places):
    public_activity(title="Called off", areas=[places.altrincham], starts_at=soon(3), status=Status.CANCELLED)
    cal, _ = feed(client, reverse("public:calendar_feed"))
    (event,) = cal.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Cancelled: Called off"


def test_uids_are_stable(client, summer, winter):
    first, _ = feed(client, reverse("public:calendar_feed"))
    summer.title = "Summer PACT (moved room)"
    summer.save()
    second, _ = feed(client, reverse("public:calendar_feed"))
    assert sorted(str(e["UID"]) for e in first.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in second.walk("VEVENT")
    )


def test_area_feed_includes_the_neighbourhoods_inside(client, places, summer, winter):
    public_activity(title="Stockport event", areas=[places.bramhall], starts_at=soon(4))
    cal, _ = feed(client, reverse("public:area_feed", kwargs={"code": "E08000009"}))
    assert set(by_summary(cal)) == {"Summer PACT", "Winter briefing"}
    assert "Trafford" in str(cal["X-WR-CALNAME"])
    cal, _ = feed(client, reverse("public:area_feed", kwargs={"code": "E05000819"}))
    assert set(by_summary(cal)) == {"Summer PACT"}


def test_audience_feed(client, places, young_people):
    public_activity(
        title="Youth roadshow", areas=[places.altrincham], starts_at=soon(4), audiences=[young_people]
    )
    public_activity(title="Everyone", areas=[places.altrincham], starts_at=soon(4))
    cal, _ = feed(client, reverse("public:audience_feed", kwargs={"slug": "young-people"}))
    assert set(by_summary(cal)) == {"Youth roadshow"}


def test_unknown_area_or_audience_is_not_found(client, places):
    assert client.get("/areas/E99999999/calendar.ics").status_code == 404
    assert client.get("/audiences/martians/calendar.ics").status_code == 404


def test_feed_keeps_recent_past_and_drops_old(client, places):
    public_activity(title="Last month", areas=[places.altrincham], starts_at=soon(-30), status=Status.CLOSED)
    public_activity(
        title="Two years ago", areas=[places.altrincham], starts_at=soon(-730), status=Status.EVALUATED
    )
    cal, _ = feed(client, reverse("public:calendar_feed"))
    assert set(by_summary(cal)) == {"Last month"}


def test_empty_feed_is_still_a_valid_calendar(client, db):
    cal, _ = feed(client, reverse("public:calendar_feed"))
    assert cal.walk("VEVENT") == [] and len(cal.walk("VTIMEZONE")) == 1


def test_single_event_file(client, summer):
    response = client.get(reverse("public:event_feed", kwargs={"pk": summer.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="event-{summer.pk}.ics"' in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert event.start == summer.starts_at and str(event["UID"]) == f"activity-{summer.pk}@testserver"


# --- any text makes a valid feed -------------------------------------------------------------

ODD_TEXT = {
    "paragraphs": "First paragraph, with a comma; and a semicolon.\n\nSecond paragraph.\n\n\nThird.",
    "crlf": "Line one.\r\nLine two.\r\n\r\nLine four.\rLine five.",
    "long": "A very long line without any break in it at all, " * 40,
    "non-ascii": "Café naïve façade – “quoted” ✓ 🚓 Łódź Ynys Môn 漢字 " * 8,
}


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(text: str) -> str:
    return " ".join(part.strip() for part in normalised(text).split("\n") if part.strip())


def unescaped(value) -> str:
    """The text of a property icalendar reads back as it was written (NAME, X-WR-CALDESC)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def assert_valid_ics(raw: bytes) -> None:
    """RFC 5545 framing: CRLF line ends only, folded lines of at most 75 octets, UTF-8 whole
    (a fold never splits a character)."""
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and b"\r" not in line for line in lines)
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")


@pytest.fixture
def odd_area(places):
    from places.tests.factories import AreaFactory

    return AreaFactory(code="E05099999", name="Llanfair – Ynys Môn\r\nNorth", level="neighbourhood")


@pytest.mark.parametrize("kind", ODD_TEXT)
def test_any_text_makes_a_valid_feed_in_every_feed(client, places, young_people, odd_area, kind):
    """A summary with blank lines or CRLF made icalendar refuse the event file (a 500): the
    feed's NAME and X-WR-CALDESC were written unescaped. Titles, venues, contacts and summaries
    of any shape now give a valid file in every feed."""
    text = ODD_TEXT[kind]
    activity = public_activity(
        title=("Title: " + text)[:200],
        summary=text,
        venue=text[:300],
        accessibility=text,
        contact_name=("PC " + text)[:200],
        contact_email="pc@example.org",
        areas=[places.altrincham, odd_area],
        audiences=[young_people],
        starts_at=soon(3),
    )
    feeds = [
        reverse("public:event_feed", kwargs={"pk": activity.pk}),
        reverse("public:area_feed", kwargs={"code": places.altrincham.code}),
        reverse("public:area_feed", kwargs={"code": odd_area.code}),
        reverse("public:audience_feed", kwargs={"slug": young_people.slug}),
        reverse("public:calendar_feed"),
    ]
    for url in feeds:
        cal, raw = feed(client, url)
        assert_valid_ics(raw)
        (event,) = cal.walk("VEVENT")
        assert str(event["SUMMARY"]) == one_line(activity.title), url
        assert normalised(text) in str(event["DESCRIPTION"]), url
        assert str(event["LOCATION"]) == ", ".join(
            part.strip() for part in normalised(activity.venue).split("\n") if part.strip()
        )
        assert event["ORGANIZER"].params["CN"] == one_line(activity.contact_name)
        assert "\n" not in unescaped(cal["X-WR-CALNAME"]), url
    cal, _ = feed(client, feeds[0])
    assert unescaped(cal["X-WR-CALDESC"]) == normalised(text)
    assert unescaped(cal["NAME"]) == one_line(activity.title)
    cal, _ = feed(client, feeds[2])
    assert unescaped(cal["X-WR-CALNAME"]).startswith("Llanfair – Ynys Môn North")


def test_the_feed_names_its_own_address_whatever_the_query(client, summer):
    cal, _ = feed(client, reverse("public:calendar_feed") + "?utm=%0D%0Ax&" + "y=" + "z" * 3000)
    assert str(cal["SOURCE"]) == "http://testserver/calendar.ics"
