"""Fixtures for the places tests: the real demo files in the repository, and a helper to
write small CSVs in the same layout."""

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

DEMO = Path(settings.BASE_DIR) / "demo_data" / "trafford"
CENSUS = DEMO / "census2021"
BOUNDARIES = DEMO / "boundaries"
LOOKUP = BOUNDARIES / "lsoa_to_ward_best-fit_lookup.csv"
POSTCODES = BOUNDARIES / "trafford_postcodes.csv"

WARD_FILES = sorted(CENSUS.glob("*_ward_trafford.csv"))
TIDY = ["area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value"]


def tidy_rows(
    code: str, name: str, geography: str, categories: dict[str, int], column: str = ""
) -> list[dict]:
    """Rows in the ONS tidy-long layout; the category goes in `column` or in `indicator`."""
    rows = []
    for category, count in categories.items():
        row = {
            "area_code": code,
            "area_name": name,
            "geography": geography,
            "period": "2021-03-21",
            "indicator": category if not column else "A Census table",
            "measure": "Count",
            "unit": "Persons",
            "value": str(count),
        }
        if column:
            row[column] = category
        rows.append(row)
    return rows


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, rows: list[dict], columns: list[str] | None = None) -> Path:
        path = tmp_path / name
        columns = columns or list(rows[0])
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write
