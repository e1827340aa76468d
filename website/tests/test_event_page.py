"""The event page: what it is for, where and when (UK time), accessibility, who to contact,
how to take part, and schema.org Event JSON-LD that a real JSON parser reads."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Aim, Status
from engagement.tests.factories import method
from organisations.tests.factories import OrganisationFactory

from .helpers import body, london, parse_html, public_activity, soon, window


def event_page(client, activity) -> str:
    response = client.get(reverse("public:event_detail", kwargs={"pk": activity.pk}))
    assert response.status_code == 200
    return body(response)


def jsonld(html: str) -> dict:
    blocks = parse_html(html).jsonld
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def meeting(places, young_people):
    year = timezone.now().year + 1
    activity = public_activity(
        title="Altrincham PACT meeting",
        summary="Agree the next three priorities for Altrincham.",
        areas=[places.altrincham],
        audiences=[young_people],
        method=method("pact-meeting"),
        starts_at=london(year, 7, 1, 18, 30),
        ends_at=london(year, 7, 1, 20, 0),
        venue="Altrincham Library, Stamford New Road, WA14 1EJ",
        accessibility="Step-free access. Hearing loop in the main room.",
        contact_name="PC Sam Okafor",
        contact_email="sam.okafor@example.org",
        contact_phone="0161 872 5050",
        lead_organisation=OrganisationFactory(
            name="Greater Manchester Police", website="https://gmp.example.org/"
        ),
    )
    Aim.objects.create(activity=activity, text="Agree the ward's priorities", linked_to="Policing plan")
    return activity


def test_event_page_says_what_where_when_and_who(client, meeting):
    html = event_page(client, meeting)
    year = meeting.starts_at.year
    assert "<title>Altrincham PACT meeting – Heard</title>" in html
    assert "Agree the next three priorities for Altrincham." in html
    assert "Agree the ward&#x27;s priorities" in html
    assert "It is especially for: young people." in html
    assert f"1 July {year}" in html and "6:30pm to" in html and "8pm</time>" in html  # BST
    assert f'datetime="{year}-07-01T18:30:00+01:00"' in html
    assert "Altrincham Library, Stamford New Road, WA14 1EJ" in html
    assert 'href="/areas/E05000819/">Altrincham</a>' in html
    assert "Step-free access. Hearing loop in the main room." in html
    assert "PC Sam Okafor" in html and 'href="mailto:sam.okafor@example.org"' in html
    assert 'href="tel:01618725050"' in html
    assert f'href="/events/{meeting.pk}/calendar.ics"' in html
    assert "Cancelled" not in html


def test_winter_times_are_gmt(client, places):
    year = timezone.now().year + 1
    activity = public_activity(areas=[places.altrincham], starts_at=london(year, 1, 15, 18, 0))
    html = event_page(client, activity)
    assert f'datetime="{year}-01-15T18:00:00+00:00"' in html and "6pm" in html
    data = jsonld(html)
    assert data["startDate"] == f"{year}-01-15T18:00:00+00:00"
    assert data["endDate"] == f"{year}-01-15T19:00:00+00:00"  # an hour when no end is given


def test_json_ld_is_a_schema_org_event(client, meeting):
    html = event_page(client, meeting)
    data = jsonld(html)
    year = meeting.starts_at.year
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Altrincham PACT meeting"
    assert data["description"] == "Agree the next three priorities for Altrincham."
    assert data["startDate"] == f"{year}-07-01T18:30:00+01:00"
    assert data["endDate"] == f"{year}-07-01T20:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Altrincham Library, Stamford New Road, WA14 1EJ",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "GB",
            "addressLocality": "Altrincham",
            "addressRegion": "Trafford",
        },
    }
    assert data["organizer"]["@type"] == "Organization"
    assert data["organizer"]["name"] == "Greater Manchester Police"
    assert data["organizer"]["url"] == "https://gmp.example.org/"
    assert data["organizer"]["contactPoint"]["name"] == "PC Sam Okafor"
    assert data["organizer"]["contactPoint"]["email"] == "sam.okafor@example.org"
    assert data["url"] == f"http://testserver/events/{meeting.pk}/"
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Young people"}]


def test_json_ld_cannot_break_out_of_its_script(client, places):
    activity = public_activity(
        title="</script><script>alert(1)</script>", summary="a & b <c>", areas=[places.altrincham]
    )
    html = event_page(client, activity)
    assert "</script><script>alert(1)" not in html
    data = jsonld(html)
    assert data["name"] == "</script><script>alert(1)</script>" and data["description"] == "a & b <c>"


def test_cancelled_event_is_clearly_marked(client, meeting):
    meeting.status = Status.CANCELLED
    meeting.save()
    html = event_page(client, meeting)
    assert "<title>Cancelled: Altrincham PACT meeting – Heard</title>" in html
    assert "This event has been cancelled and will not go ahead." in html
    assert '<span class="govuk-visually-hidden">Cancelled: </span>Altrincham PACT meeting</h1>' in html
    assert "Add this event to your calendar" not in html
    assert jsonld(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_past_event_says_it_has_taken_place(client, places):
    activity = public_activity(areas=[places.altrincham], starts_at=soon(-7), status=Status.CLOSED)
    assert "This event has taken place." in event_page(client, activity)


@pytest.fixture
def consultation(places):
    opens, closes = window(weeks=6)
    return public_activity(
        title="Community safety survey",
        areas=[places.trafford],
        method=method("online-survey"),
        status=Status.OPEN,
        consultation_kind="drafts",
        starts_at=soon(-1, 9, 0),
        response_opens=opens,
        response_closes=closes,
    )


def test_open_consultation_shows_its_response_window(client, consultation):
    html = event_page(client, consultation)
    closes = consultation.response_closes
    assert "This consultation is open." in html
    assert f'close on <time datetime="{closes:%Y-%m-%d}">{closes.day} {closes:%B %Y}</time>' in html
    assert "Open for responses" in html
    # No online questionnaire yet: take_part_url is None, so no link, and the page says so.
    assert "Take part online" not in html
    assert "Taking part online will be available on this page." in html
    data = jsonld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"


def test_take_part_link_uses_the_take_part_url(client, consultation):
    with mock.patch("website.views.take_part_url_for", return_value="/consultations/42/"):
        html = event_page(client, consultation)
    assert '<a href="/consultations/42/" role="button"' in html and "Take part online" in html
    assert jsonld(html)["location"]["url"] == "/consultations/42/"


def test_closed_and_future_consultations(client, consultation):
    today = timezone.localdate()
    consultation.response_opens = today + timedelta(days=3)
    consultation.response_closes = today + timedelta(weeks=7)
    consultation.save()
    assert "You can take part once the consultation opens." in event_page(client, consultation)
    consultation.response_opens = today - timedelta(weeks=7)
    consultation.response_closes = today - timedelta(days=1)
    consultation.status = Status.CLOSED
    consultation.save()
    assert "This consultation has closed." in event_page(client, consultation)


def test_unknown_event_is_not_found(client, db):
    assert client.get("/events/999999/").status_code == 404
    assert client.get("/events/999999/calendar.ics").status_code == 404
    assert client.get("/events/abc/").status_code == 404


def test_event_pages_are_get_only(client, meeting):
    url = reverse("public:event_detail", kwargs={"pk": meeting.pk})
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_take_part_online_links_to_the_live_questionnaire(client, officer):
    from datetime import timedelta

    from django.utils import timezone

    from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
    from engagement.models import Status
    from engagement.tests.factories import ActivityFactory

    today = timezone.localdate()
    activity = ActivityFactory(
        lead_organisation=officer.organisation,
        status=Status.OPEN,
        is_published=True,
        consultation_kind="focused",
        response_opens=today,
        response_closes=today + timedelta(weeks=4),
    )
    url = f"/events/{activity.pk}/"
    assert b"Take part online" not in client.get(url).content
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title="Survey",
        questions=[QuestionInput(kind="text", text="Anything else?")],
    )
    questionnaire_publish(user=officer, questionnaire=questionnaire)
    page = client.get(url).content.decode()
    assert "Take part online" in page and f"/consultations/{questionnaire.pk}/" in page
