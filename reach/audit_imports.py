"""Importing partners' activity lists for a partnership's snapshot audit (seed 000; undoing an
import is audit_undo.py's). All or nothing: every row is checked first, every bad row reported by its line, and
the activities are created in one transaction (engagement.services.activity_create, so the
register's own rules and audit apply), or none are.

Who leads what: each row's activity is led by the organisation it names, a member of the
partnership. The coordinator imports on their behalf (rules_audit.coordinates_for grants the
right to record for them); `created_by` and the audit log say who imported it. A partner's rows
need the partner to share its activities with the coordinator's organisation (a data-sharing
agreement), or the imported activities would vanish from the coordinator's own register,
reports and coverage. Imported activities are OFFICIAL, not published, and in the state their
dates say (closed, open or planned: not drafts, which coverage leaves out)."""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from consultations.import_limits import MAX_BYTES, ImportFileError
from consultations.tables import Table, read_table
from core.permissions import require
from core.shortcuts import get_or_404
from engagement.models import Activity
from engagement.services import activity_create
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import DataSharingAgreement, Organisation, Partnership, SharingScope, User

from .audit_checks import Checked, RowError, activity_key, check_rows
from .audit_rows import (
    ColumnMap,
    Mapping,
    Wordings,
    check_mapping,
    collect_wordings,
    data_rows,
    recognise_columns,
    suggest_mapping,
)
from .audit_taxonomy import Taxonomy, norm
from .models import AuditImport


class ImportRejected(Exception):
    """Nothing was imported: the file, the mapping or some rows have problems."""

    def __init__(self, *, problems: Iterable[str] = (), errors: Iterable[RowError] = (), word: str = "Line"):
        super().__init__("The file was not imported.")
        self.problems = list(problems)
        self.errors = list(errors)
        self.word = word

    def as_dict(self) -> dict[str, object]:
        return {
            "detail": "Nothing was imported.",
            "problems": self.problems,
            "line_word": self.word,
            "errors": [e.as_dict() for e in self.errors],
        }


def import_partnerships(*, user: User) -> list[Partnership]:
    """The partnerships the user may import lists for."""
    found = (
        Partnership.objects.all()
        if user.is_superuser
        else Partnership.objects.filter(members=user.organisation_id)
    )
    return [p for p in found.order_by("name") if user.has_perm("reach.import_partner_activities", p)]


def partnership_get(*, user: User, pk: object) -> Partnership:
    """A partnership to import for, by id: 404 for none, PermissionDenied for one the user does
    not coordinate."""
    if pk in (None, "", 0, "0"):
        raise ValidationError({"partnership": gettext("Say which partnership the list is for.")})
    partnership = get_or_404(Partnership.objects.all(), pk)
    if not user.has_perm("reach.import_partner_activities", partnership):
        raise PermissionDenied(
            gettext(
                "Only administrators and engagement officers of %(name)s's member organisations import "
                "partners' lists for it."
            )
            % {"name": partnership.name}
        )
    return partnership


def file_message(error: ImportFileError) -> str:
    """The file reader's message, about activities rather than the responses it was written for."""
    text = re.sub(r"\bresponses\b", "activities", str(error))
    return re.sub(r"\bresponse\b", "activity", text)


def read_list(data: bytes, *, name: str, encoding: str = "utf-8") -> Table:
    """A partner's list read with consultations' reader and limits; ValidationError on `file`."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {
                "file": gettext("The file is larger than %(most)s MB: split it into smaller files.")
                % {"most": MAX_BYTES // (1024 * 1024)}
            }
        )
    try:
        return read_table(data, name=name, encoding=encoding)
    except ImportFileError as error:
        raise ValidationError({"file": file_message(error)}) from error


KINDS = ("organisations", "methods", "audiences")


def parse_choices(text: str) -> dict[str, dict[str, str]]:
    """Choices given as JSON (the API's and the command's): {"organisations" | "methods" |
    "audiences": {wording: slug}}; ValidationError on `mapping` for anything else."""
    if not text.strip():
        return {}
    try:
        given = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError({"mapping": gettext("Give the mapping as a JSON object.")}) from error
    shape = isinstance(given, dict) and all(
        kind in KINDS and isinstance(choices, dict) and all(isinstance(v, str) for v in choices.values())
        for kind, choices in given.items()
    )
    if not shape:
        raise ValidationError(
            {
                "mapping": gettext(
                    'Give the mapping as {"organisations" | "methods" | "audiences": {wording: slug}}.'
                )
            }
        )
    return given


def members(partnership: Partnership) -> list[Organisation]:
    return list(partnership.members.filter(is_active=True).order_by("name"))


@dataclass(frozen=True)
class Preview:
    """What the file holds and what Heard makes of it, before anything is imported."""

    partnership: Partnership
    table: Table
    columns: ColumnMap
    rows: list[tuple[int, list[str]]]
    wordings: Wordings
    suggested: Mapping
    taxonomy: Taxonomy

    @property
    def file_problems(self) -> list[str]:
        problems = [f"The file has no column for “{header}”." for header in self.columns.missing]
        if not self.rows:
            problems.append("The file has no activities under its header (only the notes row).")
        return problems


def import_preview(*, user: User, partnership: Partnership, table: Table) -> Preview:
    require(user, "reach.import_partner_activities", partnership)
    columns = recognise_columns(table.headers)
    rows = data_rows(table, columns)
    taxonomy = Taxonomy.load(members(partnership))
    wordings = collect_wordings(rows, columns, taxonomy)
    return Preview(
        partnership=partnership,
        table=table,
        columns=columns,
        rows=rows,
        wordings=wordings,
        suggested=suggest_mapping(wordings, taxonomy),
        taxonomy=taxonomy,
    )


def mapping_from(preview: Preview, given: dict[str, dict[str, str]] | None) -> Mapping:
    """The suggestions, with the choices `given` (wording → slug, for each kind) over them."""
    chosen = Mapping(
        organisations=dict(preview.suggested.organisations),
        methods=dict(preview.suggested.methods),
        audiences=dict(preview.suggested.audiences),
    )
    for kind, choices in (given or {}).items():
        into = getattr(chosen, kind, None)
        if isinstance(into, dict):
            into.update({norm(wording): str(slug) for wording, slug in choices.items()})
    return chosen


def sharing_problems(user: User, organisations: Iterable[Organisation]) -> list[str]:
    """Partners whose activities the user's organisation would not see once imported."""
    if user.is_superuser and user.organisation_id is None:
        return []
    others = {o.pk: o for o in organisations if o.pk != user.organisation_id}
    sharing = set(
        DataSharingAgreement.objects.active()
        .covering(SharingScope.ACTIVITIES)
        .filter(recipient_id=user.organisation_id, owner_id__in=list(others))
        .values_list("owner_id", flat=True)
    )
    own = user.organisation.name if user.organisation else "your organisation"
    return [
        f"{org.name} does not share its engagement activities with {own}, so its rows would be out of "
        f"your sight once imported. Ask an administrator to record a data-sharing agreement from "
        f"{org.name} to {own} for engagement activities, then import again."
        for pk, org in sorted(others.items(), key=lambda kv: kv[1].name)
        if pk not in sharing
    ]


