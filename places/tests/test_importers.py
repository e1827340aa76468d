"""The import services on the real demo files in `demo_data/`, and on small bad files."""

import json
import tempfile
from pathlib import Path

import pytest
from django.db.models import Count
from django.test import TestCase

from governance.models import AuditAction, AuditEvent
from places.census import DEFAULT_AGE_BANDS
from places.demo import FORCE_CODE, places_demo_load
from places.importers import (
    ImportFailed,
    ImportSummary,
    boundaries_import,
    census_import,
    lookup_import,
    normalise_postcode,
    postcodes_import,
)
from places.models import Area, AreaLevel, PopulationCount, Postcode
from places.services import area_get_or_create, area_set_parent
from places.tests.factories import AreaFactory

from .conftest import BOUNDARIES, CENSUS, LOOKUP, POSTCODES, WARD_FILES, tidy_rows

TRAFFORD = "E08000009"


def parent_code(code):
    return Area.objects.filter(code=code).values_list("parent__code", flat=True).get()


def snapshot():
    """Everything the imports write, in comparable form."""
    return (
        sorted(Area.objects.values_list("code", "name", "level", "parent__code", "msoa__code", "path")),
        sorted(Area.objects.filter(boundary__isnull=False).values_list("code", flat=True)),
        sorted(PopulationCount.objects.values_list("area__code", "dimension", "category", "count", "source")),
        sorted(Postcode.objects.values_list("postcode", "lsoa__code", "latitude", "longitude")),
    )


class DemoDataTests(TestCase):
    """The whole demo set, loaded once for the class (each test runs in a rolled-back
    transaction on top of it)."""

    summaries: list[ImportSummary]

    @classmethod
    def setUpTestData(cls):
        cls.summaries = places_demo_load()

    def test_areas_and_levels(self):
        levels = dict(
            Area.objects.values("level").annotate(n=Count("id")).values_list("level", "n").order_by()
        )
        assert levels == {"force": 1, "district": 10, "neighbourhood": 21, "lsoa": 139, "msoa": 28}
        trafford = Area.objects.get(code=TRAFFORD)
        assert trafford.name == "Trafford"
        assert parent_code(TRAFFORD) == FORCE_CODE
        assert Area.objects.filter(level=AreaLevel.DISTRICT, parent__code=FORCE_CODE).count() == 10

    def test_tree_links_lsoas_to_wards_to_trafford(self):
        trafford = Area.objects.get(code=TRAFFORD)
        wards = Area.objects.filter(parent=trafford, level=AreaLevel.NEIGHBOURHOOD)
        assert wards.count() == 21
        lsoas = Area.objects.filter(level=AreaLevel.LSOA)
        assert set(lsoas.values_list("parent__level", flat=True)) == {AreaLevel.NEIGHBOURHOOD}
        assert Area.objects.within(trafford).filter(level=AreaLevel.LSOA).count() == 139
        lsoa = Area.objects.get(code="E01006109")  # Trafford 001A, in Longford ward (E05000825)
        assert lsoa.path == f"{FORCE_CODE}/{TRAFFORD}/E05000825/E01006109/"
        assert lsoa.msoa_id == Area.objects.get(code="E02001259").pk
        assert not lsoas.filter(msoa__isnull=True).exists()
        assert set(Area.objects.filter(level=AreaLevel.MSOA).values_list("parent__code", flat=True)) == {
            TRAFFORD
        }

    def test_population_counts(self):
        ward = Area.objects.get(code="E05000819")
        counts = dict(ward.population_counts.filter(dimension="sex").values_list("category", "count"))
        assert counts == {"Female": 6599, "Male": 6332}
        ages = (
            ward.population_counts.filter(dimension="age").order_by("id").values_list("category", flat=True)
        )
        assert list(ages) == list(DEFAULT_AGE_BANDS)
        for code in ("E01006109", "E02001259", "E08000001"):
            assert PopulationCount.objects.filter(area__code=code).exists()
        assert not PopulationCount.objects.filter(dimension="age", category__startswith="Aged").exists()

    def test_boundaries(self):
        with_boundary = Area.objects.filter(boundary__isnull=False)
        assert with_boundary.count() == 10 + 21 + 28 + 139
        ward = Area.objects.get(code="E05000819")
        boundary = ward.boundary.geometry
        assert boundary is not None and boundary["type"] == "MultiPolygon"
        lon, lat = boundary["coordinates"][0][0][0]
        assert -2.5 < lon < -2.2 and 53.3 < lat < 53.5

    def test_postcodes_join_through_the_lsoa(self):
        assert Postcode.objects.count() == 11_264
        # M15 4AD: the postcode file gives the 2023 ward E05015253 (Old Trafford), which the
        # Census does not know; through its LSOA it reaches the 2022 Census ward.
        postcode = Postcode.objects.select_related("lsoa__parent").get(postcode="M15 4AD")
        assert postcode.lsoa.code == "E01006112"
        ward = postcode.lsoa.parent
        assert ward is not None
        assert ward.level == AreaLevel.NEIGHBOURHOOD
        assert ward.code.startswith("E050008")
        assert not Area.objects.filter(code="E05015253").exists()
        assert postcode.latitude == pytest.approx(53.464903)

    def test_each_import_is_audited(self):
        events = AuditEvent.objects.filter(action=AuditAction.IMPORT, actor_label="system")
        assert events.count() == len(self.summaries) == 7
        census = events.get(object_type="places.populationcount")
        assert census.changes["created"] == self.summaries[0].created > 7000

    def test_second_load_changes_nothing(self):
        before = snapshot()
        summaries = places_demo_load()
        assert [(s.created, s.updated, s.deleted, s.areas_created) for s in summaries] == [(0, 0, 0, 0)] * 7
        assert all(
            s.unchanged == s.read for s in summaries if s.what in ("Boundary import", "Postcode import")
        )
        assert summaries[0].unchanged == self.summaries[0].created
        assert snapshot() == before

    def test_bad_late_row_leaves_everything_as_it_was(self):
        good = CENSUS / "2021_population_religion_ward_trafford.csv"
        lines = (CENSUS / "2021_sexual_orientation_msoa_trafford.csv").read_text().splitlines()
        lines[-1] = lines[-1].rsplit(",", 1)[0] + ",n/a"
        bad = self._tmp("2021_sexual_orientation_msoa_x.csv", "\n".join(lines) + "\n")
        # Change a count so that the good file would update something before the bad one fails.
        PopulationCount.objects.filter(area__code="E05000819", category="Christian").update(count=1)
        before = snapshot()
        with pytest.raises(ImportFailed, match=rf"line {len(lines)}: value 'n/a' is not a whole number"):
            census_import(paths=[good, bad])
        assert snapshot() == before

    def test_bad_postcode_row_leaves_everything_as_it_was(self):
        Postcode.objects.filter(postcode="M15 4AD").delete()
        before = snapshot()
        lines = POSTCODES.read_text().splitlines()
        lines[-1] = "NOT A POSTCODE," + lines[-1].split(",", 1)[1]
        bad = self._tmp("postcodes.csv", "\n".join(lines) + "\n")
        with pytest.raises(ImportFailed, match=rf"line {len(lines)}: 'NOT A POSTCODE' is not a UK postcode"):
            postcodes_import(path=bad)
        assert snapshot() == before

    def test_reimport_with_other_age_bands_replaces_the_old_ones(self):
        ward_age = CENSUS / "2021_population_by_sex_and_age_ward_trafford.csv"
        summary = census_import(paths=[ward_age], age_bands=["0-17", "18-64", "65+"])
        assert summary.deleted == 21 * 8 and summary.created == 21 * 3
        ages = PopulationCount.objects.filter(area__code="E05000819", dimension="age")
        assert sorted(ages.values_list("category", flat=True)) == ["0-17", "18-64", "65+"]
        assert sum(ages.values_list("count", flat=True)) == 12929

    def _tmp(self, name, text):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = Path(folder.name) / name
        path.write_text(text, encoding="utf-8")
        return path


