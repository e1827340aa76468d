"""manage.py import_census PATH... — Census 2021 tidy-long tables into population counts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from places.census import DEFAULT_AGE_BANDS
from places.importers import census_import

from ._common import add_progress_argument, run_import


class Command(BaseCommand):
    help = (
        "Import ONS Census 2021 tables in tidy 'long' CSV form (files or folders of .csv files) as "
        "population counts per area, dimension and category, creating the areas they name. "
        "Works for any geography (ward, LSOA, MSOA, local authority) of England and Wales."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="CSV files or folders holding them.")
        parser.add_argument(
            "--age-bands",
            default=",".join(DEFAULT_AGE_BANDS),
            help="Comma-separated age bands to bin ages into (default: %(default)s).",
        )
        add_progress_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        bands = [b.strip() for b in options["age_bands"].split(",") if b.strip()]
        run_import(
            self,
            lambda: census_import(
                paths=options["paths"], age_bands=bands, progress=not options["no_progress"]
            ),
        )
