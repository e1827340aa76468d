"""The Django-free Census parser, on the real Trafford files and on small files written here.
Counts in the files written here are made up for the test, not Census figures."""

import csv
from collections import Counter, defaultdict
from fractions import Fraction

import pytest

from places import census
from places.census import DataFileError, read_census

from .conftest import CENSUS, tidy_rows

WARD_AGE = CENSUS / "2021_population_by_sex_and_age_ward_trafford.csv"
LSOA_AGE = CENSUS / "2021_population_by_5_year_age_bands_lsoa_trafford.csv"
WARD_ETHNIC = CENSUS / "2021_population_ethnic_group_ward_trafford.csv"


def source(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def by_area(rows, dimension):
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        if row.dimension == dimension:
            result[row.area_code][row.category] = row.count
    return result


# --- which column, which dimension, which sex ---------------------------------------------


def test_category_column_is_the_one_non_standard_column():
    table = read_census(CENSUS / "2021_population_religion_ward_trafford.csv")
    assert table.category_column == "religion"
    assert table.table == "religion"
    assert len({r.area_code for r in table.rows}) == 21


def test_category_is_in_indicator_when_there_is_no_category_column():
    table = read_census(CENSUS / "2021_population_by_sex_ward_trafford.csv")
    assert table.category_column == "indicator"
    assert table.dimensions == ["sex"]
    assert {r.category for r in table.rows} == {"Female", "Male"}  # "All persons" is a total


def test_dimension_comes_from_values_not_the_file_name(write_csv):
    rows = tidy_rows(
        "E05000819",
        "Altrincham",
        "Electoral ward",
        {"Christian": 10, "Not answered": 2},
        column="ethnic_group",
    )
    path = write_csv("2021_population_ethnic_group_ward_x.csv", rows)
    table = read_census(path)
    assert table.table == "religion"
    assert [(r.dimension, r.category, r.count) for r in table.rows] == [
        ("religion", "Christian", 10),
        ("religion", "Not answered", 2),
    ]


def test_shared_category_names_follow_the_rest_of_the_table(write_csv):
    # "Not answered" is in religion, sexual orientation and gender identity tables.
    rows = tidy_rows(
        "E02001259", "Trafford 001", "Middle-layer Super Output Area", {"Not answered": 7, "Bisexual": 3}
    )
    table = read_census(write_csv("so.csv", rows))
    assert {(r.dimension, r.category) for r in table.rows} == {
        ("sexual_orientation", "Not answered"),
        ("sexual_orientation", "Bisexual"),
    }


def test_categories_from_two_tables_are_refused(write_csv):
    rows = tidy_rows("E05000819", "Altrincham", "Electoral ward", {"Christian": 10, "Female": 4}, column="x")
    with pytest.raises(DataFileError, match=r"line 3: category 'Female' does not belong with 'Christian'"):
        read_census(write_csv("mixed.csv", rows))


def test_sex_column_keeps_only_all_persons_rows():
    table = read_census(WARD_AGE)
    assert table.dimensions == ["age"]
    expected: Counter[str] = Counter()
    for row in source(WARD_AGE):
        if row["sex"] == "All persons":
            expected[row["area_code"]] += int(row["value"])
    got: Counter[str] = Counter()
    for row in table.rows:
        got[row.area_code] += row.count
    assert got == expected
    assert sum(expected.values()) == 235_040  # not twice that, as summing every row would give


def test_sex_column_without_all_persons_adds_up_the_sexes(write_csv):
    rows = []
    for sex, count in (("Female", 6), ("Male", 5)):
        for row in tidy_rows(
            "E05000819", "Altrincham", "Electoral ward", {"Aged 30 years": count}, column="age"
        ):
            rows.append({**row, "sex": sex})
    table = read_census(write_csv("by_sex.csv", rows))
    assert by_area(table.rows, "age")["E05000819"]["25-34"] == 11


def test_sex_as_the_category_column(write_csv):
    rows = [
        {**row, "sex": sex}
        for sex, count in (("All persons", 9), ("Female", 5), ("Male", 4))
        for row in tidy_rows("W05001000", "Cathays", "Electoral ward", {"Usual residents": count})
    ]
    table = read_census(write_csv("sex.csv", rows))
    assert table.category_column == "sex"
    assert [(r.category, r.count) for r in table.rows] == [("Female", 5), ("Male", 4)]


# --- ages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "ages"),
    [
        ("Aged under 1 year", (0, 0)),
        ("Aged 1 year", (1, 1)),
        ("Aged 47 years", (47, 47)),
        ("Aged 4 years and under", (0, 4)),
        ("Aged 5 to 9 years", (5, 9)),
        ("Aged 85 years and over", (85, None)),
        ("Aged 90 years and over", (90, None)),
        ("Aged 100 years and over", (100, None)),
        ("Aged 16 to 24 years", (16, 24)),
        ("Aged under 16 years", (0, 15)),
        ("Christian", None),
    ],
)
def test_source_age_labels(label, ages):
    assert census.parse_source_age(label) == ages


