"""Checking every row of a partner's activity list against Heard's taxonomy and the register's
own rules, before anything is stored: each problem named with its column (as the file heads it)
and the row's line; rows already in the register are left out, and the same activity twice in a
file is a problem of the second."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from consultations.imports import parse_date
from engagement.models import Activity, Status
from engagement.services import AimInput
from places.models import Area, Audience

from .audit_rows import ColumnMap, Mapping, audience_names, split_list
from .audit_taxonomy import Taxonomy, level_for, level_of, norm, purpose_of

FIRST_YEAR = 2000
YEARS_AHEAD = 5


@dataclass(frozen=True)
class RowError:
    line: int
    problems: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "problems": self.problems}


@dataclass(frozen=True)
class RowPlan:
    """One row as the activity it will become: activity_create's keyword arguments."""

    line: int
    fields: dict[str, Any]
    key: tuple[str, int, date]  # title, lead organisation, start date: the same activity twice


@dataclass
class Checked:
    plans: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # lines already in the register

    @property
    def is_valid(self) -> bool:
        return not self.errors


def activity_key(title: str, lead_id: int, starts: datetime) -> tuple[str, int, date]:
    return norm(title), lead_id, timezone.localtime(starts).date()


def status_for(starts: datetime, ends: datetime | None, today: date) -> Status:
    """Partners' activities are real, not plans in Heard: past ones closed, running ones open."""
    if timezone.localtime(ends or starts).date() < today:
        return Status.CLOSED
    if timezone.localtime(starts).date() > today:
        return Status.PLANNED
    return Status.OPEN


MODEL_FIELDS = {
    "title": "title",
    "summary": "summary",
    "venue": "venue",
    "contact_name": "contact_name",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
    "budget": "cost",
    "starts_at": "starts",
    "ends_at": "ends",
    "purpose": "purpose",
    "level": "level",
}


class _Row:
    """One row's cells read against the mapping, collecting its problems."""

    def __init__(self, columns: ColumnMap, cells: list[str], taxonomy: Taxonomy, mapping: Mapping) -> None:
        self.columns, self.cells, self.taxonomy, self.mapping = columns, cells, taxonomy, mapping
        self.problems: list[str] = []

    def cell(self, key: str) -> str:
        return self.columns.cell(self.cells, key)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"“{self.columns.header(key)}”: {message}")

    def required(self, key: str) -> str:
        value = self.cell(key)
        if not value:
            self.problem(key, "this is needed.")
        return value

    def when(self, key: str, today: date) -> datetime | None:
        value = self.cell(key)
        if not value:
            return None
        found = parse_date(value)
        if found is None:
            self.problem(key, f"“{value}” is not a date (use 31/01/2026 or 2026-01-31).")
        elif not FIRST_YEAR <= found.year <= today.year + YEARS_AHEAD:
            self.problem(key, f"{value} is not a date between {FIRST_YEAR} and {today.year + YEARS_AHEAD}.")
            return None
        return found

    def cost(self) -> Decimal | None:
        value = self.cell("cost").replace("£", "").replace(",", "").strip()
        if not value or value == "-":
            return None
        if value.casefold() in ("free", "none", "nil"):
            return Decimal(0)
        try:
            amount = Decimal(value).quantize(Decimal("0.01"))
        except InvalidOperation:
            self.problem("cost", f"“{self.cell('cost')}” is not an amount in pounds (write 250 or 1200.50).")
            return None
        if amount < 0 or amount >= Decimal("100000000"):
            self.problem("cost", "give an amount from £0 to £99,999,999.99.")
            return None
        return amount

    def areas(self) -> list[Area]:
        found = []
        for part in split_list(self.required("areas"), set(self.taxonomy.areas_by_name)):
            area, why = self.taxonomy.area(part)
            if area is None:
                self.problem("areas", why)
            elif area not in found:
                found.append(area)
        return found

    def audiences(self) -> list[Audience]:
        chosen = []
        for part in split_list(self.cell("audiences"), audience_names(self.taxonomy)):
            slug = self.mapping.audiences.get(norm(part), "")
            if slug in self.taxonomy.audiences and self.taxonomy.audiences[slug] not in chosen:
                chosen.append(self.taxonomy.audiences[slug])
        return chosen

    def choice(self, key: str, read: Any, allowed: str) -> str:
        value = self.cell(key)
        if not value:
            return ""
        found = str(read(value))
        if not found:
            self.problem(key, f"“{value}” is not one of {allowed}.")
        return found


