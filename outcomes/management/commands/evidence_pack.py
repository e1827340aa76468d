"""manage.py evidence_pack --from DATE --to DATE [--area CODE] [--target ID] --out FILE.pdf|FILE.html:
the statutory evidence pack of a period (Police Act 1996 s.96 as amended by the Police Reform and
Social Responsibility Act 2011 s.14; PRSRA 2011 s.34) — who was heard, what they said, which
decisions it informed — as a document a police and crime panel can table."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from outcomes.reports_command import add_common_arguments, options_area, out_path, reader_of, write_file
from outcomes.reports_evidence import evidence_data
from outcomes.reports_reach import victims_target
from outcomes.reports_scope import period_for
from outcomes.reports_writing_evidence import evidence_doc


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{name} “{value}” is not a date like 2025-04-01.") from error


class Command(BaseCommand):
    help = "The statutory evidence pack of a period and area, as PDF or HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="The first day (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", required=True, help="The last day (YYYY-MM-DD).")
        parser.add_argument(
            "--target", type=int, help="Id of a target profile to compare victims of crime with."
        )
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = out_path(options["out"])
        user = reader_of(options.get("user"))
        try:
            period = period_for(
                start=_date(options["start"], "--from"),
                end=_date(options["end"], "--to"),
                area=options_area(options),
            )
            target = victims_target(user, options.get("target"))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except Http404 as error:
            raise CommandError(f"No target profile {options.get('target')} this reader may use.") from error
        data = evidence_data(user=user, period=period, target=target)
        self.stdout.write(write_file(evidence_doc(data), path))