# --- smaller, function-scoped tests -------------------------------------------------------


@pytest.mark.django_db
def test_census_creates_areas_from_the_file():
    summary = census_import(paths=WARD_FILES)
    assert summary.areas_created == 21
    assert Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, parent__isnull=True).count() == 21
    again = census_import(paths=WARD_FILES)
    assert (again.created, again.updated, again.deleted, again.areas_created) == (0, 0, 0, 0)
    assert again.unchanged == summary.created


@pytest.mark.django_db
def test_census_missing_file_writes_nothing(tmp_path):
    with pytest.raises(ImportFailed, match=r"missing\.csv: no such file"):
        census_import(paths=[WARD_FILES[0], tmp_path / "missing.csv"])
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_census_bad_age_bands():
    with pytest.raises(ImportFailed, match="should start at 16"):
        census_import(paths=WARD_FILES, age_bands=["0-15", "18+"])


@pytest.mark.django_db
def test_another_districts_file_imports_without_code_changes(write_csv):
    # Synthetic counts for two Leeds wards (real codes and names, made-up numbers) in the
    # same tidy-long layout, ethnic group at ward level.
    rows = []
    for code, name, white, asian in (
        ("E05011416", "Headingley & Hyde Park", 14210, 1903),
        ("E05011418", "Hunslet & Riverside", 21030, 2870),
    ):
        rows += tidy_rows(
            code,
            name,
            "Electoral ward",
            {
                "White: English, Welsh, Scottish, Northern Irish or British": white,
                "White: Roma": 41,
                "Asian, Asian British or Asian Welsh: Pakistani": asian,
            },
            column="ethnic_group",
        )
    summary = census_import(paths=[write_csv("2021_ethnic_group_ward_leeds.csv", rows)])
    assert summary.areas_created == 2
    ward = Area.objects.get(code="E05011416")
    assert (ward.name, ward.level) == ("Headingley & Hyde Park", AreaLevel.NEIGHBOURHOOD)
    assert dict(ward.population_counts.filter(dimension="ethnicity").values_list("category", "count")) == {
        "White": 14251,
        "Asian, Asian British or Asian Welsh": 1903,
    }


