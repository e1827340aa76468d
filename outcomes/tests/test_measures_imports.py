"""Importing a measure's values and an evidence source's figures from CSV: all or nothing, every
problem named with its line."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import AuditEvent
from outcomes import measures_services
from outcomes.measures_csv import CsvProblem, parse_number, read_csv
from outcomes.models import EvidenceValue, MeasureValue

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for, measure


def source_of(user, **kwargs):
    fields = {"name": "Victim satisfaction survey", "kind": "user_satisfaction", "unit": "%"}
    fields.update(kwargs)
    return measures_services.evidence_source_create(user=user, **fields)


def problems(error: ValidationError) -> list[str]:
    return error.message_dict["file"]


def test_a_good_file_imports_every_line(officer):
    found = measure(officer)
    data = b'period,value,note\n2025-04-01,61,\n01/07/2025,"64.5%",after training\n2025-10,63\n'
    summary = measures_services.measure_values_import(
        user=officer, measure=found, data=data, filename="v.csv"
    )
    assert (summary.added, summary.replaced) == (3, 0)
    assert list(MeasureValue.objects.values_list("period_start", "value")) == [
        (date(2025, 4, 1), Decimal("61.00")),
        (date(2025, 7, 1), Decimal("64.50")),
        (date(2025, 10, 1), Decimal("63.00")),
    ]
    again = measures_services.measure_values_import(
        user=officer, measure=found, data=b"Period,Value\n2025-04-01,62\n2026-01-01,70\n"
    )
    assert (again.added, again.replaced) == (1, 1) and again.message == "1 figure added and 1 replaced."
    assert AuditEvent.objects.filter(action="import").count() == 2


def test_a_file_with_bad_lines_imports_nothing_and_names_each_line(officer):
    found = measure(officer)
    data = (
        b"period,value\n"
        b"2025-04-01,61\n"
        b"2025-05-01,3\n"  # not the first day of a quarter
        b"2025-07-01,lots\n"
        b"2025-04-01,62\n"  # twice
        b"someday,4\n"
        b"2099-01-01,5\n"  # not begun
        b"2025-10-01,\n"
    )
    with pytest.raises(ValidationError) as caught:
        measures_services.measure_values_import(user=officer, measure=found, data=data)
    found_problems = problems(caught.value)
    assert found_problems[0] == "Nothing was imported."
    assert found_problems[1].startswith("Line 3: 1 May 2025 is not the first day of a period")
    assert "for April to June 2025 give 1 April 2025" in found_problems[1]
    assert found_problems[2] == "Line 4: “lots” is not a number."
    assert found_problems[3] == "Line 5: April to June 2025 is already on line 2."
    assert found_problems[4].startswith("Line 6: “someday” is not a date")
    assert found_problems[5] == "Line 7: January to March 2099 has not begun yet."
    assert found_problems[6] == "Line 8: the value is empty."
    assert not MeasureValue.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"period,value\n", "no figures under it"),
        (b"period,how many\n2025-04-01,3\n", "The file has no “value” column"),
        (b'period,value\n2025-04-01,"3\n', "is never closed"),
        (b"PK\x03\x04rest", "save it as “CSV UTF-8”"),
        (b"period,value\x00\n", "binary data"),
    ],
)
def test_files_that_cannot_be_read(officer, data, message):
    found = measure(officer)
    with pytest.raises(ValidationError) as caught:
        measures_services.measure_values_import(user=officer, measure=found, data=data)
    assert message in " ".join(problems(caught.value))
    assert not MeasureValue.objects.exists()


def test_windows_encoded_files_and_semicolons_are_read():
    table = read_csv("area;period;value\nSt Mary’s;2025-04-01;3\n".encode("cp1252"))
    assert table.headers == ["area", "period", "value"] and table.rows == [
        (2, ["St Mary’s", "2025-04-01", "3"])
    ]


def test_numbers_as_spreadsheets_write_them():
    assert parse_number(" 1,204 ") == Decimal("1204.00")
    assert parse_number("72.456%") == Decimal("72.46")
    for bad in ("NaN", "Infinity", "1e400", "12-3"):
        with pytest.raises(ValueError):
            parse_number(bad)
    with pytest.raises(CsvProblem):
        read_csv(b"x" * (3 * 1024 * 1024))


def test_an_evidence_file_by_area_code_or_name(officer, ward, other_ward):
    source = source_of(officer)
    data = (
        b"Area,Period,Value,Respondents\n"
        b"E05000819,2025-04-01,81.5,120\n"
        b"ashton upon mersey,2025-04-01,77,\n"
        b"Altrincham,2025-07-01,83,98\n"
    )
    summary = measures_services.evidence_values_import(user=officer, source=source, data=data)
    assert summary.added == 3
    rows = EvidenceValue.objects.order_by("area__code", "period_start")
    assert [(v.area.code, v.value, v.respondents) for v in rows] == [
        ("E05000819", Decimal("81.50"), 120),
        ("E05000819", Decimal("83.00"), 98),
        ("E05000820", Decimal("77.00"), None),
    ]


def test_an_evidence_file_with_unknown_areas_imports_nothing(officer, ward):
    source = source_of(officer, kind="complaints", unit="complaints")
    data = (
        b"area,period,value,respondents\n"
        b"E05000819,2025-04-01,4,\n"
        b"Narnia,2025-04-01,3,\n"
        b",2025-04-01,3,\n"
        b"Altrincham,2025-04-01,5,\n"
        b"Altrincham,2025-07-01,5,many\n"
    )
    with pytest.raises(ValidationError) as caught:
        measures_services.evidence_values_import(user=officer, source=source, data=data)
    assert problems(caught.value)[1:] == [
        "Line 3: no neighbourhood, district or force area has the code or name “Narnia”.",
        "Line 4: the area is empty.",
        "Line 5: April to June 2025 for Altrincham is already on line 2.",
        "Line 6: “many” is not a whole number of respondents.",
    ]
    assert not EvidenceValue.objects.exists()


def test_the_import_page_lists_the_problems(officer, ward):
    source = source_of(officer)
    client = client_for(officer)
    url = reverse("measures:evidence_import", kwargs={"pk": source.pk})
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile(
        "figures.csv", b"area,period,value\nNarnia,2025-04-01,3\n", content_type="text/csv"
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content and "“Narnia”".encode() in response.content
    good = SimpleUploadedFile("figures.csv", b"area,period,value\nAltrincham,2025-04-01,3\n")
    response = client.post(url, {"file": good}, follow=True)
    assert response.status_code == 200 and b"1 figure added." in response.content


def test_the_measure_import_page(officer):
    found = measure(officer)
    client = client_for(officer)
    url = reverse("measures:measure_import", kwargs={"pk": found.pk})
    assert client.post(url, {}).status_code == 400
    upload = SimpleUploadedFile("v.csv", b"period,value\n2025-04-01,61\n")
    assert client.post(url, {"file": upload}).status_code == 302
    assert MeasureValue.objects.count() == 1


def test_only_the_owner_imports(officer, partner, partnership):
    found = measure(officer, partnership)
    client = client_for(partner)
    url = reverse("measures:measure_import", kwargs={"pk": found.pk})
    upload = SimpleUploadedFile("v.csv", b"period,value\n2025-04-01,61\n")
    assert client.post(url, {"file": upload}).status_code == 403
    assert not MeasureValue.objects.exists()
