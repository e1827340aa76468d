"""A publication-scheme bundle as files (publication.py says what it holds): `index.html`, a page
that reads on its own (no scripts, styles inline, nothing fetched from elsewhere), one CSV file
and one JSON file per record type, and `manifest.json` listing every other file with its SHA-256
and size, the period, when it was made and the version of Heard that made it.

The same records make the same files, byte for byte: rows come in a fixed order, JSON keys in
the columns' order, and the zip's entries carry the bundle's date rather than the time of
writing. Only the manifest's `generated_at` differs between two makings. The CSV files go
through governance's `to_csv` (text a spreadsheet would run as a formula is neutralised)."""

import hashlib
import io
import json
import tomllib
import zipfile
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from consultations.suppression import threshold
from governance.exports import to_csv

from .publication import Bundle
from .publication_columns import Table

MANIFEST = "manifest.json"
INDEX = "index.html"


def heard_version() -> str:
    """The installed package's version, else the one pyproject.toml gives (a source checkout)."""
    try:
        return metadata.version("heard")
    except metadata.PackageNotFoundError:
        pass
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def bundle_name(bundle: Bundle) -> str:
    area = f"-{bundle.period.area.code.lower()}" if bundle.period.area else ""
    return f"publication-scheme{area}-{bundle.made_on.isoformat()}"


def _flat(value: Any) -> Any:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def table_csv(table: Table) -> bytes:
    keys = [key for key, _ in table.columns]
    return to_csv(keys, [[_flat(row[key]) for key in keys] for row in table.rows])


def table_json(table: Table, bundle: Bundle) -> bytes:
    keys = [key for key, _ in table.columns]
    document = {
        "record_type": table.name,
        "title": table.title,
        "description": table.description,
        "period": bundle.period.as_json(),
        "columns": [{"key": key, "heading": heading} for key, heading in table.columns],
        "rows": [{key: row[key] for key in keys} for row in table.rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def index_html(bundle: Bundle) -> bytes:
    shown = [
        {
            "table": table,
            "headings": [heading for _, heading in table.columns],
            "rows": [[(heading, _flat(row[key])) for key, heading in table.columns] for row in table.rows],
        }
        for table in bundle.tables
    ]
    context = {"bundle": bundle, "name": bundle_name(bundle), "tables": shown, "below": threshold()}
    return render_to_string("outcomes/publication/bundle_index.html", context).encode("utf-8")


def bundle_files(bundle: Bundle) -> dict[str, bytes]:
    """Every file but the manifest, by name, in the manifest's order."""
    files = {INDEX: index_html(bundle)}
    for table in bundle.tables:
        files[f"{table.name}.csv"] = table_csv(table)
        files[f"{table.name}.json"] = table_json(table, bundle)
    return files


def manifest(bundle: Bundle, files: dict[str, bytes], generated_at: datetime) -> dict[str, Any]:
    records = {t.name: len(t.rows) for t in bundle.tables}
    return {
        "name": bundle_name(bundle),
        "title": "Community engagement: publication scheme",
        "period": bundle.period.as_json(),
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "heard_version": heard_version(),
        "suppressed_below": threshold(),
        "files": [
            {
                "name": name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
                **({"records": records[name.rsplit(".", 1)[0]]} if name != INDEX else {}),
            }
            for name, content in files.items()
        ],
    }


def with_manifest(bundle: Bundle, generated_at: datetime) -> dict[str, bytes]:
    files = bundle_files(bundle)
    listed = manifest(bundle, files, generated_at)
    return {**files, MANIFEST: (json.dumps(listed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}


def to_zip(name: str, files: dict[str, bytes], when: date) -> bytes:
    """The files in one folder `name/` of a zip, each stamped `when` (the bundle's date)."""
    buffer = io.BytesIO()
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename, content in files.items():
            entry = zipfile.ZipInfo(f"{name}/{filename}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, content)
    return buffer.getvalue()


def to_directory(folder: Path, files: dict[str, bytes]) -> Path:
    """The files written into `folder` (made if need be); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for filename, content in files.items():
        (folder / filename).write_bytes(content)
    return folder