@pytest.mark.django_db
def test_lookup_links_and_is_idempotent():
    census_import(paths=[*WARD_FILES, CENSUS / "2021_population_by_sex_la_gm.csv"])
    area_get_or_create(code=FORCE_CODE, name="Greater Manchester Police", level=AreaLevel.FORCE)
    summary = lookup_import(path=LOOKUP, parent_code=FORCE_CODE, existing_only=True)
    # 21 wards under Trafford and the 10 districts under the force; no LSOAs imported.
    assert (summary.updated, summary.areas_created) == (31, 0)
    assert Area.objects.get(code="E05000819").path == f"{FORCE_CODE}/{TRAFFORD}/E05000819/"
    assert not Area.objects.filter(level=AreaLevel.LSOA).exists()
    again = lookup_import(path=LOOKUP, parent_code=FORCE_CODE, existing_only=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 31)


@pytest.mark.django_db
def test_lookup_creates_areas_and_msoa_links(write_csv):
    # A synthetic LSOA -> MSOA -> district lookup (real codes): the MSOA is not the LSOA's
    # tree parent, the district is.
    rows = [
        {
            "LSOA21CD": "E01006109",
            "LSOA21NM": "Trafford 001A",
            "MSOA21CD": "E02001259",
            "MSOA21NM": "Trafford 001",
            "LAD22CD": TRAFFORD,
            "LAD22NM": "Trafford",
            "ObjectId": "1",
        },
        {
            "LSOA21CD": "E01006110",
            "LSOA21NM": "Trafford 001B",
            "MSOA21CD": "E02001259",
            "MSOA21NM": "Trafford 001",
            "LAD22CD": TRAFFORD,
            "LAD22NM": "Trafford",
            "ObjectId": "2",
        },
    ]
    summary = lookup_import(path=write_csv("lsoa_msoa_lad.csv", rows))
    assert summary.areas_created == 4
    lsoa = Area.objects.get(code="E01006109")
    assert lsoa.level == AreaLevel.LSOA
    assert parent_code("E01006109") == TRAFFORD
    assert lsoa.msoa_id == Area.objects.get(code="E02001259").pk
    assert parent_code("E02001259") == TRAFFORD


@pytest.mark.django_db
def test_ward_to_district_lookup(write_csv):
    rows = [{"wd22cd": "W05001000", "wd22nm": "Cathays", "lad22cd": "W06000015", "lad22nm": "Cardiff"}]
    lookup_import(path=write_csv("ward_lad.csv", rows))
    ward = Area.objects.get(code="W05001000")
    assert (ward.level, ward.path) == (AreaLevel.NEIGHBOURHOOD, "W06000015/W05001000/")
    assert Area.objects.get(code="W06000015").level == AreaLevel.DISTRICT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"code": "E05000819", "name": "Altrincham"}], "wrong columns: expected code/name pairs"),
        (
            [{"lad22cd": TRAFFORD, "lad22nm": "T", "wd22cd": "E05000819", "wd22nm": "A"}],
            "columns must go from child to parent",
        ),
        (
            [{"wd22cd": "E05000819", "wd22nm": "A", "lad22cd": "X99000001", "lad22nm": "?"}],
            "line 2: cannot tell the level of 'X99000001'",
        ),
        (
            [
                {"wd22cd": "E05000819", "wd22nm": "A", "lad22cd": TRAFFORD, "lad22nm": "T"},
                {"wd22cd": "E05000819", "wd22nm": "A", "lad22cd": "E08000001", "lad22nm": "B"},
            ],
            "line 3: E05000819 is linked to E08000001 here but to E08000009 on line 2",
        ),
    ],
)
def test_bad_lookups(write_csv, rows, message):
    with pytest.raises(ImportFailed, match=message):
        lookup_import(path=write_csv("lookup.csv", rows))
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_lookup_failing_after_creating_areas_rolls_them_back(write_csv):
    ward, _ = area_get_or_create(code="E05000819", name="Altrincham", level=AreaLevel.NEIGHBOURHOOD)
    before = snapshot()
    rows = [
        {"lsoa21cd": "E01006109", "lsoa21nm": "Trafford 001A", "lad22cd": TRAFFORD, "lad22nm": "Trafford"}
    ]
    with pytest.raises(
        ImportFailed, match=r"E08000009 \(district\) cannot sit under E05000819 \(neighbourhood\)"
    ):
        lookup_import(path=write_csv("lookup.csv", rows), parent_code=ward.code)
    assert snapshot() == before


