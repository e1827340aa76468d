"""Bad input to the Census reader and the importers, branch by branch: each refusal names the
file, the line (or feature) and the problem, and nothing is written."""

import json

import pytest

from places.census import DataFileError, read_census, read_csv
from places.importers import ImportFailed, boundaries_import, lookup_import, postcodes_import
from places.models import Area, AreaBoundary, AreaLevel, Postcode
from places.services import area_get_or_create

from .conftest import tidy_rows

TRAFFORD = "E08000009"

# --- a CSV cut short inside a quoted field -------------------------------------------------


def test_a_file_ending_inside_a_quoted_field_is_refused(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('code,name\nE05000819,Altrincham\nE05000820,"Ashton upon\nMersey\n')
    _header, rows = read_csv(path)
    assert next(rows) == (2, ["E05000819", "Altrincham"])
    with pytest.raises(DataFileError, match=r"cut\.csv, line 3: the file ends inside a quoted field"):
        next(rows)


def test_a_header_ending_inside_a_quoted_field_is_refused(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('code,"name\n')
    with pytest.raises(DataFileError, match=r"line 1: the file ends inside a quoted field"):
        read_csv(path)


def test_quoted_fields_over_several_lines_still_read(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text('code,name\n"E05000819","Altrincham\nWest"\nE05000820,Ashton')
    assert list(read_csv(path)[1]) == [(3, ["E05000819", "Altrincham\nWest"]), (4, ["E05000820", "Ashton"])]


@pytest.mark.django_db
def test_a_cut_short_lookup_imports_nothing(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text(
        f"wd22cd,wd22nm,lad22cd,lad22nm\nE05000819,Altrincham,{TRAFFORD},Trafford\n"
        f'E05000820,Ashton,{TRAFFORD},"Traff'
    )
    with pytest.raises(ImportFailed, match="line 3: the file ends inside a quoted field"):
        lookup_import(path=path)
    assert not Area.objects.exists()


# --- the Census reader --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"area_code": ""}, "line 3: area_code is empty"),
        ({"religion": " "}, "line 3: religion is empty"),
        ({"sex": "Robots"}, "line 3: unknown sex 'Robots'"),
    ],
)
def test_bad_census_rows_name_the_line(write_csv, change, message):
    rows = tidy_rows("E05000819", "A", "Electoral ward", {"Christian": 3, "Muslim": 2}, column="religion")
    for row in rows:
        row["sex"] = "All persons"
    rows[1].update(change)
    with pytest.raises(DataFileError, match=message):
        read_census(write_csv("religion.csv", rows))


def test_census_area_of_unknown_code_without_geography(write_csv):
    rows = tidy_rows("X99000001", "A", "", {"Christian": 3}, column="religion")
    columns = [c for c in rows[0] if c != "geography"]
    with pytest.raises(DataFileError, match="line 2: cannot tell the geography of X99000001"):
        read_census(write_csv("religion.csv", rows, columns=columns))


def test_census_sex_totals_and_percentages_are_left_out(write_csv):
    rows = tidy_rows("E05000819", "A", "Electoral ward", {"Christian": 3, "Total: All usual residents": 5})
    rows = [{**r, "religion": r["indicator"], "sex": "All persons"} for r in rows]
    rows += [{**rows[0], "sex": "Female", "value": "2"}, {**rows[0], "measure": "Percent", "value": "60"}]
    table = read_census(write_csv("religion.csv", rows))
    assert [(r.category, r.count) for r in table.rows] == [("Christian", 3)] and table.rows_read == 4


# --- postcodes ----------------------------------------------------------------------------


@pytest.fixture
def lsoa(db):
    area_get_or_create(code="E05000819", name="Altrincham", level=AreaLevel.NEIGHBOURHOOD)
    lsoa, _ = area_get_or_create(code="E01006109", name="Trafford 001A", level=AreaLevel.LSOA)
    area_get_or_create(code="E02001259", name="Trafford 001", level=AreaLevel.MSOA)
    area_get_or_create(code="E02001260", name="Trafford 002", level=AreaLevel.MSOA)
    return lsoa


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"postcode": "M15 4AD", "lsoa_code": "E01006109"}, {"postcode": "m154ad", "lsoa_code": ""}],
            "line 3: M15 4AD appears again \\(first on line 2\\)",
        ),
        (
            [{"postcode": "M15 4AD", "lsoa_code": "E05000819"}],
            "line 2: E05000819 is a neighbourhood, not an LSOA",
        ),
        (
            [
                {"postcode": "M15 4AD", "lsoa_code": "E01006109", "msoa_code": "E02001259"},
                {"postcode": "M15 4AE", "lsoa_code": "E01006109", "msoa_code": "E02001260"},
            ],
            "line 3: E01006109 is in MSOA E02001260 here but in E02001259 on line 2",
        ),
    ],
)
def test_bad_postcode_files_write_nothing(write_csv, lsoa, rows, message):
    columns = ["postcode", "lsoa_code", "msoa_code"]
    with pytest.raises(ImportFailed, match=message):
        postcodes_import(path=write_csv("pc.csv", rows, columns=columns))
    assert not Postcode.objects.exists() and Area.objects.get(code="E01006109").msoa_id is None


