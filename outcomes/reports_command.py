"""What `manage.py evidence_pack` and `manage.py annual_report` share: reading the area and the
reader, and writing the document to a file as PDF or HTML (by the file's name). The person
running a command holds the database: unless `--user` names somebody, the report holds every
record, through the same publication rules as on the pages (small numbers suppressed, words
redacted, OFFICIAL only)."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from organisations.models import User
from places.models import Area

from .reports_doc import Doc, render_html, render_pdf
from .reports_scope import database_reader

SUFFIXES = (".pdf", ".html")


def add_common_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--area", help="ONS code of the area (with every area inside it); every area if left out."
    )
    parser.add_argument("--out", required=True, help="The file to write: FILE.pdf or FILE.html.")
    parser.add_argument("--user", help="Make it as this user sees the records (a username).")


def area_of(code: str | None) -> Area | None:
    if not code:
        return None
    found = Area.objects.filter(code=code.strip().upper()).first()
    if found is None:
        raise CommandError(f"No area has the code {code.strip().upper()}. Import it first (import_census).")
    return found


def reader_of(username: str | None) -> User:
    if not username:
        return database_reader()
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise CommandError(f"No active user is called “{username}”.")
    return found


def out_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() not in SUFFIXES:
        raise CommandError("--out must end in .pdf or .html.")
    return path


def write_file(document: Doc, path: Path) -> str:
    """Write the document; returns what was written, for the command's last line."""
    if path.suffix.lower() == ".pdf":
        path.write_bytes(render_pdf(document))
    else:
        path.write_text(render_html(document), encoding="utf-8")
    return f"Wrote {document.title} ({document.subtitle}) to {path}."


def options_area(options: dict[str, Any]) -> Area | None:
    return area_of(options.get("area"))
