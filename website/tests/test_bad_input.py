"""Odd input to the public site: a 404 or the page with a clear message, never a 500. Codes
and ids in URLs that cannot name anything, control characters, very long values and very
long query strings in the calendar filters and the postcode search.

Run on PostgreSQL too (DATABASE_URL): it refuses text holding a NUL byte outright, which
SQLite does not."""

import pytest
from django.test import Client
from django.urls import reverse

from .helpers import body, public_activity, soon

ODD_CODES = [
    "%00",
    "E05000819%00",
    "%01%1B%7F",
    "E0500%0D%0A0819",
    "x" * 5000,
    "%F0%9F%9A%93",
    "%C3%A9",
    "'%22<>",
]


@pytest.fixture
def strict_client():
    return Client(raise_request_exception=True)


@pytest.mark.parametrize("code", ODD_CODES)
def test_an_area_code_that_cannot_be_one_is_not_found(strict_client, places, code):
    """A NUL byte in an area code was a 500 on PostgreSQL ("A string literal cannot contain
    NUL"): a code that is not letters and digits is now not found before the database."""
    for path in (f"/areas/{code}/", f"/areas/{code}/calendar.ics"):
        assert strict_client.get(path).status_code == 404, path


def test_a_good_code_in_any_case_still_works(client, places):
    response = client.get("/areas/e05000819/")
    assert response.status_code == 302 and response["Location"] == "/areas/E05000819/"
    assert client.get(" /areas/E05000819/calendar.ics".strip()).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/events/abc/",
        "/events/-1/calendar.ics",
        "/events/0/",
        "/events/99999999999999999999999/",
        "/events/99999999999999999999999/calendar.ics",
        "/events/9223372036854775808/",
        "/calendar/99999999999999999999/1/",
        "/calendar/2026/99999999999999999999/",
        "/audiences/%00/calendar.ics",
        "/audiences/" + "x" * 3000 + "/calendar.ics",
    ],
)
def test_ids_that_cannot_name_a_record_are_not_found(strict_client, places, path):
    assert strict_client.get(path).status_code == 404, path


ODD_VALUES = ["%00", "%01%07%1B%7F", "a%0D%0Ab", "%E2%80%AE", "%F0%9F%9A%93", "x" * 8000, "9" * 5000]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_calendar_filters_show_the_page_with_their_errors(strict_client, places, value):
    public_activity(title="STILL-LISTED", areas=[places.altrincham], starts_at=soon(2))
    query = f"area={value}&audience={value}&method={value}&when={value}&page={value}"
    for path in ("/calendar/", "/calendar/2026/11/"):
        response = strict_client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        assert "There is a problem with the filters" in body(response)
    listing = strict_client.get(f"/calendar/?area={value}")
    assert "Choose an area from the list" in body(listing) and "STILL-LISTED" in body(listing)
    assert strict_client.get(f"/calendar/month/?area={value}").status_code == 302
    assert strict_client.get(f"/calendar.ics?area={value}").status_code == 200


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_postcodes_and_neighbourhoods_show_the_home_page_with_an_error(strict_client, places, value):
    response = strict_client.get(f"/?postcode={value}")
    assert response.status_code == 200
    assert "Enter a real postcode, like M32 0TH" in body(response)
    response = strict_client.get(f"/?area={value}")
    assert response.status_code == 200 and "Choose a neighbourhood from the list" in body(response)


def test_a_very_long_query_string_is_no_server_error(strict_client, places):
    many = "&".join(f"area={i}" for i in range(900))
    assert strict_client.get(f"/calendar/?{many}").status_code == 200
    too_many = "&".join(f"x{i}=1" for i in range(1200))  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    for path in ("/", "/calendar/", "/calendar/2026/11/", "/calendar.ics", "/areas/E05000819/"):
        assert strict_client.get(f"{path}?{too_many}").status_code == 400, path


def test_the_event_page_ignores_an_odd_query_string(strict_client, places):
    activity = public_activity(title="Odd query", areas=[places.altrincham], starts_at=soon(2))
    for name in ("public:event_detail", "public:event_feed"):
        url = reverse(name, kwargs={"pk": activity.pk})
        assert strict_client.get(url + "?x=%00&y=" + "z" * 5000).status_code == 200
