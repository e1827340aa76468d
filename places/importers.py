"""Imports of ONS data into the area tree: Census tables, lookups, boundaries, postcodes.

Every import runs in one transaction (a bad row anywhere leaves the database as it was),
is idempotent (a re-run reports nothing created or updated), is recorded in the audit log
as the system or the given actor, and reports failures as ImportFailed with a message that
names the file, the line and the problem. The management commands are thin wrappers, so the
demo loader and the tests call these functions directly.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from tqdm import tqdm

from governance.models import AuditAction
from governance.services import audit_record
from heard.page_cache import bump_generation

from . import census
from .census import DEFAULT_AGE_BANDS, DataFileError, level_for_code, read_csv
from .models import Area, AreaBoundary, AreaLevel, PopulationCount, Postcode
from .services import area_get_or_create, area_set_msoa, area_set_parent

CHUNK = 900  # below every database's limit on query parameters

# Finer levels first: a child's level always ranks below its parent's.
LEVEL_RANK = {
    AreaLevel.LSOA: 0,
    AreaLevel.MSOA: 1,
    AreaLevel.NEIGHBOURHOOD: 2,
    AreaLevel.DISTRICT: 3,
    AreaLevel.FORCE: 4,
    AreaLevel.REGION: 5,
    AreaLevel.COUNTRY: 6,
}


class ImportFailed(Exception):
    """A file could not be imported and nothing was written. The message is for people."""


@dataclass
class ImportSummary:
    """What an import did. `created`/`updated`/`unchanged` count the import's own records
    (population counts, area links, boundaries, postcodes); `extra` holds side effects."""

    what: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0
    areas_created: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    unit: str = "rows"

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "skipped": self.skipped,
            "areas_created": self.areas_created,
            **self.extra,
        }

    def __str__(self) -> str:
        text = (
            f"{self.what}: {self.read:,} {self.unit} read; {self.created:,} created, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged"
        )
        for label, value in (
            ("deleted", self.deleted),
            ("skipped", self.skipped),
            ("areas created", self.areas_created),
            *self.extra.items(),
        ):
            if value:
                text += f", {value:,} {label}"
        return text + "."


def _bar(enabled: bool, desc: str, total: int | None = None) -> tqdm[Any]:
    """A progress bar on stderr; tqdm hides it by itself when stderr is not a terminal."""
    return tqdm(
        total=total, desc=desc, unit=" rows", file=sys.stderr, disable=None if enabled else True, leave=False
    )


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _areas_by_code(codes: Iterable[str]) -> dict[str, Area]:
    codes = list(dict.fromkeys(codes))
    found: dict[str, Area] = {}
    for chunk in _chunks(codes):
        found.update({a.code: a for a in Area.objects.filter(code__in=chunk)})
    return found


def _messages(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


def _create_area(code: str, name: str, level: str, where: str) -> Area:
    try:
        area, _ = area_get_or_create(code=code, name=name or code, level=level)
    except ValidationError as exc:
        raise ImportFailed(f"{where}: cannot create area {code!r}: {_messages(exc)}") from None
    return area


def _audit(summary: ImportSummary, object_type: str, files: Sequence[Path], actor: Any) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type=object_type,
        object_repr=f"{summary.what}: " + ", ".join(p.name for p in files),
        changes={"files": [p.name for p in files], **summary.counts()},
    )


# --- Census ------------------------------------------------------------------------------


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


def census_import(
    *,
    paths: Sequence[str | Path],
    age_bands: Sequence[str] = DEFAULT_AGE_BANDS,
    progress: bool = False,
    actor: Any = None,
) -> ImportSummary:
    """Import ONS tidy-long Census 2021 tables (files, or folders of .csv files) as
    population counts, creating the areas they name. A file holds the whole of a dimension
    for each of its areas, so categories of that dimension it no longer has are removed."""
    try:
        census.parse_age_bands(age_bands)
    except ValueError as exc:
        raise ImportFailed(str(exc)) from None
    files = _census_files(paths)
    summary = ImportSummary("Census import")
    with transaction.atomic(), _bar(progress, "Census") as bar:
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


# --- lookups -----------------------------------------------------------------------------


@dataclass
class _Link:
    parent: str | None
    msoa: str | None
    line: int


def _code_pairs(path: Path, header: list[str]) -> list[tuple[int, int | None]]:
    """(code column, name column) pairs in header order: `lsoa21cd` goes with `lsoa21nm`."""
    pairs = []
    for i, column in enumerate(header):
        if column.endswith("cd") and len(column) > 2:
            name = column[:-2] + "nm"
            pairs.append((i, header.index(name) if name in header else None))
    if len(pairs) < 2:
        raise ImportFailed(
            f"{path}, line 1: wrong columns: expected code/name pairs from child to parent, such as "
            f"lsoa21cd, lsoa21nm, wd22cd, wd22nm, lad22cd, lad22nm (found: {', '.join(header)})"
        )
    return pairs


def _tree_parent(levels: list[str], i: int) -> int | None:
    """Which later column holds the tree parent of column i: MSOAs sit under a district or
    above, and nothing else sits under an MSOA (MSOAs do not nest in wards)."""
    rank = LEVEL_RANK[AreaLevel(levels[i])]
    for j in range(i + 1, len(levels)):
        level = AreaLevel(levels[j])
        if levels[i] == AreaLevel.MSOA:
            if LEVEL_RANK[level] >= LEVEL_RANK[AreaLevel.DISTRICT]:
                return j
        elif level != AreaLevel.MSOA and LEVEL_RANK[level] > rank:
            return j
    return None


def lookup_import(
    *,
    path: str | Path,
    parent_code: str | None = None,
    existing_only: bool = False,
    progress: bool = False,
    actor: Any = None,
) -> ImportSummary:
    """Link areas into the tree from an ONS lookup whose columns come in code/name pairs
    from child to parent (LSOA -> ward -> district). Levels come from the ONS code prefix;
    an LSOA is also linked to the MSOA a row names. `parent_code` puts each row's top area
    under an existing area (a force); `existing_only` links only areas already imported,
    for national lookups."""
    path = Path(path)
    summary = ImportSummary("Lookup import")
    try:
        header, lines = read_csv(path)
        pairs = _code_pairs(path, header)
        rows = []
        with _bar(progress, "Reading lookup") as bar:
            for line, fields in lines:
                bar.update()
                codes = [
                    (fields[c].strip().upper(), fields[n].strip() if n is not None else "") for c, n in pairs
                ]
                for (code, _), (c, _) in zip(codes, pairs, strict=True):
                    if not code:
                        raise DataFileError(path, f"{header[c]} is empty", line)
                rows.append((line, codes))
    except DataFileError as exc:
        raise ImportFailed(str(exc)) from None
    summary.read = len(rows)

    with transaction.atomic():
        parent_area = None
        if parent_code:
            parent_area = Area.objects.filter(code=parent_code.strip().upper()).first()
            if parent_area is None:
                raise ImportFailed(
                    f"--parent {parent_code}: no area with that code; create or import it first"
                )
        known = _areas_by_code(code for _, codes in rows for code, _ in codes)
        names: dict[str, str] = {}
        levels: dict[str, str] = {}
        links: dict[str, _Link] = {}
        last_column = len(pairs) - 1
        for line, all_codes in rows:
            # (column, code, name); with existing_only, areas not imported yet drop out and
            # their children link to the nearest area above them that is there.
            entries = [(col, code, name) for col, (code, name) in enumerate(all_codes)]
            if existing_only:
                entries = [c for c in entries if c[1] in known]
                if not entries:
                    summary.skipped += 1
                    continue
            row_levels = []
            for _, code, name in entries:
                level = known[code].level if code in known else level_for_code(code)
                if level is None:
                    raise ImportFailed(
                        f"{path}, line {line}: cannot tell the level of {code!r} from its code"
                    )
                row_levels.append(level)
                names.setdefault(code, name)
                levels.setdefault(code, level)
            ranks = [LEVEL_RANK[AreaLevel(lv)] for lv in row_levels]
            if len(ranks) > 1 and ranks[-1] <= ranks[0]:
                raise ImportFailed(
                    f"{path}, line {line}: {entries[0][1]} ({row_levels[0]}) comes before {entries[-1][1]} "
                    f"({row_levels[-1]}); the columns must go from child to parent"
                )
            for i, (col, code, _) in enumerate(entries):
                parent_at = _tree_parent(row_levels, i)
                if parent_at is not None:
                    parent: str | None = entries[parent_at][1]
                elif col == last_column and parent_area is not None and parent_area.code != code:
                    parent = parent_area.code
                else:
                    parent = None
                msoa = None
                if row_levels[i] == AreaLevel.LSOA:
                    msoa = next(
                        (c for (_, c, _), lv in zip(entries, row_levels, strict=True) if lv == "msoa"), None
                    )
                link = _Link(parent, msoa, line)
                before = links.setdefault(code, link)
                if before is link or (parent, msoa) == (before.parent, before.msoa) or not (parent or msoa):
                    continue
                if not (before.parent or before.msoa):
                    links[code] = link
                    continue
                raise ImportFailed(
                    f"{path}, line {line}: {code} is linked to {parent or msoa} here but to "
                    f"{before.parent or before.msoa} on line {before.line}"
                )

        for code in links:
            if code not in known:
                known[code] = _create_area(code, names[code], levels[code], str(path))
                summary.areas_created += 1

        # Top-down, re-reading each tier so that paths moved by the tier above are current.
        tiers: dict[int, list[str]] = {}
        for code, link in links.items():
            if link.parent:
                tiers.setdefault(LEVEL_RANK[AreaLevel(levels[code])], []).append(code)
        items = sum(len(t) for t in tiers.values()) + sum(1 for lk in links.values() if lk.msoa)
        with _bar(progress, "Linking areas", total=items) as bar:
            for rank in sorted(tiers, reverse=True):
                codes_in_tier = tiers[rank]
                fresh = _areas_by_code(codes_in_tier + [links[c].parent or "" for c in codes_in_tier])
                for code in codes_in_tier:
                    bar.update()
                    above = fresh[links[code].parent or ""]
                    if LEVEL_RANK[AreaLevel(above.level)] <= rank:
                        raise ImportFailed(
                            f"{path}, line {links[code].line}: {code} ({levels[code]}) cannot sit under "
                            f"{above.code} ({above.level})"
                        )
                    try:
                        changed = area_set_parent(area=fresh[code], parent=above)
                    except ValueError as exc:
                        raise ImportFailed(f"{path}, line {links[code].line}: {exc}") from None
                    summary.updated += changed
                    summary.unchanged += not changed
            msoa_links = {c: lk.msoa for c, lk in links.items() if lk.msoa}
            fresh = _areas_by_code([*msoa_links, *msoa_links.values()])
            for code, msoa_code in msoa_links.items():
                bar.update()
                try:
                    changed = area_set_msoa(lsoa=fresh[code], msoa=fresh[msoa_code])
                except ValueError as exc:
                    raise ImportFailed(f"{path}, line {links[code].line}: {exc}") from None
                summary.updated += changed
                summary.unchanged += not changed
        _audit(summary, "places.area", [path], actor)
    return summary


# --- boundaries --------------------------------------------------------------------------


def _feature_code(properties: dict[str, Any]) -> tuple[str, str]:
    lowered = {str(k).casefold(): v for k, v in properties.items()}
    code, name = lowered.get("area_code"), lowered.get("area_name")
    if code is None:
        # ONS boundary files name them after the geography: LSOA21CD, LSOA21NM.
        code_keys = [k for k in lowered if k.endswith("cd")]
        if len(code_keys) == 1:
            code = lowered[code_keys[0]]
            name = lowered.get(code_keys[0][:-2] + "nm")
    return str(code or "").strip().upper(), str(name or "").strip()


def _first_position(coordinates: Any) -> Any:
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return coordinates


def boundaries_import(
    *,
    path: str | Path,
    level: str | None = None,
    progress: bool = False,
    actor: Any = None,
) -> ImportSummary:
    """Store each feature's geometry (WGS84 GeoJSON, properties `area_code` and
    `area_name`) as its area's boundary, creating missing areas at `level` or at the
    level their code implies."""
    path = Path(path)
    if level is not None and level not in AreaLevel.values:
        raise ImportFailed(f"--level {level}: choose one of {', '.join(AreaLevel.values)}")
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFailed(f"{path}, line {line}: not valid UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ImportFailed(f"{path}: not a GeoJSON FeatureCollection")
    crs = json.dumps(data.get("crs") or {})
    if "27700" in crs:
        raise ImportFailed(f"{path}: coordinates are British National Grid (EPSG:27700); reproject to WGS84")

    features: dict[str, tuple[str, dict[str, Any], int]] = {}
    for number, feature in enumerate(data["features"], start=1):
        where = f"{path}, feature {number}"
        if not isinstance(feature, dict):
            raise ImportFailed(f"{where}: not a GeoJSON feature")
        code, name = _feature_code(feature.get("properties") or {})
        if not code:
            raise ImportFailed(f"{where}: no area_code property")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise ImportFailed(f"{where} ({code}): the geometry must be a Polygon or MultiPolygon")
        position = _first_position(geometry.get("coordinates"))
        if not (
            isinstance(position, list)
            and len(position) >= 2
            and all(isinstance(v, int | float) for v in position[:2])
            and -180 <= position[0] <= 180
            and -90 <= position[1] <= 90
        ):
            raise ImportFailed(f"{where} ({code}): coordinates are not WGS84 longitude/latitude")
        if code in features:
            raise ImportFailed(f"{where}: {code} appears again (first as feature {features[code][2]})")
        features[code] = (name, geometry, number)
    summary = ImportSummary("Boundary import", read=len(features), unit="features")

    with transaction.atomic(), _bar(progress, "Boundaries", total=len(features)) as bar:
        known = {
            a.code: a
            for chunk in _chunks(list(features))
            for a in Area.objects.filter(code__in=chunk).select_related("boundary")
        }
        for code, (name, geometry, number) in features.items():
            bar.update()
            area = known.get(code)
            if area is None:
                area_level = level or level_for_code(code)
                if area_level is None:
                    raise ImportFailed(
                        f"{path}, feature {number}: cannot tell the level of {code} from its code; pass --level"
                    )
                area = _create_area(code, name, area_level, f"{path}, feature {number}")
                summary.areas_created += 1
            current = getattr(area, "boundary", None)
            if current is not None and current.geometry == geometry:
                summary.unchanged += 1
                continue
            summary.created += current is None
            summary.updated += current is not None
            AreaBoundary.objects.update_or_create(area=area, defaults={"geometry": geometry})
        _audit(summary, "places.areaboundary", [path], actor)
    return summary


# --- postcodes ---------------------------------------------------------------------------

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


def postcodes_import(*, path: str | Path, progress: bool = False, actor: Any = None) -> ImportSummary:
    """Import postcode -> LSOA (columns `postcode`, `lsoa_code`, optional `lat`, `lon`,
    `msoa_code`, `la_code`). The neighbourhood is reached through the LSOA's ward, so ward
    columns, which may be a newer vintage than the Census wards, are ignored. LSOAs not yet
    imported are skipped; LSOAs are linked to their MSOA, and an MSOA without a parent is
    put under its local authority."""
    path = Path(path)
    summary = ImportSummary("Postcode import")
    try:
        header, lines = read_csv(path)
        if "postcode" not in header or "lsoa_code" not in header:
            raise DataFileError(
                path,
                "wrong columns: expected postcode and lsoa_code (and optionally lat, lon, msoa_code, la_code); "
                f"found {', '.join(header)}",
                1,
            )
        cols = {
            "postcode": header.index("postcode"),
            "lsoa": header.index("lsoa_code"),
            "msoa": _column(header, "msoa_code", "msoa21cd"),
            "district": _column(header, "la_code", "lad_code", "lad22cd"),
            "lat": _column(header, "lat", "latitude"),
            "lon": _column(header, "lon", "long", "longitude"),
        }

        def get(fields: list[str], key: str) -> str:
            index = cols[key]
            return fields[index].strip() if index is not None else ""

        rows: dict[str, _PostcodeRow] = {}
        with _bar(progress, "Reading postcodes") as bar:
            for line, fields in lines:
                bar.update()
                code = normalise_postcode(get(fields, "postcode"))
                if code is None:
                    raise DataFileError(path, f"{get(fields, 'postcode')!r} is not a UK postcode", line)
                if code in rows:
                    raise DataFileError(path, f"{code} appears again (first on line {rows[code].line})", line)
                lsoa_code = get(fields, "lsoa").upper()
                if not lsoa_code:
                    raise DataFileError(path, "lsoa_code is empty", line)
                rows[code] = _PostcodeRow(
                    line,
                    code,
                    lsoa_code,
                    get(fields, "msoa").upper(),
                    get(fields, "district").upper(),
                    _coordinate(path, line, get(fields, "lat"), "latitude", 90),
                    _coordinate(path, line, get(fields, "lon"), "longitude", 180),
                )
    except DataFileError as exc:
        raise ImportFailed(str(exc)) from None
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
        new: list[Postcode] = []
        changed: list[Postcode] = []
        msoa_of: dict[str, tuple[str, int]] = {}
        district_of: dict[str, str] = {}
        with _bar(progress, "Postcodes", total=len(rows)) as bar:
            for row in rows.values():
                bar.update()
                lsoa = areas.get(row.lsoa)
                if lsoa is None:
                    summary.skipped += 1
                    continue
                if lsoa.level != AreaLevel.LSOA:
                    raise ImportFailed(f"{path}, line {row.line}: {row.lsoa} is a {lsoa.level}, not an LSOA")
                if row.msoa in areas:
                    before = msoa_of.setdefault(row.lsoa, (row.msoa, row.line))
                    if before[0] != row.msoa:
                        raise ImportFailed(
                            f"{path}, line {row.line}: {row.lsoa} is in MSOA {row.msoa} here but in "
                            f"{before[0]} on line {before[1]}"
                        )
                    if row.district in areas:
                        district_of.setdefault(row.msoa, row.district)
                postcode = existing.get(row.postcode)
                if postcode is None:
                    postcode = Postcode(
                        postcode=row.postcode, lsoa=lsoa, latitude=row.latitude, longitude=row.longitude
                    )
                    new.append(postcode)
                elif (postcode.lsoa_id, postcode.latitude, postcode.longitude) != (
                    lsoa.pk,
                    row.latitude,
                    row.longitude,
                ):
                    postcode.lsoa, postcode.latitude, postcode.longitude = lsoa, row.latitude, row.longitude
                    changed.append(postcode)
                else:
                    summary.unchanged += 1
                    continue
                try:
                    postcode.full_clean(exclude=["lsoa"], validate_unique=False, validate_constraints=False)
                except ValidationError as exc:
                    raise ImportFailed(f"{path}, line {row.line}: {_messages(exc)}") from None
        Postcode.objects.bulk_create(new, batch_size=CHUNK)
        Postcode.objects.bulk_update(changed, ["lsoa", "latitude", "longitude"], batch_size=CHUNK)
        bump_generation()  # bulk writes send no signals; "find your area" must see these
        summary.created, summary.updated = len(new), len(changed)

        linked = placed = 0
        for lsoa_code, (msoa_code, line) in msoa_of.items():
            try:
                linked += area_set_msoa(lsoa=areas[lsoa_code], msoa=areas[msoa_code])
            except ValueError as exc:
                raise ImportFailed(f"{path}, line {line}: {exc}") from None
        for msoa_code, district_code in district_of.items():
            msoa, district = areas[msoa_code], areas[district_code]
            if (
                msoa.parent_id is None
                and LEVEL_RANK.get(AreaLevel(district.level), 0) >= LEVEL_RANK[AreaLevel.DISTRICT]
            ):
                placed += area_set_parent(area=msoa, parent=district)
        summary.extra = {"LSOAs linked to an MSOA": linked, "MSOAs placed under their district": placed}
        _audit(summary, "places.postcode", [path], actor)
    return summary