def _existing(user: User, checked_titles: set[str], leads: set[int]) -> set[tuple[str, int, date]]:
    rows = (
        Activity.private_objects.visible_to(user)
        .filter(lead_organisation_id__in=leads)
        .values_list("title", "lead_organisation_id", "starts_at")
    )
    return {activity_key(t, lead, s) for t, lead, s in rows if norm(t) in checked_titles}


def check(*, user: User, preview: Preview, mapping: Mapping, today: date | None = None) -> Checked:
    """Every problem of the file, its mapping and its rows; ImportRejected if there are any."""
    problems = preview.file_problems + check_mapping(preview.wordings, mapping, preview.taxonomy)
    if problems:
        raise ImportRejected(problems=problems, word=preview.table.line_word)
    leads = {preview.taxonomy.organisations[mapping.organisations[k]] for k in preview.wordings.organisations}
    problems = sharing_problems(user, leads)
    if problems:
        raise ImportRejected(problems=problems, word=preview.table.line_word)
    titles = {norm(preview.columns.cell(cells, "title")) for _, cells in preview.rows}
    checked = check_rows(
        preview.rows,
        preview.columns,
        preview.taxonomy,
        mapping,
        existing=_existing(user, titles, {o.pk for o in leads}),
        today=today or timezone.localdate(),
        word=preview.table.line_word,
    )
    if not checked.is_valid:
        raise ImportRejected(errors=checked.errors, word=preview.table.line_word)
    if not checked.plans:
        raise ImportRejected(
            problems=[
                "Every activity in the file is already in the register: there is nothing new to import."
            ],
            word=preview.table.line_word,
        )
    return checked


def partner_activities_import(
    *, user: User, preview: Preview, mapping: Mapping, today: date | None = None
) -> AuditImport:
    """Import the file, all or nothing; the batch that records it. ImportRejected lists every
    problem (with its line) when anything is wrong, and nothing is stored."""
    require(user, "reach.import_partner_activities", preview.partnership)
    checked = check(user=user, preview=preview, mapping=mapping, today=today)
    with transaction.atomic():
        batch = AuditImport.objects.create(
            partnership=preview.partnership,
            organisation=user.organisation,
            imported_by=user,
            imported_by_name=user.display_name(),
            file_name=preview.table.name[:200],
            rows=len(preview.rows),
            skipped=len(checked.skipped),
        )
        created = []
        for plan in checked.plans:
            try:
                created.append(activity_create(user=user, **plan.fields))
            except (ValidationError, PermissionDenied) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise ImportRejected(
                    errors=[RowError(plan.line, messages)], word=preview.table.line_word
                ) from error
        batch.activities.set(created)
        batch.created = len(created)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["created", "finished_at"])
        audit_record(
            actor=user,
            action=AuditAction.IMPORT,
            obj=batch,
            changes={
                "file": batch.file_name,
                "partnership": preview.partnership.name,
                "rows": batch.rows,
                "created": batch.created,
                "already in the register": batch.skipped,
            },
        )
    return batch


def preview_json(preview: Preview, mapping: Mapping | None = None) -> dict[str, object]:
    """What the API shows of a file before importing it: the columns read, and each wording with
    what it is taken to be ("" where a choice is needed)."""
    chosen = mapping or preview.suggested
    return {
        "rows": len(preview.rows),
        "columns": [{"header": h, "column": c} for h, c in preview.columns.recognised],
        "ignored_columns": preview.columns.ignored,
        "problems": preview.file_problems,
        "mapping": {
            kind: {
                wording: getattr(chosen, kind).get(key, "")
                for key, wording in getattr(preview.wordings, kind).items()
            }
            for kind in KINDS
        },
    }
