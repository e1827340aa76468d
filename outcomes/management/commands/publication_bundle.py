"""manage.py publication_bundle [--from DATE] [--to DATE] [--area CODE] --out PATH.zip|DIR: the
publication-scheme bundle of a period (the twelve months up to today unless given) for the
force's website under the Freedom of Information Act 2000 (outcomes/publication.py). A path
ending in .zip is written as that zip; any other path is a folder in which a folder named with
the date is written. The person running it holds the database: unless `--user` names somebody,
the bundle holds every record marked for the scheme, through the same publication rules."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from outcomes.publication import publication_bundle
from outcomes.publication_files import bundle_name, to_directory, to_zip, with_manifest
from outcomes.publication_making import record_export
from outcomes.publication_selectors import bundle_period
from outcomes.reports_command import reader_of


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{name} “{value}” is not a date like 2025-04-01.") from error


class Command(BaseCommand):
    help = "The publication-scheme bundle of a period and area, as a zip or a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="start", help="The first day (YYYY-MM-DD); a year before --to if left out."
        )
        parser.add_argument("--to", dest="end", help="The last day (YYYY-MM-DD); today if left out.")
        parser.add_argument(
            "--area", help="ONS code of the area (with every area inside it); every area if left out."
        )
        parser.add_argument(
            "--out", required=True, help="FILE.zip, or a folder to write the bundle's folder in."
        )
        parser.add_argument("--user", help="Make it as this user sees the records (a username).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = reader_of(options.get("user"))
        try:
            period = bundle_period(
                start=_date(options.get("start"), "--from"),
                end=_date(options.get("end"), "--to"),
                area=options.get("area") or "",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        made_on = timezone.localdate()
        bundle = publication_bundle(user=user, period=period, made_on=made_on)
        files = with_manifest(bundle, timezone.now())
        name = bundle_name(bundle)
        out = Path(options["out"])
        try:
            if out.suffix.lower() == ".zip":
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(to_zip(name, files, made_on))
            else:
                out = to_directory(out / name, files)
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror or error}.") from error
        record_export(actor=None, obj=None, manifest=json.loads(files["manifest.json"]), out=str(out))
        counts = ", ".join(f"{len(t.rows)} {t.name}" for t in bundle.tables)
        self.stdout.write(
            f"Wrote the publication scheme bundle for {period.place}, {period.words} ({counts}) to {out}."
        )