def test_single_years_bin_exactly():
    table = read_census(WARD_AGE)
    expected: dict[str, Counter[str]] = defaultdict(Counter)
    bands = census.parse_age_bands(census.DEFAULT_AGE_BANDS)
    for row in source(WARD_AGE):
        if row["sex"] != "All persons":
            continue
        ages = census.parse_source_age(row["age"])
        assert ages is not None
        low = ages[0]
        band = next(b for b in bands if b.covers(low))
        expected[row["area_code"]][band.label] += int(row["value"])
    got = by_area(table.rows, "age")
    assert len(got) == 21
    for code, bands_counts in got.items():
        assert list(bands_counts) == list(census.DEFAULT_AGE_BANDS)
        assert bands_counts == dict(expected[code])


def test_five_year_bands_split_the_straddling_band_and_keep_totals():
    table = read_census(LSOA_AGE)
    got = by_area(table.rows, "age")
    rows: dict[str, dict[str, int]] = defaultdict(dict)
    for row in source(LSOA_AGE):
        rows[row["area_code"]][row["indicator"]] = int(row["value"])
    assert len(got) == 139
    for code, published in rows.items():
        assert sum(got[code].values()) == sum(published.values())
        # 0-15 is 0-4, 5-9, 10-14 and a fifth of 15-19 (rounded either way).
        whole = (
            published["Aged 4 years and under"]
            + published["Aged 5 to 9 years"]
            + published["Aged 10 to 14 years"]
        )
        fifth = Fraction(published["Aged 15 to 19 years"], 5)
        assert whole + int(fifth) <= got[code]["0-15"] <= whole + int(fifth) + 1
        assert got[code]["75+"] == sum(
            published[k] for k in published if k.startswith(("Aged 75", "Aged 80", "Aged 85"))
        )


def test_straddling_bands_are_apportioned_by_largest_remainder(write_csv):
    # Made-up counts. Bands 0-17 / 18-64 / 65+ against 5-year groups: 15-19 splits 3:2,
    # 60-64 and 65-69 fall whole.
    counts = {
        "Aged 10 to 14 years": 4,
        "Aged 15 to 19 years": 7,
        "Aged 60 to 64 years": 3,
        "Aged 65 to 69 years": 2,
    }
    rows = tidy_rows("E05000819", "Altrincham", "Electoral ward", counts)
    table = read_census(write_csv("ages.csv", rows), age_bands=["0-17", "18-64", "65+"])
    got = by_area(table.rows, "age")["E05000819"]
    # 7 x 3/5 = 4.2 -> 0-17 gets 4 + 4 = 8.2, 18-64 gets 2.8 + 3 = 5.8: floors 8 and 5, and the
    # one left over goes to the larger remainder (0.8 > 0.2).
    assert got == {"0-17": 8, "18-64": 6, "65+": 2}
    assert sum(got.values()) == sum(counts.values())


def test_apportion_preserves_the_total():
    assert census.apportion([Fraction(1, 3)] * 3) == [1, 0, 0]
    assert census.apportion([Fraction(5, 2), Fraction(5, 2)]) == [3, 2]
    assert census.apportion([Fraction(17, 10), Fraction(23, 10), Fraction(0)]) == [2, 2, 0]
    shares = census.age_shares(15, 19, 1001, census.parse_age_bands(census.DEFAULT_AGE_BANDS))
    assert sum(census.apportion(shares)) == 1001


def test_hundred_and_over_falls_in_the_open_band(write_csv):
    counts = {"Aged 99 years": 3, "Aged 100 years and over": 2, "Aged 15 years": 1}
    table = read_census(
        write_csv("old.csv", tidy_rows("E05000819", "A", "Electoral ward", counts, column="age"))
    )
    got = by_area(table.rows, "age")["E05000819"]
    assert got["75+"] == 5
    assert got["0-15"] == 1


