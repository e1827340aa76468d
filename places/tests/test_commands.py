"""The management commands, called as a person would call them."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from places.census import DEFAULT_AGE_BANDS
from places.models import Area, AreaLevel, PopulationCount, Postcode

from .conftest import BOUNDARIES, CENSUS, LOOKUP, POSTCODES, WARD_FILES, tidy_rows

pytestmark = pytest.mark.django_db

TRAFFORD = "E08000009"


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), no_progress=True, **options)
    return out.getvalue()


def profile(code):
    out = StringIO()
    call_command("area_profile", code, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def wards_under_trafford(write_csv):
    """The 21 ward tables, linked to Trafford by a ward -> district lookup written here."""
    run("import_census", *map(str, WARD_FILES))
    codes = Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD).values_list("code", "name")
    rows = [{"wd22cd": c, "wd22nm": n, "lad22cd": TRAFFORD, "lad22nm": "Trafford"} for c, n in codes]
    run("import_lookup", str(write_csv("ward_lad.csv", rows)))


def test_import_census_prints_a_summary_and_is_idempotent():
    out = run("import_census", str(CENSUS / "2021_population_religion_ward_trafford.csv"))
    assert (
        out.strip() == "Census import: 189 rows read; 189 created, 0 updated, 0 unchanged, 21 areas created."
    )
    out = run("import_census", str(CENSUS / "2021_population_religion_ward_trafford.csv"))
    assert "0 created, 0 updated, 189 unchanged." in out


def test_import_census_age_bands_option():
    run(
        "import_census",
        str(CENSUS / "2021_population_by_5_year_age_bands_la_gm.csv"),
        "--age-bands",
        "0-17,18+",
    )
    assert set(PopulationCount.objects.values_list("category", flat=True)) == {"0-17", "18+"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "missing.csv: no such file"),
        ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "binary.csv, line 1: not valid UTF-8"),
        (
            "columns.csv",
            b"code,name,count\nE05000819,Altrincham,5\n",
            "line 1: wrong columns: missing area_code",
        ),
    ],
)
def test_import_census_bad_files_give_a_message_not_a_traceback(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        run("import_census", str(path))
    assert "Nothing was imported." in str(caught.value)
    assert not Area.objects.exists()


def test_import_census_unknown_category(write_csv):
    rows = tidy_rows(
        "E05000819", "Altrincham", "Electoral ward", {"Christian": 5, "Pastafarian": 1}, column="religion"
    )
    with pytest.raises(CommandError, match=r"relig\.csv, line 3: unknown category 'Pastafarian'"):
        run("import_census", str(write_csv("relig.csv", rows)))


def test_import_lookup_with_parent():
    run("import_census", str(CENSUS / "2021_population_by_sex_la_gm.csv"), *map(str, WARD_FILES))
    Area.objects.create(code="E23000005", name="Greater Manchester Police", level=AreaLevel.FORCE)
    out = run("import_lookup", str(LOOKUP), "--parent", "E23000005", "--existing-only")
    assert "31 updated" in out
    assert Area.objects.get(code="E05000819").path == f"E23000005/{TRAFFORD}/E05000819/"


def test_import_lookup_unknown_parent():
    with pytest.raises(CommandError, match="--parent E23000099: no area with that code"):
        run("import_lookup", str(LOOKUP), "--parent", "E23000099")


def test_import_boundaries_and_postcodes():
    run("import_census", str(CENSUS / "2021_population_by_sex_lsoa_trafford.csv"))
    out = run("import_boundaries", str(BOUNDARIES / "trafford_lsoa_generalised.geojson"))
    assert out.strip() == "Boundary import: 139 features read; 139 created, 0 updated, 0 unchanged."
    out = run(
        "import_boundaries", str(BOUNDARIES / "gm_local_authority_generalised.geojson"), "--level", "district"
    )
    assert "10 areas created" in out
    out = run("import_postcodes", str(POSTCODES))
    assert "11,264 created" in out
    assert Postcode.objects.filter(lsoa__code="E01006109").exists()
    out = run("import_postcodes", str(POSTCODES))
    assert "0 created, 0 updated, 11,264 unchanged." in out


def test_import_boundaries_bad_file(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text("not json")
    with pytest.raises(CommandError, match=r"x\.geojson, line 1: not valid JSON"):
        run("import_boundaries", str(path))


def test_district_profile_is_the_sum_of_its_wards(wards_under_trafford):
    district = profile(TRAFFORD)
    assert district["code"] == TRAFFORD and district["name"] == "Trafford"
    assert list(district["dimensions"]) == [
        "age",
        "sex",
        "ethnicity",
        "ethnicity_detailed",
        "religion",
        "disability",
    ]
    wards = Area.objects.filter(parent__code=TRAFFORD).values_list("code", flat=True)
    assert len(wards) == 21
    summed: dict[str, Counter[str]] = {}
    for code in wards:
        for dimension, categories in profile(code)["dimensions"].items():
            summed.setdefault(dimension, Counter()).update(categories)
    for dimension, categories in district["dimensions"].items():
        assert categories == dict(summed[dimension]), dimension
    assert district["population"] == sum(summed["sex"].values()) == 235_050
    assert list(district["dimensions"]["age"]) == list(DEFAULT_AGE_BANDS)


def test_own_counts_win_over_the_roll_up(wards_under_trafford):
    run("import_census", str(CENSUS / "2021_population_by_sex_la_gm.csv"))
    assert profile(TRAFFORD)["dimensions"]["sex"] == {
        "Female": 120_644,
        "Male": 114_408,
    }  # the LA table's own, not 120,642 from the wards
    assert profile(TRAFFORD)["population"] == 235_052


def test_ward_age_bands_add_up_to_its_population(write_csv):
    run("import_census", str(CENSUS / "2021_population_by_sex_and_age_ward_trafford.csv"))
    ward = profile("E05000819")
    assert list(ward["dimensions"]) == ["age"]
    assert sum(ward["dimensions"]["age"].values()) == ward["population"] == 12_929
    # With the sex table too, the population is the sex total: ONS perturbs each table on
    # its own, so the two totals differ by a few people.
    run("import_census", str(CENSUS / "2021_population_by_sex_ward_trafford.csv"))
    ward = profile("E05000819")
    assert ward["population"] == 12_931
    assert abs(sum(ward["dimensions"]["age"].values()) - ward["population"]) <= 0.005 * ward["population"]


def test_profile_table_format(wards_under_trafford):
    out = StringIO()
    call_command("area_profile", TRAFFORD, stdout=out)
    text = out.getvalue()
    assert text.startswith("Trafford (E08000009)\nPopulation: 235,050\n")
    assert "\nReligion (total 235,052)\n" in text
    assert "  75+  " in text


def test_profile_of_an_unknown_area():
    with pytest.raises(CommandError, match="No area with code E05999999"):
        call_command("area_profile", "e05999999")


def test_profile_of_an_area_without_data():
    Area.objects.create(code="E05000001", name="Empty", level=AreaLevel.NEIGHBOURHOOD, path="E05000001/")
    assert profile("E05000001") == {
        "code": "E05000001",
        "name": "Empty",
        "population": None,
        "dimensions": {},
    }


def test_a_cardiff_ward_imports_without_code_changes(write_csv):
    # Synthetic numbers (plausible, not Census figures) for a Welsh ward, in the tidy-long
    # layout: sex in `indicator`, religion in its own column, ages in 5-year bands.
    code, name = "W05001000", "Cathays"
    sex = tidy_rows(code, name, "Electoral ward", {"All persons": 21500, "Female": 10900, "Male": 10600})
    religion = tidy_rows(
        code,
        name,
        "Electoral ward",
        {"No religion": 11800, "Christian": 6400, "Muslim": 1900, "Hindu": 300, "Not answered": 1100},
        column="religion",
    )
    ages = {"Aged 4 years and under": 400, "Aged 5 to 9 years": 350, "Aged 10 to 14 years": 300}
    ages |= {"Aged 15 to 19 years": 4500, "Aged 20 to 24 years": 9800, "Aged 25 to 29 years": 2600}
    ages |= {"Aged 30 to 64 years": 3000, "Aged 65 years and over": 550}
    files = [
        write_csv("2021_population_by_sex_ward_cardiff.csv", sex),
        write_csv("2021_population_religion_ward_cardiff.csv", religion),
        write_csv("2021_population_by_age_ward_cardiff.csv", tidy_rows(code, name, "Electoral ward", ages)),
    ]
    with pytest.raises(CommandError, match="'Aged 65 years and over' straddles the band 65-74"):
        run("import_census", *map(str, files))
    out = run("import_census", *map(str, files), "--age-bands", "0-15,16-24,25-64,65+")
    assert "1 areas created" in out
    area = Area.objects.get(code=code)
    assert (area.name, area.level) == (name, AreaLevel.NEIGHBOURHOOD)
    cathays = profile(code)
    assert cathays["population"] == 21500
    assert cathays["dimensions"]["religion"]["Muslim"] == 1900
    # 15-19 splits 1:4 between 0-15 and 16-24; 25-29 and 30-64 both fall in 25-64.
    assert cathays["dimensions"]["age"] == {"0-15": 1950, "16-24": 13400, "25-64": 5600, "65+": 550}


def test_import_postcodes_says_why_it_skipped(write_csv):
    path = write_csv("pc.csv", [{"postcode": "M15 4AD", "lsoa_code": "E01006112"}])
    out = run("import_postcodes", str(path))
    assert "1 skipped" in out
    assert "1 postcodes were skipped because their LSOA is not imported" in out
