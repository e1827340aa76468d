"""Area boundaries: GeoJSON FeatureCollections in WGS84, one feature per area."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from places.census import level_for_code
from places.models import Area, AreaBoundary, AreaLevel

from ._common import ImportFailed, ImportSummary, OnProgress, _audit, _bar, _chunks, _create_area


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


def _load_collection(path: Path) -> dict[str, Any]:
    """The file's FeatureCollection, refused unless it is UTF-8 JSON in WGS84."""
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
    return data


def _is_wgs84(position: Any) -> bool:
    return (
        isinstance(position, list)
        and len(position) >= 2
        and all(isinstance(v, int | float) for v in position[:2])
        and -180 <= position[0] <= 180
        and -90 <= position[1] <= 90
    )


def _feature(where: str, feature: Any) -> tuple[str, str, dict[str, Any]]:
    """A feature's area code, area name and geometry, checked."""
    if not isinstance(feature, dict):
        raise ImportFailed(f"{where}: not a GeoJSON feature")
    code, name = _feature_code(feature.get("properties") or {})
    if not code:
        raise ImportFailed(f"{where}: no area_code property")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ImportFailed(f"{where} ({code}): the geometry must be a Polygon or MultiPolygon")
    if not _is_wgs84(_first_position(geometry.get("coordinates"))):
        raise ImportFailed(f"{where} ({code}): coordinates are not WGS84 longitude/latitude")
    return code, name, geometry


def _features(path: Path, data: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any], int]]:
    """Each area code's (name, geometry, feature number); a code may appear once."""
    features: dict[str, tuple[str, dict[str, Any], int]] = {}
    for number, feature in enumerate(data["features"], start=1):
        where = f"{path}, feature {number}"
        code, name, geometry = _feature(where, feature)
        if code in features:
            raise ImportFailed(f"{where}: {code} appears again (first as feature {features[code][2]})")
        features[code] = (name, geometry, number)
    return features


def boundaries_import(
    *,
    path: str | Path,
    level: str | None = None,
    progress: bool = False,
    actor: Any = None,
    on_progress: OnProgress | None = None,
) -> ImportSummary:
    """Store each feature's geometry (WGS84 GeoJSON, properties `area_code` and
    `area_name`) as its area's boundary, creating missing areas at `level` or at the
    level their code implies. `on_progress` is told the share done (0 to 1)."""
    path = Path(path)
    if level is not None and level not in AreaLevel.values:
        raise ImportFailed(f"--level {level}: choose one of {', '.join(AreaLevel.values)}")
    features = _features(path, _load_collection(path))
    summary = ImportSummary("Boundary import", read=len(features), unit="features")

    with (
        transaction.atomic(),
        _bar(progress, "Boundaries", total=len(features), on_progress=on_progress) as bar,
    ):
        known = {
            a.code: a
            for chunk in _chunks(list(features))
            for a in Area.objects.filter(code__in=chunk).select_related("boundary")
        }
        for code, (name, geometry, number) in features.items():
            bar.update()
            area = known.get(code) or _new_area(path, code, name, level, number, summary)
            current = getattr(area, "boundary", None)
            if current is not None and current.geometry == geometry:
                summary.unchanged += 1
                continue
            summary.created += current is None
            summary.updated += current is not None
            AreaBoundary.objects.update_or_create(area=area, defaults={"geometry": geometry})
        _audit(summary, "places.areaboundary", [path], actor)
    return summary


def _new_area(
    path: Path, code: str, name: str, level: str | None, number: int, summary: ImportSummary
) -> Area:
    area_level = level or level_for_code(code)
    if area_level is None:
        raise ImportFailed(
            f"{path}, feature {number}: cannot tell the level of {code} from its code; pass --level"
        )
    summary.areas_created += 1
    return _create_area(code, name, area_level, f"{path}, feature {number}")
