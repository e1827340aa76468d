"""The neighbourhood page: upcoming engagement in the area and below it, wider events that
cover it, open consultations, named contacts and the placeholders later issues fill."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Status
from insight.models import Priority, PrioritySource

from .helpers import body, public_activity, soon, window


def page(client, code: str) -> str:
    response = client.get(reverse("public:area_detail", kwargs={"code": code}))
    assert response.status_code == 200
    return body(response)


def section(html: str, heading_id: str) -> str:
    """The HTML from a section's <h2> to the next <h2>."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2 ", start)
    return html[start:end] if end > 0 else html[start:]


def test_ward_page_shows_name_district_and_its_own_events(client, places):
    meeting = public_activity(
        title="Altrincham PACT",
        areas=[places.altrincham],
        starts_at=soon(3, 18, 30),
        ends_at=soon(3, 20, 0),
        venue="Altrincham Library",
    )
    html = page(client, "E05000819")
    assert '<h1 class="govuk-heading-xl">Altrincham</h1>' in html
    assert "Neighbourhood in Trafford" in html
    local = section(html, "upcoming-heading")
    assert "Altrincham PACT" in local and f'href="/events/{meeting.pk}/"' in local
    assert "6:30pm" in local and "to 8pm" in local and "Altrincham Library" in local
    day = timezone.localdate() + timedelta(days=3)
    assert f'<time datetime="{day:%Y-%m-%d}">' in local
    assert 'href="/calendar/?area=E05000819"' in html


def test_wider_events_covering_the_ward_are_shown_and_said_to_be_wider(client, places):
    public_activity(title="Face the Public Trafford", areas=[places.trafford], starts_at=soon(5))
    public_activity(title="Force-wide forum", areas=[places.force], starts_at=soon(6))
    public_activity(title="Stockport only", areas=[places.stockport], starts_at=soon(6))
    public_activity(title="Bowdon only", areas=[places.bowdon], starts_at=soon(6))
    html = page(client, "E05000819")
    wider = section(html, "wider-heading")
    assert "Across Trafford and Greater Manchester Police" in wider
    assert "which includes Altrincham" in wider
    assert "Face the Public Trafford" in wider and "Force-wide forum" in wider
    assert "Face the Public Trafford" not in section(html, "upcoming-heading")
    assert "Stockport only" not in html and "Bowdon only" not in html


def test_district_page_includes_its_neighbourhoods_events(client, places):
    public_activity(title="Bowdon surgery", areas=[places.bowdon], starts_at=soon(4))
    public_activity(title="Bramhall surgery", areas=[places.bramhall], starts_at=soon(4))
    html = page(client, "E08000009")
    assert "Council area in Greater Manchester Police" in html
    assert "Bowdon surgery" in section(html, "upcoming-heading")
    assert "Bramhall surgery" not in html
    assert 'href="/areas/E05000821/"' in section(html, "children-heading")


def test_past_events_are_not_upcoming(client, places):
    public_activity(title="Last month", areas=[places.altrincham], starts_at=soon(-30), status=Status.CLOSED)
    html = page(client, "E05000819")
    assert "Last month" not in html
    assert "There are no events planned in Altrincham at the moment." in html


def test_an_event_happening_now_is_still_upcoming(client, places):
    started = timezone.now() - timedelta(minutes=30)
    public_activity(title="On now", areas=[places.altrincham], starts_at=started)
    public_activity(
        title="All-day drop-in",
        areas=[places.altrincham],
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() + timedelta(hours=3),
    )
    local = section(page(client, "E05000819"), "upcoming-heading")
    assert "On now" in local and "All-day drop-in" in local