PURPOSES = (
    "Giving information, Getting information, Forums for debate, Participation, Partnership or Empowerment"
)
LEVELS = "Strategic, District, Neighbourhood or Theme"


def _model_problems(row: _Row, fields: dict[str, Any]) -> None:
    """What the register's own rules say of the row (lengths, an e-mail address, the dates)."""
    activity = Activity(**{name: fields[name] for name in MODEL_FIELDS if name in fields})
    try:
        activity.clean_fields(
            exclude=["method", "lead_organisation", "created_by", "short_window_acknowledged_by"]
        )
        activity.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            key = MODEL_FIELDS.get(name, "title")
            for message in messages:
                row.problem(key, message[:1].lower() + message[1:])


def _aims(row: _Row) -> list[AimInput]:
    aim, linked = row.cell("aim"), row.cell("linked_to")
    if not aim:
        return []
    if not linked:
        row.problem("linked_to", "say which plan or issue the aim serves (checklist point 1).")
    if len(aim) > 500 or len(linked) > 300:
        row.problem("aim", "an aim has at most 500 characters, and its plan or issue 300.")
    return [AimInput(text=aim, linked_to=linked)]


def read_row(
    columns: ColumnMap, cells: list[str], taxonomy: Taxonomy, mapping: Mapping, today: date
) -> tuple[dict[str, Any], list[str]]:
    """activity_create's keyword arguments for one row, and the row's problems."""
    row = _Row(columns, cells, taxonomy, mapping)
    if any(cells[len(columns.headers) :]):
        row.problems.append(
            f"has {len(cells)} cells but the header names only {len(columns.headers)} columns."
        )
    title, contact = row.required("title"), row.required("contact_name")
    lead = taxonomy.organisations.get(mapping.organisations.get(norm(row.required("organisation")), ""))
    method = taxonomy.methods.get(mapping.methods.get(norm(row.required("method")), ""))
    starts = row.when("starts", today) if row.required("starts") else None
    ends = row.when("ends", today)
    areas = row.areas()
    email = row.cell("contact_email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.problem("contact_email", f"“{email}” is not an e-mail address.")
    purpose = row.choice("purpose", purpose_of, PURPOSES) or (method.purpose if method else "")
    level = row.choice("level", level_of, LEVELS) or level_for(areas)
    fields: dict[str, Any] = {
        "title": title,
        "summary": row.cell("summary"),
        "purpose": purpose,
        "method": method,
        "level": level,
        "areas": areas,
        "audiences": row.audiences(),
        "lead_organisation": lead,
        "contact_name": contact,
        "contact_email": email,
        "contact_phone": row.cell("contact_phone"),
        "venue": row.cell("venue"),
        "budget": row.cost(),
        "aims": _aims(row),
    }
    if not row.problems and (lead is None or method is None):
        row.problems.append("Say which organisation leads it and how people are engaged.")
    if starts is not None:
        fields |= {"starts_at": starts, "ends_at": ends, "status": status_for(starts, ends, today)}
        if not row.problems:
            _model_problems(row, fields)
    return fields, row.problems


def check_rows(
    rows: Iterable[tuple[int, list[str]]],
    columns: ColumnMap,
    taxonomy: Taxonomy,
    mapping: Mapping,
    *,
    existing: set[tuple[str, int, date]],
    today: date,
    word: str = "Line",
) -> Checked:
    """Every row checked; nothing is written. Rows already in the register (`existing`) are
    left out; the same activity twice in the file is a problem of the second."""
    checked = Checked()
    seen: dict[tuple[str, int, date], int] = {}
    for line, cells in rows:
        fields, problems = read_row(columns, cells, taxonomy, mapping, today)
        if problems:
            checked.errors.append(RowError(line=line, problems=problems))
            continue
        key = activity_key(fields["title"], fields["lead_organisation"].pk, fields["starts_at"])
        if key in seen:
            checked.errors.append(
                RowError(line=line, problems=[f"is the same activity as {word.lower()} {seen[key]:,}."])
            )
        elif key in existing:
            checked.skipped.append(line)
        else:
            seen[key] = line
            checked.plans.append(RowPlan(line=line, fields=fields, key=key))
    return checked