def test_an_open_ended_group_that_straddles_a_band_is_refused(write_csv):
    counts = {"Aged 64 years and under": 10, "Aged 65 years and over": 4}
    with pytest.raises(
        DataFileError, match=r"line 3: the open-ended age group 'Aged 65 years and over' straddles"
    ):
        read_census(write_csv("wide_open.csv", tidy_rows("E05000819", "A", "Electoral ward", counts)))


def test_overlapping_age_groups_are_refused(write_csv):
    counts = {"Aged 15 to 19 years": 10, "Aged 16 to 24 years": 4}
    with pytest.raises(DataFileError, match="age groups overlap"):
        read_census(write_csv("overlap.csv", tidy_rows("E05000819", "A", "Electoral ward", counts)))


@pytest.mark.parametrize(
    "bands", [["1-15", "16+"], ["0-15", "17+"], ["0-15", "16-64"], ["0-15", "16+", "65+"], ["x"]]
)
def test_age_bands_must_cover_everyone_once(bands):
    with pytest.raises(ValueError, match="band"):
        census.parse_age_bands(bands)


# --- categories ---------------------------------------------------------------------------


def test_ethnicity_broad_and_detailed():
    table = read_census(WARD_ETHNIC)
    broad = by_area(table.rows, "ethnicity")
    detailed = by_area(table.rows, "ethnicity_detailed")
    assert list(broad["E05000819"]) == [
        "Asian, Asian British or Asian Welsh",
        "Black, Black British, Black Welsh, Caribbean or African",
        "Mixed or Multiple ethnic groups",
        "White",
        "Other ethnic group",
    ]
    assert len(detailed["E05000819"]) == 19
    assert "White: Roma" in detailed["E05000819"]
    published: Counter[tuple[str, object]] = Counter()
    for row in source(WARD_ETHNIC):
        published[(row["area_code"], row["ethnic_group"].split(":")[0])] += int(row["value"])
    for code, groups in broad.items():
        for group, count in groups.items():
            assert count == published[(code, group)]
        assert sum(groups.values()) == sum(detailed[code].values())


def test_ethnic_subtotal_rows_are_not_counted_twice(write_csv):
    counts = {
        "Total: All usual residents": 30,
        "White": 20,
        "White: Irish": 5,
        "White: Roma": 15,
        "Asian, Asian British or Asian Welsh": 10,
    }
    counts["Asian, Asian British or Asian Welsh: Indian"] = 10
    table = read_census(
        write_csv("eth.csv", tidy_rows("E05000819", "A", "Electoral ward", counts, column="ethnic_group"))
    )
    assert by_area(table.rows, "ethnicity")["E05000819"] == {
        "Asian, Asian British or Asian Welsh": 10,
        "White": 20,
    }


def test_broad_ethnic_groups_alone_give_no_detail(write_csv):
    counts = {"White": 20, "Mixed or Multiple ethnic groups": 3}
    table = read_census(
        write_csv("eth6.csv", tidy_rows("E05000819", "A", "Electoral ward", counts, column="ethnic_group"))
    )
    assert table.dimensions == ["ethnicity"]


def test_disability_and_sexual_orientation_and_religion_mapping():
    path = CENSUS / "2021_disability_ward_trafford.csv"
    published: Counter[tuple[str, object]] = Counter()
    for row in source(path):
        published[(row["area_code"], row["disability_category"].startswith("Disabled"))] += int(row["value"])
    disability = by_area(read_census(path).rows, "disability")
    assert len(disability) == 21
    for code, counts in disability.items():
        assert counts == {"Disabled": published[(code, True)], "Not disabled": published[(code, False)]}
    assert disability["E05000819"]["Disabled"] == 629 + 984
    orientation = read_census(CENSUS / "2021_sexual_orientation_msoa_trafford.csv")
    assert {r.category for r in orientation.rows} == set(census.SEXUAL_ORIENTATIONS)
    religion = read_census(CENSUS / "2021_population_religion_lsoa_trafford.csv")
    assert {r.category for r in religion.rows} == set(census.RELIGIONS)


def test_gender_identity_is_kept_as_published():
    table = read_census(CENSUS / "2021_gender_identity_msoa_trafford.csv")
    assert {r.category for r in table.rows} >= {"Trans woman", "Trans man", "Not answered"}


def test_does_not_apply_rows_are_skipped(write_csv):
    counts = {"Does not apply": 500, "Straight or Heterosexual": 40, "All other sexual orientations": 2}
    table = read_census(
        write_csv("so.csv", tidy_rows("E05000819", "A", "Electoral ward", counts, column="x"))
    )
    assert by_area(table.rows, "sexual_orientation")["E05000819"] == {
        "Straight or Heterosexual": 40,
        "Other sexual orientation": 2,
    }


