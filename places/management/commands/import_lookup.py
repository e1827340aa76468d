"""manage.py import_lookup FILE.csv — link areas into the tree from an ONS lookup."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from places.importers import lookup_import

from ._common import add_progress_argument, run_import


class Command(BaseCommand):
    help = (
        "Link areas into the tree from a lookup whose columns come in code/name pairs from child to "
        "parent (e.g. lsoa21cd, lsoa21nm, wd22cd, wd22nm, lad22cd, lad22nm). Levels come from the "
        "ONS code prefix; missing areas are created unless --existing-only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The lookup CSV.")
        parser.add_argument(
            "--parent", help="Code of an existing area (e.g. the force) to put the top level under."
        )
        parser.add_argument(
            "--existing-only",
            action="store_true",
            help="Only link areas already imported (use with a national lookup).",
        )
        add_progress_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run_import(
            self,
            lambda: lookup_import(
                path=options["file"],
                parent_code=options["parent"],
                existing_only=options["existing_only"],
                progress=not options["no_progress"],
            ),
        )
