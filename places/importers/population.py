"""Census 2021 population counts: ONS tidy-long tables, parsed by `places.census`, into
PopulationCount rows, creating the areas they name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from places import census
from places.census import DEFAULT_AGE_BANDS, DataFileError
from places.models import PopulationCount

from ._common import (
    CHUNK,
    ImportFailed,
    ImportSummary,
    OnProgress,
    _areas_by_code,
    _audit,
    _bar,
    _chunks,
    _create_area,
    _messages,
)


def _census_files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*.csv"))
            if not found:
                raise ImportFailed(f"{path}: no .csv files in this folder")
            files.extend(found)
        elif not path.exists():
            raise ImportFailed(f"{path}: no such file")
        else:
            files.append(path)
    if not files:
        raise ImportFailed("No files given.")
    return files


def _data_lines(files: Sequence[Path]) -> int:
    """Lines below the header in all the files: about the rows there are to read."""
    total = 0
    for path in files:
        with path.open("rb") as handle:
            total += max(sum(1 for _ in handle) - 1, 0)
    return total


def census_import(
    *,
    paths: Sequence[str | Path],
    age_bands: Sequence[str] = DEFAULT_AGE_BANDS,
    progress: bool = False,
    actor: Any = None,
    on_progress: OnProgress | None = None,
) -> ImportSummary:
    """Import ONS tidy-long Census 2021 tables (files, or folders of .csv files) as
    population counts, creating the areas they name. A file holds the whole of a dimension
    for each of its areas, so categories of that dimension it no longer has are removed.
    `on_progress` is told the share done (0 to 1) as rows are read."""
    try:
        census.parse_age_bands(age_bands)
    except ValueError as exc:
        raise ImportFailed(str(exc)) from None
    files = _census_files(paths)
    summary = ImportSummary("Census import")
    total = _data_lines(files) if on_progress is not None else None
    with transaction.atomic(), _bar(progress, "Census", total=total, on_progress=on_progress) as bar:
        for path in files:
            try:
                table = census.read_census(path, age_bands=age_bands, on_row=lambda n: bar.update(n))
            except DataFileError as exc:
                raise ImportFailed(str(exc)) from None
            summary.read += table.rows_read
            _census_write(table, path, summary)
        _audit(summary, "places.populationcount", files, actor)
    return summary


def _census_write(table: census.CensusTable, path: Path, summary: ImportSummary) -> None:
    wanted = {r.area_code: (r.area_name, r.geography) for r in table.rows}
    areas = _areas_by_code(wanted)
    for code, (name, level) in wanted.items():
        if code not in areas:
            areas[code] = _create_area(code, name, level, str(path))
            summary.areas_created += 1
    existing: dict[tuple[int, str, str], PopulationCount] = {}
    for chunk in _chunks([a.pk for a in areas.values()]):
        for pc in PopulationCount.objects.filter(area_id__in=chunk, dimension__in=table.dimensions):
            existing[(pc.area_id, pc.dimension, pc.category)] = pc
    source = path.name
    new: list[PopulationCount] = []
    changed: list[PopulationCount] = []
    covered: set[tuple[int, str]] = set()
    for row in table.rows:
        area = areas[row.area_code]
        covered.add((area.pk, row.dimension))
        current = existing.pop((area.pk, row.dimension, row.category), None)
        if current is None:
            current = PopulationCount(
                area=area, dimension=row.dimension, category=row.category, count=row.count, source=source
            )
            new.append(current)
        elif current.count != row.count or current.source != source:
            current.count, current.source = row.count, source
            changed.append(current)
        else:
            summary.unchanged += 1
            continue
        try:
            # The area exists and the (area, dimension, category) key is unique by construction.
            current.full_clean(exclude=["area"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ImportFailed(f"{path}: {row.area_code} {row.category!r}: {_messages(exc)}") from None
    stale = [pc.pk for (area_id, dimension, _), pc in existing.items() if (area_id, dimension) in covered]
    PopulationCount.objects.bulk_create(new, batch_size=CHUNK)
    PopulationCount.objects.bulk_update(changed, ["count", "source"], batch_size=CHUNK)
    for chunk in _chunks(stale):
        PopulationCount.objects.filter(pk__in=chunk).delete()
    summary.created += len(new)
    summary.updated += len(changed)
    summary.deleted += len(stale)