def test_percentages_are_skipped(write_csv):
    rows = tidy_rows("E05000819", "A", "Electoral ward", {"Female": 6, "Male": 4})
    rows += [{**r, "measure": "Percentage", "value": "50"} for r in rows]
    table = read_census(write_csv("pc.csv", rows))
    assert [r.count for r in table.rows] == [6, 4]


# --- geography ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("geography", "level"),
    [
        ("Electoral ward", "neighbourhood"),
        ("Local authority", "district"),
        ("Lower-layer Super Output Area", "lsoa"),
        ("Middle-layer Super Output Area", "msoa"),
        ("Region", "region"),
        ("Country", "country"),
        ("Police force area", "force"),
    ],
)
def test_geography(geography, level):
    assert census.level_for_geography(geography) == level


def test_levels_are_area_levels():
    from places.models import AreaLevel

    assert set(census.GEOGRAPHIES.values()) | set(census.CODE_PREFIXES.values()) <= set(AreaLevel.values)


def test_geography_from_code_when_the_column_is_missing(write_csv):
    rows = tidy_rows("W05001000", "Cathays", "", {"Female": 6, "Male": 4})
    path = write_csv("no_geo.csv", rows, columns=[c for c in rows[0] if c != "geography"])
    assert {r.geography for r in read_census(path).rows} == {"neighbourhood"}


def test_unknown_geography(write_csv):
    rows = tidy_rows("E04000001", "A parish", "Parish", {"Female": 6})
    with pytest.raises(DataFileError, match=r"line 2: unknown geography 'Parish'"):
        read_census(write_csv("parish.csv", rows))


# --- bad files ----------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match=r"nope\.csv: no such file"):
        read_census(tmp_path / "nope.csv")


def test_not_a_csv_file():
    geojson = CENSUS.parent / "boundaries" / "trafford_ward_generalised.geojson"
    with pytest.raises(DataFileError, match="line 1: wrong columns: missing area_code, area_name, value"):
        read_census(geojson)


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(",".join(census.STANDARD_COLUMNS).encode() + b"\nE05000819,Caf\xe9\n")
    with pytest.raises(DataFileError, match=r"latin1\.csv, line 2: not valid UTF-8"):
        read_census(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(DataFileError, match="empty"):
        read_census(path)


def test_wide_file_is_refused(write_csv):
    rows = [
        {
            "area_code": "E08000009",
            "area_name": "Trafford",
            "geography": "Local authority",
            "period": "2021",
            "sex": "All persons",
            "all_ages": "1",
            "aged_0_to_15": "1",
        }
    ]
    with pytest.raises(DataFileError, match=r"wide table .*all_ages, aged_0_to_15"):
        read_census(write_csv("2021_population_by_sex_and_age_group_wide_la_x.csv", rows))


def test_non_numeric_value_names_the_line(write_csv):
    rows = tidy_rows(
        "E05000819", "A", "Electoral ward", {f"Aged {n} years": n for n in range(40)}, column="age"
    )
    rows[37]["value"] = "12a"
    with pytest.raises(DataFileError, match=r"bad\.csv, line 39: value '12a' is not a whole number"):
        read_census(write_csv("bad.csv", rows))


def test_unknown_category_names_the_line(write_csv):
    rows = tidy_rows("E05000819", "A", "Electoral ward", {"Christian": 3, "Jedi": 1}, column="religion")
    with pytest.raises(DataFileError, match=r"line 3: unknown category 'Jedi'"):
        read_census(write_csv("jedi.csv", rows))


def test_duplicate_rows(write_csv):
    rows = tidy_rows("E05000819", "A", "Electoral ward", {"Christian": 3}, column="religion") * 2
    with pytest.raises(
        DataFileError, match=r"line 3: duplicate row for E05000819 'Christian' \(first on line 2\)"
    ):
        read_census(write_csv("dup.csv", rows))


def test_ragged_row(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(",".join(census.REQUIRED_COLUMNS) + ",indicator\nE05000819,A,1,Female\nE05000819,A,1\n")
    with pytest.raises(DataFileError, match="line 3: expected 4 fields"):
        read_census(path)


def test_census_rows_yields_tuples():
    first = next(census.census_rows(CENSUS / "2021_population_by_sex_la_gm.csv"))
    assert first == ("E08000001", "Bolton", "district", "sex", "Female", 150056)
