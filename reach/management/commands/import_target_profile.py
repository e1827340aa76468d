"""manage.py import_target_profile FILE.csv --name NAME --organisation SLUG: a target profile for a
population the Census does not count (victims of crime, business owners, people who work but
do not live in an area), all or nothing: any bad row stops the import and every problem is
listed with its line. The same checks as the page and the API."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisations.models import Organisation
from reach.services_reach import target_profile_import


class Command(BaseCommand):
    help = "Import a target profile (dimension, category, share or count) from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The CSV file.")
        parser.add_argument(
            "--name", required=True, help="Its name, e.g. “Victims of crime in Trafford, 2025”."
        )
        parser.add_argument("--organisation", required=True, help="Slug of the organisation it belongs to.")
        parser.add_argument("--description", default="")
        parser.add_argument("--source", default="", help="Where the figures come from.")
        parser.add_argument("--private", action="store_true", help="Do not let partner organisations use it.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation “{options['organisation']}”.")
        try:
            profile = target_profile_import(
                user=None,
                organisation=organisation,
                name=options["name"],
                data=path.read_bytes(),
                description=options["description"],
                source=options["source"],
                is_shared=not options["private"],
            )
        except ValidationError as error:
            problems = [m for messages in error.message_dict.values() for m in messages]
            raise CommandError("Nothing was imported:\n" + "\n".join(problems)) from error
        self.stdout.write(f"Imported “{profile.name}” (id {profile.pk}) with {profile.shares.count()} rows.")
