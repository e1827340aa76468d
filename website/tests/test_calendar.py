"""The engagement calendar: list and month views, filters, past events, pagination."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import Status
from engagement.tests.factories import method

from .helpers import body, london, parse_html, public_activity, soon

CALENDAR = reverse("public:calendar")


def get(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return body(response)


def test_upcoming_events_grouped_by_uk_date_in_order(client, places):
    later = public_activity(title="Second", areas=[places.altrincham], starts_at=soon(5, 10))
    first = public_activity(title="First", areas=[places.altrincham], starts_at=soon(2, 19))
    same_day = public_activity(title="Same day", areas=[places.bowdon], starts_at=soon(2, 20))
    public_activity(title="Gone", areas=[places.bowdon], starts_at=soon(-3), status=Status.CLOSED)
    html = get(client, CALENDAR)
    assert "3 upcoming events" in html and "Gone" not in html
    assert html.index("First") < html.index("Same day") < html.index("Second")
    day = timezone.localdate() + timedelta(days=2)
    assert html.count(f'<time datetime="{day:%Y-%m-%d}">') == 1  # one heading for both
    for activity in (first, same_day, later):
        assert f'href="/events/{activity.pk}/"' in html


def test_dates_and_times_are_uk_time(client, places):
    """23:30 UTC on a summer evening is 00:30 the next day in London."""
    year = timezone.now().year + 1
    public_activity(title="Late", areas=[places.altrincham], starts_at=london(year, 7, 2, 0, 30))
    html = get(client, CALENDAR)
    assert f"{date(year, 7, 2):%A} 2 July {year}" in html
    assert "12:30am" in html
    assert f'datetime="{year}-07-02T00:30:00+01:00"' in html


def test_past_events(client, places):
    public_activity(title="Upcoming one", areas=[places.altrincham], starts_at=soon(2))
    public_activity(title="Old one", areas=[places.altrincham], starts_at=soon(-10), status=Status.CLOSED)
    public_activity(
        title="Older one", areas=[places.altrincham], starts_at=soon(-40), status=Status.EVALUATED
    )
    html = get(client, CALENDAR, {"when": "past"})
    assert '<h1 class="govuk-heading-xl">Past events</h1>' in html and "2 past events" in html
    assert "Upcoming one" not in html
    assert html.index("Old one") < html.index("Older one")  # most recent first
    assert 'value="past" checked' in html


def test_cancelled_events_are_clearly_marked(client, places):
    public_activity(title="Called off", areas=[places.altrincham], starts_at=soon(2), status=Status.CANCELLED)
    html = get(client, CALENDAR)
    assert "Called off" in html
    assert '<span class="govuk-visually-hidden">Cancelled: </span>Called off' in html
    assert 'govuk-tag--red">Cancelled</strong>' in html


def test_area_filter_includes_the_neighbourhoods_inside(client, places):
    public_activity(title="In Altrincham", areas=[places.altrincham], starts_at=soon(2))
    public_activity(title="In Bowdon", areas=[places.bowdon], starts_at=soon(3))
    public_activity(title="In Stockport", areas=[places.bramhall], starts_at=soon(3))
    html = get(client, CALENDAR, {"area": "E08000009"})
    assert "In Altrincham" in html and "In Bowdon" in html and "In Stockport" not in html
    assert "2 upcoming events in Trafford" in html
    assert "http://testserver/areas/E08000009/calendar.ics" in html
    html = get(client, CALENDAR, {"area": "E05000821"})
    assert "In Bowdon" in html and "In Altrincham" not in html


def test_audience_and_method_filters(client, places, young_people):
    public_activity(
        title="Youth roadshow",
        areas=[places.altrincham],
        starts_at=soon(2),
        audiences=[young_people],
        method=method("roadshow"),
    )
    public_activity(title="PACT", areas=[places.altrincham], starts_at=soon(2), method=method("pact-meeting"))
    html = get(client, CALENDAR, {"audience": "young-people"})
    assert "Youth roadshow" in html and ">PACT<" not in html
    assert "http://testserver/audiences/young-people/calendar.ics" in html
    html = get(client, CALENDAR, {"method": "pact-meeting"})
    assert ">PACT</a>" in html and "Youth roadshow" not in html
    html = get(client, CALENDAR, {"method": "pact-meeting", "audience": "young-people"})
    assert "0 upcoming events" in html and "clearing the filters" in html


@pytest.mark.parametrize(
    ("params", "messages"),
    [
        ({"area": "E99"}, ["Choose an area from the list"]),
        ({"audience": "martians"}, ["Choose who the events are for from the list"]),
        ({"method": "telepathy"}, ["Choose a type of event from the list"]),
        ({"when": "tomorrow"}, ["Choose upcoming or past events"]),
        ({"area": "E01006075"}, ["Choose an area from the list"]),  # an LSOA
        (
            {"area": "<b>", "audience": "x" * 500, "method": "'", "when": "\x00", "page": "-1"},
            ["Choose an area from the list", "Choose a type of event from the list"],
        ),
    ],
)
def test_bad_filter_values_give_a_message_not_an_error(client, places, params, messages):
    public_activity(title="Still shown", areas=[places.altrincham], starts_at=soon(2))
    html = get(client, CALENDAR, params)
    assert "There is a problem with the filters" in html and "<title>Error: " in html
    for message in messages:
        assert message in html
    assert "Still shown" in html  # the valid filters (none here) still apply


def test_a_bad_filter_keeps_the_good_ones(client, places):
    public_activity(title="In Altrincham", areas=[places.altrincham], starts_at=soon(2))
    public_activity(title="In Bowdon", areas=[places.bowdon], starts_at=soon(2))
    html = get(client, CALENDAR, {"area": "E05000819", "method": "nonsense"})
    assert "In Altrincham" in html and "In Bowdon" not in html


def test_pagination(client, places):
    for day in range(1, 26):
        public_activity(title=f"Event {day:02d}", areas=[places.altrincham], starts_at=soon(day))
    html = get(client, CALENDAR)
    assert "25 upcoming events" in html and "Event 20" in html and "Event 21" not in html
    assert 'href="?page=2"' in html
    html = get(client, CALENDAR, {"page": "2"})
    assert "Event 21" in html and "Event 20<" not in html
    assert "(page 2)" in html
    html = get(client, CALENDAR, {"page": "999"})  # past the end: the last page
    assert "Event 25" in html
    html = get(client, CALENDAR, {"page": "abc", "area": "E05000819"})
    assert "Event 01" in html
    assert 'href="?area=E05000819&amp;page=2"' in get(client, CALENDAR, {"area": "E05000819"})


def test_filter_form_is_a_plain_get_form(client, places):
    forms = parse_html(get(client, CALENDAR)).forms
    assert len(forms) == 1
    form = forms[0]
    assert form["attrs"]["method"] == "get" and form["attrs"]["action"] == CALENDAR
    names = {f.get("name") for f in form["fields"]}
    assert names == {"area", "audience", "method", "language", "access_format", "when"}
    assert form["buttons"][0]["type"] == "submit"


# --- month view -----------------------------------------------------------------------------


def month_url(year: int, month: int) -> str:
    return reverse("public:calendar_month", kwargs={"year": year, "month": month})


def test_month_view_is_a_table_with_a_list_below(client, places):
    year = timezone.now().year + 1
    meeting = public_activity(
        title="March PACT", areas=[places.altrincham], starts_at=london(year, 3, 12, 18, 30)
    )
    public_activity(
        title="Called off",
        areas=[places.altrincham],
        starts_at=london(year, 3, 20, 10),
        status=Status.CANCELLED,
    )
    public_activity(title="April thing", areas=[places.altrincham], starts_at=london(year, 4, 1, 0, 30))
    public_activity(title="Feb thing", areas=[places.altrincham], starts_at=london(year, 2, 28, 23, 30))
    html = get(client, month_url(year, 3))
    assert f'<caption class="govuk-table__caption govuk-table__caption--m">March {year}</caption>' in html
    assert (
        '<th scope="col" class="govuk-table__header heard-month__weekday"><abbr title="Monday">Mon</abbr></th>'
        in html
    )
    assert "2 events in March" in html
    assert "April thing" not in html and "Feb thing" not in html
    table = html[html.index("<table") : html.index("</table>")]
    cell = table[table.index(f"{date(year, 3, 12):%A} 12 March") :]
    assert cell.index(f'href="/events/{meeting.pk}/"') < cell.index("</td>")
    assert "Cancelled:</span> Called off" in table
    listing = html[html.index("</table>") :]
    assert "March PACT" in listing and "Called off" in listing
    assert f'href="{month_url(year, 2)}"' in html and f'href="{month_url(year, 4)}"' in html
    assert f"February {year}" in html and f"April {year}" in html


def test_month_view_filters_and_keeps_them_in_links(client, places):
    year = timezone.now().year + 1
    public_activity(title="In Bowdon", areas=[places.bowdon], starts_at=london(year, 5, 5, 18))
    public_activity(title="In Stockport", areas=[places.bramhall], starts_at=london(year, 5, 6, 18))
    html = get(client, month_url(year, 5), {"area": "E08000009"})
    assert "In Bowdon" in html and "In Stockport" not in html
    assert f'href="{month_url(year, 6)}?area=E08000009"' in html
    html = get(client, month_url(year, 5), {"area": "bogus"})
    assert "Choose an area from the list" in html and "In Stockport" in html


def test_month_view_marks_today(client, places):
    today = timezone.localdate()
    html = get(client, month_url(today.year, today.month))
    assert 'aria-current="date"' in html and "(today)" in html


@pytest.mark.parametrize("path", ["2026/13", "2026/0", "1999/1", "2101/1", "2026/00013"])
def test_impossible_months_are_not_found(client, places, path):
    assert client.get(f"/calendar/{path}/").status_code == 404


@pytest.mark.parametrize("path", ["2026/-1", "year/month", "2026/1/extra"])
def test_malformed_month_paths_are_not_found(client, path):
    assert client.get(f"/calendar/{path}/").status_code == 404


def test_this_month_redirects_keeping_filters(client, places):
    today = timezone.localdate()
    response = client.get("/calendar/month/", {"area": "E05000819"})
    assert response.status_code == 302
    assert response["Location"] == f"{month_url(today.year, today.month)}?area=E05000819"


def test_pages_use_a_fixed_number_of_queries(client, places, young_people, django_assert_max_num_queries):
    for day in range(1, 21):
        public_activity(
            title=f"Event {day}",
            areas=[places.altrincham, places.bowdon],
            audiences=[young_people],
            starts_at=soon(day),
        )
    month = timezone.localdate()
    for url in (CALENDAR, month_url(month.year, month.month), "/areas/E05000819/", "/", "/calendar.ics"):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, url
