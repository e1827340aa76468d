"""manage.py import_partner_activities FILE --partnership NAME --user USERNAME: a partner's activity
list (the snapshot audit's template, CSV or XLSX) imported for a partnership, on behalf of its
members, as the page and the API import it: the same matching of wordings to Heard's taxonomy,
the same checks, all or nothing. The import is recorded as the user's, who must coordinate the
partnership. `--check` shows how the file is read and imports nothing; `--mapping FILE.json`
corrects or completes the matches ({"organisations"|"methods"|"audiences": {wording: slug}})."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from organisations.models import Partnership, User
from reach import audit_imports as imports
from reach.audit_selectors import import_detail
from reach.models import AuditImport


class Command(BaseCommand):
    help = "Import a partner's activity list for a partnership's snapshot audit, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The template filled in: a CSV or XLSX file.")
        parser.add_argument("--partnership", required=True, help="The partnership's name or id.")
        parser.add_argument("--user", required=True, help="Username of the coordinator importing it.")
        parser.add_argument("--encoding", default="utf-8", choices=["utf-8", "cp1252"])
        parser.add_argument("--mapping", help="A JSON file of choices for the file's wordings.")
        parser.add_argument("--check", action="store_true", help="Show how the file is read; import nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user “{options['user']}”.")
        wanted = options["partnership"]
        found = Partnership.objects.filter(
            Q(name=wanted) | Q(pk=int(wanted) if wanted.isdigit() else 0)
        ).first()
        if found is None:
            raise CommandError(f"No partnership “{wanted}”.")
        mapping = Path(options["mapping"]).read_text() if options["mapping"] else ""
        try:
            batch = self._import(user, found, path, options["encoding"], mapping, check=options["check"])
        except (ValidationError, PermissionDenied) as error:
            problems = (
                error.messages if isinstance(error, ValidationError) else [str(error) or "Not allowed."]
            )
            raise CommandError("Nothing was imported:\n" + "\n".join(problems)) from error
        except imports.ImportRejected as rejected:
            lines = rejected.problems + [
                f"{rejected.word} {e.line}: {'; '.join(e.problems)}" for e in rejected.errors
            ]
            raise CommandError("Nothing was imported:\n" + "\n".join(lines)) from rejected
        if batch is not None:
            detail = import_detail(user=user, batch=batch)
            self.stdout.write(
                f"Imported {batch.created} activities from {batch.file_name} for {found.name} "
                f"(import {batch.pk}); {batch.skipped} already in the register were left out."
            )
            for activity in detail.activities:
                self.stdout.write(f"  {activity.pk}: {activity.title} ({activity.lead_organisation.name})")

    def _import(
        self, user: User, partnership: Partnership, path: Path, encoding: str, mapping: str, *, check: bool
    ) -> AuditImport | None:
        imports.partnership_get(user=user, pk=partnership.pk)
        table = imports.read_list(path.read_bytes(), name=path.name, encoding=encoding)
        preview = imports.import_preview(user=user, partnership=partnership, table=table)
        choices = imports.mapping_from(preview, imports.parse_choices(mapping))
        if check:
            self.stdout.write(
                json.dumps(imports.preview_json(preview, choices), indent=2, ensure_ascii=False)
            )
            return None
        return imports.partner_activities_import(user=user, preview=preview, mapping=choices)
