"""manage.py reach --area CODE [--since DATE] [--participants FILE.csv] --format json|csv: who took
part against who lives there (issue 9), as `{dimension: {category: {"participants", "share",
"population_share", "ratio", "low", "high", "flag"}}}` or CSV, with dimensions and categories
named as `manage.py area_profile` names them. The person running it holds the database, so
counts are exact (pages and exports suppress small numbers for their readers)."""

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from engagement.models import Activity
from places.models import Area, Audience
from reach.engine import CSV_HEADERS, Scope
from reach.models import TargetProfile
from reach.participants_file import ParticipantsFileError
from reach.selectors_reach import command_report


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"“{value}” is not a date like 2025-04-01.") from error


class Command(BaseCommand):
    help = "Who took part against who lives there, per dimension and group (JSON or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", help="ONS code of the area (with every area inside it).")
        parser.add_argument("--since", help="Only activities held from this date (YYYY-MM-DD).")
        parser.add_argument("--until", help="Only activities held up to this date (YYYY-MM-DD).")
        parser.add_argument("--audience", help="Slug of an audience: only activities aimed at it.")
        parser.add_argument("--activity", type=int, help="Id of one activity.")
        parser.add_argument("--target", type=int, help="Id of a target profile to compare with.")
        parser.add_argument(
            "--participants", help="CSV of participants gathered elsewhere: area_code, age, sex, ..."
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def _scope(self, options: dict[str, Any]) -> Scope:
        area = None
        if options["area"]:
            code = options["area"].strip().upper()
            area = Area.objects.filter(code=code).first()
            if area is None:
                raise CommandError(
                    f"No area with code {code}. Import it first (import_census or import_lookup)."
                )
        audience = None
        if options["audience"]:
            audience = Audience.objects.filter(slug=options["audience"]).first()
            if audience is None:
                raise CommandError(f"No audience “{options['audience']}”.")
        activity = None
        if options["activity"]:
            activity = Activity.private_objects.filter(pk=options["activity"]).first()
            if activity is None:
                raise CommandError(f"No activity {options['activity']}.")
        since = _date(options["since"]) if options["since"] else None
        until = _date(options["until"]) if options["until"] else None
        if since and until and since > until:
            raise CommandError("--until must be on or after --since.")
        if not (area or audience or activity or options["participants"]):
            raise CommandError("Give --area (or --audience, --activity or --participants).")
        return Scope(activity=activity, area=area, audience=audience, since=since, until=until)

    def handle(self, *args: Any, **options: Any) -> None:
        scope = self._scope(options)
        target = None
        if options["target"]:
            target = TargetProfile.objects.filter(pk=options["target"]).first()
            if target is None:
                raise CommandError(f"No target profile {options['target']}.")
        data = None
        if options["participants"]:
            path = Path(options["participants"])
            if not path.is_file():
                raise CommandError(f"No file {path}.")
            data = path.read_bytes()
        try:
            report = command_report(scope=scope, target=target, participants_file=data)
        except ParticipantsFileError as error:
            raise CommandError("The participants file was not used:\n" + "\n".join(error.problems)) from error
        if report.left_out:
            self.stderr.write(
                f"{report.left_out} people in the file live outside {scope.area} and were left out."
            )
        if not report.dimensions:
            self.stderr.write("No dimension has both participants and population figures to compare.")
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
            return
        writer = csv.writer(self.stdout)
        writer.writerow(CSV_HEADERS)
        writer.writerows(report.rows())
