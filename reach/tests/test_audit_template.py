"""The template partners fill in (CSV and XLSX) and how their wordings meet Heard's taxonomy."""

import csv
import io

import pytest
from openpyxl import load_workbook

from consultations.tables import read_table
from places.models import AreaLevel
from places.tests.factories import AreaFactory
from reach.audit_imports import ImportRejected, import_preview, partner_activities_import
from reach.audit_rows import header_key, recognise_columns, split_list
from reach.audit_taxonomy import Option, Taxonomy, initials, level_of, norm, purpose_of, suggest
from reach.audit_template import COLUMNS, HEADERS, NOTES, template_csv, template_xlsx

from .audit_helpers import build_world, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(police, council):
    return build_world(police, council)


def test_the_csv_template_names_its_columns_and_explains_them_under(world):
    rows = list(csv.reader(io.StringIO(template_csv().decode("utf-8-sig"))))
    assert rows == [HEADERS, NOTES]
    assert rows[0][:3] == ["Activity", "Organisation leading it", "How people are engaged"]
    assert rows[1][0].startswith("Required.") and rows[1][3].startswith("Optional. Giving information")


def test_the_blank_template_imports_nothing_and_says_so(world):
    table = read_table(template_csv(), name="template.csv")
    preview = import_preview(user=world.coordinator, partnership=world.partnership, table=table)
    assert preview.rows == [] and preview.columns.missing == []
    with pytest.raises(ImportRejected) as rejected:
        partner_activities_import(user=world.coordinator, preview=preview, mapping=preview.suggested)
    assert rejected.value.problems == ["The file has no activities under its header (only the notes row)."]


def test_the_workbook_has_notes_and_the_taxonomy_s_values(world):
    book = load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == [
        "Activities",
        "Notes",
        "Methods",
        "Purposes",
        "Audiences",
        "Areas",
        "Levels",
        "Organisations",
    ]
    assert [c.value for c in book["Activities"][1]] == HEADERS and book["Activities"].max_row == 1
    notes = list(book["Notes"].iter_rows(min_row=2, values_only=True))
    assert notes[0] == ("Activity", NOTES[0])
    methods = {r[0]: r[1] for r in book["Methods"].iter_rows(min_row=2, values_only=True)}
    assert methods["Online survey"] == "Getting information"
    assert next(r[0] for r in book["Purposes"].iter_rows(min_row=2, values_only=True)) == "Giving information"
    assert next(
        r[:1] for r in book["Audiences"].iter_rows(min_row=2, values_only=True) if r[0] == "Older people"
    ) == ("Older people",)
    areas = {r[2]: (r[0], r[1]) for r in book["Areas"].iter_rows(min_row=2, values_only=True)}
    assert areas["E05000825"] == ("Clifford", "Neighbourhood (ward)") and areas["E08000009"][0] == "Trafford"
    assert [r[0] for r in book["Levels"].iter_rows(min_row=2, values_only=True)] == [
        "Strategic",
        "District",
        "Neighbourhood",
        "Theme or issue",
    ]
    assert "Trafford Housing Trust" in {
        r[0] for r in book["Organisations"].iter_rows(min_row=2, values_only=True)
    }
    lists = {str(v.sqref): v.formula1 for v in book["Activities"].data_validations.dataValidation}
    assert lists == {"D2:D1001": "=Purposes!$A$2:$A$7", "G2:G1001": "=Levels!$A$2:$A$5"}


def test_every_level_and_purpose_of_the_lists_is_read_back():
    assert level_of("Theme or issue") == "theme" and level_of("Strategic") == "strategic"
    assert level_of("ward") == "neighbourhood" and level_of("galaxy") == ""
    assert purpose_of("Getting information") == "getting_information"
    assert purpose_of("consultation") == "getting_information" and purpose_of("to annoy") == ""


def test_the_template_s_headers_are_the_import_s():
    assert all(header_key(c.header) == c.key for c in COLUMNS)
    assert header_key("Lead organisation") == "organisation" and header_key("Budget") == "cost"
    assert header_key("Activty") == "title"  # close enough
    assert header_key("Favourite colour") == ""
    columns = recognise_columns(["Title", "Title", "Where"])
    assert columns.index == {"title": 0, "areas": 2} and columns.ignored == ["Title"]


def test_wordings_suggest_heard_s_values():
    options = [
        Option("survey", "Survey"),
        Option("online-survey", "Online survey"),
        Option("roadshow", "Roadshow"),
    ]
    assert suggest("SURVEY", options) == "survey"
    assert suggest("Online  survey!", options) == "online-survey"
    assert suggest("Residents' survey", options) == "survey"
    assert suggest("Roadshows", options) == "roadshow"
    assert suggest("Coffee morning", options) == ""
    assert suggest("poll", options, {"poll": "survey"}) == "survey"
    assert suggest("poll", options, {"poll": "not-an-option"}) == ""
    assert norm("Residents’ Survey (2026)") == "residents survey 2026"
    assert initials("Trafford Housing Trust") == "tht"


def test_organisations_by_name_initials_or_close(world):
    taxonomy = Taxonomy.load([world.housing, world.council, world.police])
    assert taxonomy.suggest_organisation("trafford housing trust") == "trafford-housing-trust"
    assert taxonomy.suggest_organisation("THT") == "trafford-housing-trust"
    assert taxonomy.suggest_organisation("Trafford Council ") == "trafford-council"
    assert taxonomy.suggest_organisation("Someone else") == ""


def test_areas_by_code_or_name_or_a_clear_refusal(world):
    AreaFactory(code="E05999999", name="Clifford", level=AreaLevel.NEIGHBOURHOOD)
    taxonomy = Taxonomy.load()
    assert taxonomy.area("e05000836")[0] == world.stretford
    assert taxonomy.area("gorse hill")[0] == world.gorse_hill
    area, why = taxonomy.area("Clifford")
    assert area is None and "names more than one area: give its code" in why and "E05999999" in why
    assert taxonomy.area("Urmstn")[1].endswith("Did you mean Urmston?")


def test_lists_in_a_cell():
    assert split_list("Older people; Carers", set()) == ["Older people", "Carers"]
    assert split_list("Older people, Carers", set()) == ["Older people", "Carers"]
    known = {"gypsy roma and traveller communities"}
    assert split_list("Gypsy, Roma and Traveller communities", known) == [
        "Gypsy, Roma and Traveller communities"
    ]
    assert split_list("", set()) == []


def test_a_filled_in_workbook_reads_like_the_csv(world):
    filled = template_xlsx(
        rows=[row(title="Lunch club", method="Lunch club", areas="Urmston", starts="2026-12-01")]
    )
    table = read_table(filled, name="list.xlsx")
    assert table.line_word == "Row" and table.rows[0][0] == "Lunch club" and table.headers == HEADERS
