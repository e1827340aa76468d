"""Postcodes: ONS postcode -> LSOA files, which also link LSOAs to MSOAs and place MSOAs
under their local authority."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.page_cache import bump_generation
from places.census import DataFileError, read_csv
from places.models import Area, AreaLevel, Postcode
from places.services import area_set_msoa, area_set_parent

from ._common import (
    CHUNK,
    LEVEL_RANK,
    ImportFailed,
    ImportSummary,
    OnProgress,
    _areas_by_code,
    _audit,
    _bar,
    _chunks,
    _messages,
)

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str | None:
    """ "m154ab" -> "M15 4AB"; None when it is not shaped like a UK postcode."""
    match = POSTCODE_RE.match("".join(value.split()).upper())
    return f"{match[1]} {match[2]}" if match else None


def _coordinate(path: Path, line: int, value: str, name: str, limit: float) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise ImportFailed(f"{path}, line {line}: {name} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise ImportFailed(f"{path}, line {line}: {name} {value!r} is out of range")
    return number


def _column(header: list[str], *names: str) -> int | None:
    return next((header.index(n) for n in names if n in header), None)


@dataclass
class _PostcodeRow:
    line: int
    postcode: str
    lsoa: str
    msoa: str
    district: str
    latitude: float | None
    longitude: float | None


class _Columns:
    """Where each field is in a postcode file, under the names ONS files use for it."""

    def __init__(self, path: Path, header: list[str]) -> None:
        if "postcode" not in header or "lsoa_code" not in header:
            raise DataFileError(
                path,
                "wrong columns: expected postcode and lsoa_code (and optionally lat, lon, msoa_code, "
                f"la_code); found {', '.join(header)}",
                1,
            )
        self.path = path
        self.index = {
            "postcode": header.index("postcode"),
            "lsoa": header.index("lsoa_code"),
            "msoa": _column(header, "msoa_code", "msoa21cd"),
            "district": _column(header, "la_code", "lad_code", "lad22cd"),
            "lat": _column(header, "lat", "latitude"),
            "lon": _column(header, "lon", "long", "longitude"),
        }

    def get(self, fields: list[str], key: str) -> str:
        index = self.index[key]
        return fields[index].strip() if index is not None else ""

    def row(self, line: int, fields: list[str], seen: dict[str, _PostcodeRow]) -> _PostcodeRow:
        code = normalise_postcode(self.get(fields, "postcode"))
        if code is None:
            raise DataFileError(self.path, f"{self.get(fields, 'postcode')!r} is not a UK postcode", line)
        if code in seen:
            raise DataFileError(self.path, f"{code} appears again (first on line {seen[code].line})", line)
        lsoa_code = self.get(fields, "lsoa").upper()
        if not lsoa_code:
            raise DataFileError(self.path, "lsoa_code is empty", line)
        return _PostcodeRow(
            line,
            code,
            lsoa_code,
            self.get(fields, "msoa").upper(),
            self.get(fields, "district").upper(),
            _coordinate(self.path, line, self.get(fields, "lat"), "latitude", 90),
            _coordinate(self.path, line, self.get(fields, "lon"), "longitude", 180),
        )


READING = 0.3  # the share of a postcode import's progress that reading the file takes


def _read_postcodes(path: Path, progress: bool, on_progress: OnProgress | None) -> dict[str, _PostcodeRow]:
    rows: dict[str, _PostcodeRow] = {}
    try:
        header, lines = read_csv(path)
        columns = _Columns(path, header)
        with _bar(progress, "Reading postcodes", on_progress=on_progress, span=(0.0, READING)) as bar:
            for line, fields in lines:
                bar.update()
                row = columns.row(line, fields, rows)
                rows[row.postcode] = row
    except DataFileError as exc:
        raise ImportFailed(str(exc)) from None
    return rows


@dataclass
class _Store:
    """Postcodes to create or change, and the area links the rows imply."""

    path: Path
    areas: dict[str, Area]
    existing: dict[str, Postcode]
    new: list[Postcode] = field(default_factory=list)
    changed: list[Postcode] = field(default_factory=list)
    msoa_of: dict[str, tuple[str, int]] = field(default_factory=dict)
    district_of: dict[str, str] = field(default_factory=dict)

    def add(self, row: _PostcodeRow, summary: ImportSummary) -> None:
        lsoa = self.areas.get(row.lsoa)
        if lsoa is None:
            summary.skipped += 1
            return
        if lsoa.level != AreaLevel.LSOA:
            raise ImportFailed(f"{self.path}, line {row.line}: {row.lsoa} is a {lsoa.level}, not an LSOA")
        self._note_links(row)
        postcode = self._new_or_changed(row, lsoa)
        if postcode is None:
            summary.unchanged += 1
            return
        try:
            postcode.full_clean(exclude=["lsoa"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ImportFailed(f"{self.path}, line {row.line}: {_messages(exc)}") from None

    def _note_links(self, row: _PostcodeRow) -> None:
        if row.msoa not in self.areas:
            return
        before = self.msoa_of.setdefault(row.lsoa, (row.msoa, row.line))
        if before[0] != row.msoa:
            raise ImportFailed(
                f"{self.path}, line {row.line}: {row.lsoa} is in MSOA {row.msoa} here but in "
                f"{before[0]} on line {before[1]}"
            )
        if row.district in self.areas:
            self.district_of.setdefault(row.msoa, row.district)

    def _new_or_changed(self, row: _PostcodeRow, lsoa: Area) -> Postcode | None:
        postcode = self.existing.get(row.postcode)
        if postcode is None:
            postcode = Postcode(
                postcode=row.postcode, lsoa=lsoa, latitude=row.latitude, longitude=row.longitude
            )
            self.new.append(postcode)
            return postcode
        if (postcode.lsoa_id, postcode.latitude, postcode.longitude) == (
            lsoa.pk,
            row.latitude,
            row.longitude,
        ):
            return None
        postcode.lsoa, postcode.latitude, postcode.longitude = lsoa, row.latitude, row.longitude
        self.changed.append(postcode)
        return postcode

    def link_areas(self) -> dict[str, int]:
        """Link LSOAs to their MSOA, and put MSOAs without a parent under their district."""
        linked = placed = 0
        for lsoa_code, (msoa_code, line) in self.msoa_of.items():
            try:
                linked += area_set_msoa(lsoa=self.areas[lsoa_code], msoa=self.areas[msoa_code])
            except ValueError as exc:
                raise ImportFailed(f"{self.path}, line {line}: {exc}") from None
        for msoa_code, district_code in self.district_of.items():
            msoa, district = self.areas[msoa_code], self.areas[district_code]
            if (
                msoa.parent_id is None
                and LEVEL_RANK.get(AreaLevel(district.level), 0) >= LEVEL_RANK[AreaLevel.DISTRICT]
            ):
                placed += area_set_parent(area=msoa, parent=district)
        return {"LSOAs linked to an MSOA": linked, "MSOAs placed under their district": placed}


def postcodes_import(
    *, path: str | Path, progress: bool = False, actor: Any = None, on_progress: OnProgress | None = None
) -> ImportSummary:
    """Import postcode -> LSOA (columns `postcode`, `lsoa_code`, optional `lat`, `lon`,
    `msoa_code`, `la_code`). The neighbourhood is reached through the LSOA's ward, so ward
    columns, which may be a newer vintage than the Census wards, are ignored. LSOAs not yet
    imported are skipped; LSOAs are linked to their MSOA, and an MSOA without a parent is
    put under its local authority. `on_progress` is told the share done (0 to 1)."""
    path = Path(path)
    summary = ImportSummary("Postcode import")
    rows = _read_postcodes(path, progress, on_progress)
    summary.read = len(rows)

    with transaction.atomic():
        areas = _areas_by_code(
            [r.lsoa for r in rows.values()]
            + [r.msoa for r in rows.values()]
            + [r.district for r in rows.values()]
        )
        existing: dict[str, Postcode] = {}
        for chunk in _chunks(list(rows)):
            existing.update({p.postcode: p for p in Postcode.objects.filter(postcode__in=chunk)})
        store = _Store(path, areas, existing)
        with _bar(
            progress, "Postcodes", total=len(rows), on_progress=on_progress, span=(READING, 1.0)
        ) as bar:
            for row in rows.values():
                bar.update()
                store.add(row, summary)
        Postcode.objects.bulk_create(store.new, batch_size=CHUNK)
        Postcode.objects.bulk_update(store.changed, ["lsoa", "latitude", "longitude"], batch_size=CHUNK)
        bump_generation()  # bulk writes send no signals; "find your area" must see these
        summary.created, summary.updated = len(store.new), len(store.changed)
        summary.extra = store.link_areas()
        _audit(summary, "places.postcode", [path], actor)
    return summary