@pytest.mark.django_db
def test_lookup_parent_must_exist():
    with pytest.raises(ImportFailed, match="--parent E23000099: no area with that code"):
        lookup_import(path=LOOKUP, parent_code="E23000099")


@pytest.mark.django_db
def test_boundaries_create_missing_areas_with_a_level(tmp_path):
    collection = json.loads((BOUNDARIES / "trafford_ward_generalised.geojson").read_text())
    collection["features"] = collection["features"][:2]
    for feature in collection["features"]:
        feature["properties"]["area_code"] = feature["properties"]["area_code"].replace("E05", "Z99")
    path = tmp_path / "odd.geojson"
    path.write_text(json.dumps(collection))
    with pytest.raises(
        ImportFailed, match="feature 1: cannot tell the level of Z99000819 from its code; pass --level"
    ):
        boundaries_import(path=path)
    summary = boundaries_import(path=path, level="neighbourhood")
    assert (summary.created, summary.areas_created) == (2, 2)
    assert Area.objects.get(code="Z99000819").boundary.geometry == collection["features"][0]["geometry"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "FeatureCollection",\n "features": [}', "line 2: not valid JSON"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {}}]}',
            "feature 1: no area_code property",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {"area_code": "E05000819"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[376000, 387000], [376100, 387000]]]}}]}',
            "coordinates are not WGS84",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {"area_code": "E05000819"}, '
            '"geometry": {"type": "Point", "coordinates": [-2.3, 53.4]}}]}',
            "must be a Polygon or MultiPolygon",
        ),
    ],
)
def test_bad_geojson(tmp_path, text, message):
    path = tmp_path / "bad.geojson"
    path.write_text(text)
    with pytest.raises(ImportFailed, match=message):
        boundaries_import(path=path)


@pytest.mark.django_db
def test_postcodes_skip_lsoas_not_imported(write_csv):
    census_import(paths=[CENSUS / "2021_population_by_sex_lsoa_trafford.csv"])
    rows = [
        {"postcode": "m154ad", "lsoa_code": "E01006112", "lat": "53.464903", "lon": "-2.260757"},
        {"postcode": "LS6 1AA", "lsoa_code": "E01011352", "lat": "", "lon": ""},
    ]
    summary = postcodes_import(path=write_csv("pc.csv", rows))
    assert (summary.created, summary.skipped) == (1, 1)
    assert Postcode.objects.get().postcode == "M15 4AD"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"postcode": "M15 4AD", "lsoa_code": "E01006112", "lat": "north", "lon": "-2.26"},
            "line 2: latitude 'north' is not a number",
        ),
        ({"postcode": "M15 4AD", "lsoa_code": "", "lat": "", "lon": ""}, "line 2: lsoa_code is empty"),
        ({"postcode": "M15 4AD", "lsoa_code": "E01006112", "lat": "153", "lon": "-2.26"}, "out of range"),
    ],
)
def test_bad_postcode_rows(write_csv, row, message):
    with pytest.raises(ImportFailed, match=message):
        postcodes_import(path=write_csv("pc.csv", [row]))


@pytest.mark.django_db
def test_postcode_file_needs_its_columns(write_csv):
    with pytest.raises(ImportFailed, match="line 1: wrong columns: expected postcode and lsoa_code"):
        postcodes_import(path=write_csv("pc.csv", [{"pcd": "M15 4AD", "lsoa": "E01006112"}]))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("m154ad", "M15 4AD"), (" WA15  8AA ", "WA15 8AA"), ("SW1A1AA", "SW1A 1AA"), ("M15", None)],
)
def test_normalise_postcode(raw, clean):
    assert normalise_postcode(raw) == clean


@pytest.mark.django_db
def test_imported_postcodes_are_found_at_once_by_the_cached_home_page(write_csv, client):
    """Bulk writes send no signals, so the import itself makes cached public pages stale."""
    census_import(paths=[CENSUS / "2021_population_by_sex_lsoa_trafford.csv"])
    lsoa = Area.objects.get(code="E01006112")
    ward = AreaFactory(code="E05000829", name="Longford", level=AreaLevel.NEIGHBOURHOOD)
    area_set_parent(area=lsoa, parent=ward)
    assert client.get("/?postcode=M15+4AD").status_code == 200  # not found: the page says so
    postcodes_import(path=write_csv("pc.csv", [{"postcode": "M15 4AD", "lsoa_code": "E01006112"}]))
    assert client.get("/?postcode=M15+4AD").status_code == 302