@pytest.mark.django_db
def test_postcodes_place_their_msoa_under_the_district(write_csv, lsoa):
    area_get_or_create(code=TRAFFORD, name="Trafford", level=AreaLevel.DISTRICT)
    rows = [
        {"postcode": "M15 4AD", "lsoa_code": "E01006109", "msoa_code": "E02001259", "la_code": TRAFFORD},
        {"postcode": "M15 4AE", "lsoa_code": "E01006109", "msoa_code": "E02001259", "la_code": TRAFFORD},
    ]
    summary = postcodes_import(path=write_csv("pc.csv", rows))
    assert summary.extra == {"LSOAs linked to an MSOA": 1, "MSOAs placed under their district": 1}
    assert Area.objects.get(code="E02001259").parent.code == TRAFFORD
    again = postcodes_import(path=write_csv("pc.csv", rows))
    assert (again.created, again.unchanged, again.extra["LSOAs linked to an MSOA"]) == (0, 2, 0)


# --- boundaries ---------------------------------------------------------------------------

SQUARE = {"type": "Polygon", "coordinates": [[[-2.3, 53.4], [-2.2, 53.4], [-2.2, 53.5], [-2.3, 53.4]]]}


def _collection(*codes, **extra):
    features = [{"properties": {"area_code": c}, "geometry": SQUARE} for c in codes]
    return json.dumps({"type": "FeatureCollection", "features": features, **extra})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            _collection("E05000819", "e05000819"),
            "feature 2: E05000819 appears again \\(first as feature 1\\)",
        ),
        (
            _collection("E05000819", crs={"properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}),
            "British National Grid",
        ),
        ('{"type": "FeatureCollection", "features": ["x"]}', "feature 1: not a GeoJSON feature"),
        (b'{"type": "FeatureCollection",\n"features": ["\xe9"]}', "line 2: not valid UTF-8"),
    ],
)
def test_bad_boundary_files_write_nothing(tmp_path, content, message):
    path = tmp_path / "wards.geojson"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ImportFailed, match=message):
        boundaries_import(path=path)
    assert not AreaBoundary.objects.exists() and not Area.objects.exists()


@pytest.mark.django_db
def test_boundaries_level_must_be_a_level(tmp_path):
    with pytest.raises(ImportFailed, match="--level parish: choose one of"):
        boundaries_import(path=tmp_path / "none.geojson", level="parish")
    with pytest.raises(ImportFailed, match=r"none\.geojson: no such file"):
        boundaries_import(path=tmp_path / "none.geojson")


@pytest.mark.django_db
def test_boundaries_update_and_leave_unchanged(tmp_path):
    path = tmp_path / "wards.geojson"
    path.write_text(_collection("E05000819"))
    assert boundaries_import(path=path).areas_created == 1
    again = boundaries_import(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    moved = json.loads(_collection("E05000819"))
    moved["features"][0]["geometry"]["coordinates"][0][0] = [-2.31, 53.4]
    path.write_text(json.dumps(moved))
    assert boundaries_import(path=path).updated == 1
