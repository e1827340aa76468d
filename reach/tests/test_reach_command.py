"""manage.py reach: the JSON shape and the CSV, for Heard's participants and for a file of
participants gathered elsewhere, with clear errors (by line) and a non-zero exit for a bad one."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("reach", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def participants(ward, police):
    activity = activity_in(ward, police)
    forms(activity, 8, age_band="75+", sex="Female", disability="Disabled")
    forms(activity, 2, age_band="16-24", sex="Male", disability="Not disabled")
    return activity


def test_json_is_the_shape_of_the_issue(participants, ward):
    out, _ = _run("--area", ward.code, "--format", "json")
    shape = json.loads(out)
    assert set(shape) == {"age", "sex", "ethnicity", "religion", "disability"}
    for categories in shape.values():
        for cell in categories.values():
            assert set(cell) == {"participants", "share", "population_share", "ratio", "low", "high", "flag"}
            assert cell["flag"] in {"under", "over", "ok"}
    assert shape["age"]["75+"]["participants"] == 8  # exact: whoever runs it holds the database
    assert shape["age"]["75+"]["share"] == 0.8 and shape["age"]["75+"]["flag"] == "over"
    assert shape["disability"]["Disabled"] == {
        "participants": 8,
        "share": 0.8,
        "population_share": 0.18,
        "ratio": 4.444,
        "low": pytest.approx(0.4902, abs=1e-4),
        "high": pytest.approx(0.9433, abs=1e-4),
        "flag": "over",
    }


def test_csv_has_a_row_per_group(participants, ward):
    out, _ = _run("--area", ward.code, "--format", "csv", "--since", "2000-01-01")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "dimension",
        "category",
        "participants",
        "share",
        "population_share",
        "ratio",
        "low",
        "high",
        "flag",
    ]
    assert rows[[r[:2] for r in rows].index(["sex", "Female"])][:6] == [
        "sex",
        "Female",
        "8",
        "0.8",
        "0.51",
        "1.569",
    ]
    assert (
        len(rows) == 1 + 8 + 2 + 5 + 4 + 2
    )  # age, sex, ethnicity, religion (without "not answered"), disability


def test_since_leaves_earlier_activities_out(participants, ward):
    out, _ = _run("--area", ward.code, "--since", "2999-01-01")
    assert json.loads(out)["sex"]["Female"]["participants"] == 0


def test_a_participants_file(tmp_path, ward, other_ward):
    path = tmp_path / "survey.csv"
    path.write_text(
        "area_code,age,sex,ethnic_group,religion,disability\nE05000820,34,Female,Indian,Hindu,No\n".replace(
            ",No\n", ",Not disabled\n"
        )
        + "E05000820,25-34,Male,White,No religion,Disabled\n"
        + "e05000820,70,Female,,Prefer not to say,\n"
        + "E05000821,44,Male,White,Christian,Not disabled\n",
        encoding="utf-8",
    )
    out, err = _run("--area", ward.code, "--participants", str(path))
    shape = json.loads(out)
    assert set(shape) == {"age", "sex", "ethnicity", "religion", "disability"}
    assert shape["age"]["25-34"]["participants"] == 2 and shape["age"]["65-74"]["participants"] == 1
    assert shape["ethnicity"]["Asian, Asian British or Asian Welsh"]["participants"] == 1
    assert shape["ethnicity"]["White"]["share"] == 0.5  # of the two who answered
    assert "1 people in the file live outside Altrincham" in err
    everyone, _ = _run("--participants", str(path))
    assert json.loads(everyone)["sex"]["Male"]["participants"] == 2  # both wards, added up


def test_a_bad_file_says_every_problem_by_line_and_gives_nothing(tmp_path, ward):
    path = tmp_path / "bad.csv"
    path.write_text(
        "area_code,age,sex\nE05000820,200,Female\nE99999999,30,Man\nE05000820,,\n", encoding="utf-8"
    )
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("reach", "--area", ward.code, "--participants", str(path), stdout=out)
    message = str(raised.value)
    assert "Line 2, age: 200 is not an age in years" in message
    assert (
        "Line 3: no area has the code “E99999999”" in message
        and "Line 3, sex: “Man” is not one of" in message
    )
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("age,sex\n34,Female\n", "needs an area_code column"),
        ("area_code,colour\nE05000820,blue\n", "unknown column “colour”"),
        ("area_code\nE05000820\n", "give at least one of age"),
        ("area_code,sex\n", "nobody under it"),
        ("", "empty"),
        ('area_code,sex\nE05000820,"Female\n', "never closed"),
    ],
)
def test_files_that_cannot_be_read(tmp_path, ward, content, problem):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=problem):
        call_command("reach", "--participants", str(path), stdout=io.StringIO())


def test_bad_arguments(ward):
    with pytest.raises(CommandError, match="No area with code"):
        _run("--area", "E00000000")
    with pytest.raises(CommandError, match="not a date"):
        _run("--area", ward.code, "--since", "yesterday")
    with pytest.raises(CommandError, match="Give --area"):
        _run()
    with pytest.raises(CommandError, match="No file"):
        _run("--participants", "/nonexistent.csv")
