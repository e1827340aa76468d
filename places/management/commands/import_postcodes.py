"""manage.py import_postcodes FILE.csv — postcode -> LSOA, so a postcode finds its ward."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from places.importers import postcodes_import

from ._common import add_progress_argument, run_import


class Command(BaseCommand):
    help = (
        "Import postcodes (columns postcode, lsoa_code, optional lat, lon, msoa_code, la_code). "
        "Wards are reached through the LSOA, so newer ward codes in the file do not matter. "
        "Postcodes in LSOAs not imported yet are skipped: import the LSOA Census tables first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The postcode CSV.")
        add_progress_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        summary = run_import(
            self, lambda: postcodes_import(path=options["file"], progress=not options["no_progress"])
        )
        if summary.skipped:
            self.stdout.write(
                self.style.WARNING(
                    f"{summary.skipped:,} postcodes were skipped because their LSOA is not imported; "
                    "import the LSOA Census tables (or a lookup naming the LSOAs) first."
                )
            )
