"""manage.py import_boundaries FILE.geojson — area boundaries from WGS84 GeoJSON."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from places.importers import boundaries_import
from places.models import AreaLevel

from ._common import add_progress_argument, run_import


class Command(BaseCommand):
    help = (
        "Store GeoJSON boundaries (WGS84; feature properties area_code and area_name) on their areas, "
        "creating missing areas at --level or the level their ONS code implies."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A GeoJSON FeatureCollection.")
        parser.add_argument("--level", choices=AreaLevel.values, help="Level for areas the file creates.")
        add_progress_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run_import(
            self,
            lambda: boundaries_import(
                path=options["file"], level=options["level"], progress=not options["no_progress"]
            ),
        )
