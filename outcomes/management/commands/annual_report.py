"""manage.py annual_report --year YEAR [--area CODE] --out FILE.pdf|FILE.html: the annual outcome
report of a year (seed 001), made at once (the pages make it in the background) — the same
document the staff pages and the API give."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from outcomes.reports_annual import annual_data
from outcomes.reports_command import add_common_arguments, options_area, out_path, reader_of, write_file
from outcomes.reports_scope import year_period
from outcomes.reports_writing_annual import annual_doc


class Command(BaseCommand):
    help = "The annual outcome report of a year and area, as PDF or HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="The year, like 2026.")
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = out_path(options["out"])
        user = reader_of(options.get("user"))
        try:
            period = year_period(year=options["year"], area=options_area(options))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        data = annual_data(user=user, period=period)
        self.stdout.write(write_file(annual_doc(data), path))