def test_open_consultations_only_while_open(client, places):
    opens, closes = window()
    today = timezone.localdate()
    consultation = {"consultation_kind": "focused", "starts_at": soon(-1)}
    public_activity(
        title="Open survey",
        areas=[places.trafford],
        status=Status.OPEN,
        response_opens=opens,
        response_closes=closes,
        **consultation,
    )
    public_activity(
        title="Closes today",
        areas=[places.altrincham],
        status=Status.OPEN,
        response_opens=opens,
        response_closes=today,
        **consultation,
    )
    public_activity(
        title="Not open yet",
        areas=[places.altrincham],
        status=Status.OPEN,
        response_opens=today + timedelta(days=2),
        response_closes=today + timedelta(weeks=6),
        **consultation,
    )
    public_activity(
        title="Closed status",
        areas=[places.altrincham],
        status=Status.CLOSED,
        response_opens=opens,
        response_closes=closes,
        **consultation,
    )
    public_activity(
        title="Closed yesterday",
        areas=[places.altrincham],
        status=Status.OPEN,
        response_opens=today - timedelta(weeks=5),
        response_closes=today - timedelta(days=1),
        **consultation,
    )
    public_activity(
        title="Stockport survey",
        areas=[places.stockport],
        status=Status.OPEN,
        response_opens=opens,
        response_closes=closes,
        **consultation,
    )
    consultations = section(page(client, "E05000819"), "consultations-heading")
    assert "Open survey" in consultations and "Closes today" in consultations
    assert f'until <time datetime="{closes:%Y-%m-%d}">' in consultations
    for title in ("Not open yet", "Closed status", "Closed yesterday", "Stockport survey"):
        assert title not in consultations


def test_named_contacts_from_the_events_each_once(client, places):
    public_activity(
        title="PACT",
        areas=[places.altrincham],
        starts_at=soon(2),
        contact_name="PC Sam Okafor",
        contact_email="sam@example.org",
        contact_phone="0161 872 5050",
    )
    public_activity(
        title="Street briefing",
        areas=[places.altrincham],
        starts_at=soon(4),
        contact_name="PC Sam Okafor",
        contact_email="SAM@example.org",
    )
    public_activity(
        title="District forum", areas=[places.trafford], starts_at=soon(5), contact_name="Insp Dawn Hughes"
    )
    html = page(client, "E05000819")
    contacts = html[html.index('id="contacts-heading"') :]
    assert contacts.count("PC Sam Okafor") == 1
    assert 'href="mailto:sam@example.org"' in contacts and 'href="tel:01618725050"' in contacts
    assert "PACT</a>; <a" in contacts and "Street briefing" in contacts
    assert "Insp Dawn Hughes" in contacts


def test_you_said_we_did_says_when_nothing_is_published_yet(client, places):
    """The section is no longer "coming soon"; the published trail is tested with the feedback
    loop (outcomes/tests/test_loop_public.py)."""
    part = section(page(client, "E05000819"), "you-said-heading")
    assert "You said, we did" in part and "Nothing has been published for Altrincham yet" in part
    assert "Coming soon" not in part and "<li" not in part


def test_no_priorities_yet_says_so(client, places):
    part = section(page(client, "E05000819"), "priorities-heading")
    assert "No priorities have been published for Altrincham yet" in part and "<li" not in part


def test_area_page_links_its_feed(client, places):
    html = page(client, "E05000819")
    assert "http://testserver/areas/E05000819/calendar.ics" in html


def test_lower_case_code_redirects(client, places):
    response = client.get("/areas/e05000819/")
    assert response.status_code == 302 and response["Location"] == "/areas/E05000819/"


@pytest.mark.parametrize("code", ["E05999999", "nonsense", "E01006075", "%3Cscript%3E", "x" * 300])
def test_unknown_or_statistical_areas_are_not_found(client, places, code):
    """Unknown codes, and LSOAs (statistical units, not neighbourhoods), are 404s."""
    assert client.get(f"/areas/{code}/").status_code == 404
    assert client.get(f"/areas/{code}/calendar.ics").status_code == 404


def test_published_priorities_of_the_latest_quarter_in_rank_order(client, places, police):
    ward = places.altrincham
    for quarter, rank, label, public in [
        ("2026-Q3", 1, "Old priority", True),
        ("2026-Q4", 2, "Speeding", True),
        ("2026-Q4", 1, "Drug dealing", True),
        ("2026-Q4", 3, "Internal only", False),
    ]:
        Priority.private_objects.create(
            area=ward,
            quarter=quarter,
            rank=rank,
            label=label,
            is_public=public,
            source=PrioritySource.PACT,
            organisation=police,
        )
    html = section(page(client, ward.code), "priorities-heading")
    assert html.index("Drug dealing") < html.index("Speeding")
    assert "Old priority" not in html and "Internal only" not in html
    # The quarter in words, never as stored.
    assert "(October to December 2026)" in html and "2026-Q4" not in html and "Q4" not in html
