"""Home page: find your area by postcode or from the list of neighbourhoods."""

import csv

import pytest
from django.urls import reverse

from places.demo import DEMO_DATA, FORCE_CODE, FORCE_NAME
from places.importers import lookup_import, postcodes_import
from places.services import area_get_or_create

from .helpers import body, parse_html

HOME = reverse("public:home")
ALTRINCHAM = "/areas/E05000819/"


def test_home_shows_both_ways_to_find_an_area(client, places):
    response = client.get(HOME)
    assert response.status_code == 200
    html = body(response)
    assert 'name="postcode"' in html and 'autocomplete="postal-code"' in html
    assert '<optgroup label="Trafford">' in html and '<optgroup label="Stockport">' in html
    assert '<option value="E05000819">Altrincham</option>' in html
    assert "<title>Have your say" in html
    assert reverse("public:area_list") in html


@pytest.mark.parametrize("typed", ["WA14 1EJ", "wa141ej", "  wa14   1ej ", "Wa14 1Ej"])
def test_a_postcode_in_any_case_and_spacing_leads_to_its_neighbourhood(client, places, typed):
    response = client.get(HOME, {"postcode": typed})
    assert response.status_code == 302
    assert response["Location"] == ALTRINCHAM


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode"),
        ("   ", "Enter a postcode"),
        ("zzz", "Enter a real postcode, like M32 0TH"),
        ("12345", "Enter a real postcode, like M32 0TH"),
        ("WA14 1EJX", "Enter a real postcode, like M32 0TH"),
        ("W" * 300, "Enter a real postcode, like M32 0TH"),
        ("<script>", "Enter a real postcode, like M32 0TH"),
        ("M1 1AA", "We could not find a neighbourhood for M1 1AA"),
        ("zz11zz", "We could not find a neighbourhood for ZZ1 1ZZ"),  # known, but no ward above it
    ],
)
def test_a_bad_postcode_shows_the_page_again_with_an_error(client, places, typed, message):
    response = client.get(HOME, {"postcode": typed})
    assert response.status_code == 200
    html = body(response)
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html and 'href="#id_postcode"' in html
    assert html.count(message) == 2  # in the summary and beside the field
    assert "govuk-input--error" in html
    if typed == "<script>":
        assert 'value="&lt;script&gt;"' in html  # escaped, not run


def test_choosing_a_neighbourhood_from_the_list(client, places):
    response = client.get(HOME, {"area": "E05000821"})
    assert response.status_code == 302 and response["Location"] == "/areas/E05000821/"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose your neighbourhood"),
        ("E99999999", "Choose a neighbourhood from the list"),
        ("E08000009", "Choose a neighbourhood from the list"),  # a district is not a neighbourhood
    ],
)
def test_a_bad_choice_shows_an_error(client, places, value, message):
    response = client.get(HOME, {"area": value})
    assert response.status_code == 200
    html = body(response)
    assert "<title>Error: " in html and 'href="#id_area"' in html
    assert html.count(message) == 2


def test_the_forms_work_without_javascript(client, places):
    """Plain GET forms with a label, a submit button and no htmx."""
    html = body(client.get(HOME))
    forms = parse_html(html).forms
    assert len(forms) == 2
    for form in forms:
        assert form["attrs"]["method"] == "get" and form["attrs"]["action"] == HOME
        assert form["buttons"] and form["buttons"][0]["type"] == "submit"
        assert not any(k.startswith("hx-") for k in form["attrs"])
    assert '<label class="govuk-label" for="id_postcode">' in html


def test_list_of_neighbourhoods_by_district(client, places):
    response = client.get(reverse("public:area_list"))
    assert response.status_code == 200
    html = body(response)
    trafford, stockport = html.index(">Trafford</a></h2>"), html.index(">Stockport</a></h2>")
    assert stockport < html.index(">Bramhall North<") < trafford < html.index(">Altrincham<")
    assert 'href="/areas/E05000819/"' in html


def test_real_trafford_postcodes_find_their_ward(client, db, tmp_path):
    """Rows of the real ONS postcode and LSOA-to-ward files, through the real importers:
    the postcode's LSOA leads to its ward."""
    boundaries = DEMO_DATA / "boundaries"
    wanted = {"WA14 1EJ", "M32 0TH", "M33 7AA"}
    postcodes = [r for r in read(boundaries / "trafford_postcodes.csv") if r["postcode"] in wanted]
    lsoas = {r["lsoa_code"] for r in postcodes}
    lookup = [r for r in read(boundaries / "lsoa_to_ward_best-fit_lookup.csv") if r["lsoa21cd"] in lsoas]
    assert len(postcodes) == len(lookup) == 3
    area_get_or_create(code=FORCE_CODE, name=FORCE_NAME, level="force")
    lookup_import(path=write(tmp_path / "lookup.csv", lookup), parent_code=FORCE_CODE)
    postcodes_import(path=write(tmp_path / "postcodes.csv", postcodes))

    expected = {"WA14 1EJ": "Altrincham", "m320th": "Gorse Hill", "M33 7AA": "Priory"}
    for typed, ward_name in expected.items():
        response = client.get(HOME, {"postcode": typed}, follow=True)
        assert response.status_code == 200
        assert f'<h1 class="govuk-heading-xl">{ward_name}</h1>' in body(response), typed


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
