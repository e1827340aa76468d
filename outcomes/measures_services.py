"""Writes for Results-Based Accountability measures and the evidence register. Each checks the
rules (rules_measures.py), is validated with full_clean(), runs in one transaction and is
audited. Imports from CSV are all or nothing: every line is checked first, and a file with any
problem stores nothing and says what is wrong on which line. Reads: measures_selectors.py."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record, diff, snapshot
from organisations.models import Organisation, Partnership, User
from places.models import Area

from .measures_csv import CsvProblem, ParsedValue, Problems, evidence_rows, measure_rows, read_csv
from .measures_periods import is_period_start, label, what_starts
from .measures_scope import member_partnerships
from .models import EvidenceSource, EvidenceValue, Measure, MeasureValue

MEASURE_FIELDS = (
    "name",
    "quadrant",
    "description",
    "area",
    "unit",
    "direction",
    "frequency",
    "baseline",
    "baseline_period",
    "target",
    "target_period",
    "story",
    "other_partners",
    "what_works",
    "next_steps",
    "position",
)
SOURCE_FIELDS = ("name", "kind", "description", "unit", "direction", "frequency")


@dataclass(frozen=True)
class ImportSummary:
    added: int
    replaced: int

    @property
    def message(self) -> str:
        parts = [f"{self.added} figure{'s' if self.added != 1 else ''} added"]
        if self.replaced:
            parts.append(f"{self.replaced} replaced")
        return " and ".join(parts) + "."


def _owner(user: User) -> Organisation:
    if user.organisation is None:
        raise ValidationError(gettext("Only members of an organisation keep measures and evidence."))
    return user.organisation


def _check_partnership(user: User, partnership: Partnership | None) -> None:
    if partnership is not None and not member_partnerships(user).filter(pk=partnership.pk).exists():
        raise ValidationError(
            {"partnership": gettext("Choose a partnership your organisation is a member of.")}
        )


def _set(obj: Any, fields: Iterable[str], values: dict[str, Any]) -> None:
    for name in fields:
        if name in values:
            setattr(obj, name, values[name])


def measure_create(
    *,
    user: User,
    name: str,
    quadrant: str,
    partnership: Partnership | None = None,
    partners: Iterable[Organisation] = (),
    **fields: Any,
) -> Measure:
    """A measure of the user's organisation; `fields` are among MEASURE_FIELDS."""
    require(user, "outcomes.add_measure")
    _check_partnership(user, partnership)
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a measure: {', '.join(sorted(unknown))}")
    measure = Measure(
        name=name, quadrant=quadrant, organisation=_owner(user), partnership=partnership, created_by=user
    )
    _set(measure, MEASURE_FIELDS, fields)
    with transaction.atomic():
        measure.full_clean()
        measure.save()
        measure.partners.set(list(partners))
        audit_record(actor=user, action=AuditAction.CREATE, obj=measure)
    return measure


def measure_update(
    *,
    user: User,
    measure: Measure,
    partnership: Partnership | None,
    partners: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Measure:
    """Change a measure's definition, baseline, target or story (`partnership` as it is to be,
    `partners` None to leave them). Its frequency stays while it has values (they are counted
    per period)."""
    require(user, "outcomes.change_measure", measure)
    before = snapshot(measure)
    if partnership != measure.partnership:
        _check_partnership(user, partnership)
    measure.partnership = partnership
    if fields.get("frequency", measure.frequency) != measure.frequency and measure.values.exists():
        raise ValidationError(
            {
                "frequency": gettext(
                    "This measure already has figures for its periods: its frequency cannot change."
                )
            }
        )
    _set(measure, MEASURE_FIELDS, fields)
    with transaction.atomic():
        measure.full_clean()
        measure.save()
        if partners is not None:
            measure.partners.set(list(partners))
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=measure, changes=diff(before, snapshot(measure))
        )
    return measure


def _checked_period(day: date, frequency: str) -> None:
    if not is_period_start(day, frequency):
        raise ValidationError(
            {
                "period_start": gettext("Choose the first day of a period: %(dates)s.")
                % {"dates": what_starts(frequency)}
            }
        )


def measure_value_set(
    *, user: User, measure: Measure, period_start: date, value: Decimal, note: str = ""
) -> tuple[MeasureValue, bool]:
    """Record the measure's value for a period, replacing the one already there. Returns the
    value and whether it is new."""
    require(user, "outcomes.change_measure", measure)
    _checked_period(period_start, measure.frequency)
    with transaction.atomic():
        row = (
            MeasureValue.objects.select_for_update()
            .filter(measure=measure, period_start=period_start)
            .first()
        )
        created = row is None
        row = row or MeasureValue(measure=measure, period_start=period_start)
        changes = {"period": label(period_start, measure.frequency), "value": str(value)}
        if not created:
            changes["was"] = str(row.value)
        row.value, row.note, row.entered_by = value, note, user
        row.full_clean()
        row.save()
        audit_record(actor=user, action=AuditAction.UPDATE, obj=measure, changes=changes)
    return row, created


def measure_value_remove(*, user: User, measure: Measure, value: MeasureValue) -> None:
    require(user, "outcomes.change_measure", measure)
    if value.measure_id != measure.pk:
        raise ValidationError(gettext("That figure is not one of this measure's."))
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.DELETE,
            obj=measure,
            changes={"period": label(value.period_start, measure.frequency), "value": str(value.value)},
        )
        value.delete()


Reader = Callable[..., tuple[list[ParsedValue], Problems]]


def _read(data: bytes, rows: Reader, *, frequency: str) -> list[ParsedValue]:
    """The file's rows, or ValidationError on `file` listing every problem by line."""
    try:
        parsed, problems = rows(read_csv(data), frequency=frequency)
    except CsvProblem as problem:
        raise ValidationError({"file": [str(problem)]}) from None
    if problems.found:
        raise ValidationError({"file": [gettext("Nothing was imported."), *problems.messages()]})
    return parsed


def measure_values_import(*, user: User, measure: Measure, data: bytes, filename: str = "") -> ImportSummary:
    """A CSV of the measure's values (columns: period, value, and optionally note), all or
    nothing; a period already recorded has its value replaced."""
    require(user, "outcomes.change_measure", measure)
    parsed = _read(data, measure_rows, frequency=measure.frequency)
    with transaction.atomic():
        existing = {
            v.period_start: v for v in MeasureValue.objects.select_for_update().filter(measure=measure)
        }
        replaced = 0
        for row in parsed:
            value = existing.get(row.period_start) or MeasureValue(
                measure=measure, period_start=row.period_start
            )
            replaced += value.pk is not None
            value.value, value.note, value.entered_by = row.value, row.note, user
            value.full_clean()
            value.save()
        summary = ImportSummary(added=len(parsed) - replaced, replaced=replaced)
        audit_record(
            actor=user,
            action=AuditAction.IMPORT,
            obj=measure,
            changes={"file": filename[:200], "added": summary.added, "replaced": summary.replaced},
        )
    return summary


def evidence_source_create(
    *, user: User, name: str, kind: str, partnership: Partnership | None = None, **fields: Any
) -> EvidenceSource:
    """A data source of the user's organisation; `fields` are among SOURCE_FIELDS."""
    require(user, "outcomes.add_evidence")
    _check_partnership(user, partnership)
    source = EvidenceSource(
        name=name, kind=kind, organisation=_owner(user), partnership=partnership, created_by=user
    )
    _set(source, SOURCE_FIELDS, fields)
    with transaction.atomic():
        source.full_clean()
        source.save()
        audit_record(actor=user, action=AuditAction.CREATE, obj=source)
    return source


def evidence_source_update(
    *, user: User, source: EvidenceSource, partnership: Partnership | None, **fields: Any
) -> EvidenceSource:
    require(user, "outcomes.change_evidence", source)
    before = snapshot(source)
    if partnership != source.partnership:
        _check_partnership(user, partnership)
    source.partnership = partnership
    if fields.get("frequency", source.frequency) != source.frequency and source.values.exists():
        raise ValidationError(
            {
                "frequency": gettext(
                    "This source already has figures for its periods: its frequency cannot change."
                )
            }
        )
    _set(source, SOURCE_FIELDS, fields)
    with transaction.atomic():
        source.full_clean()
        source.save()
        audit_record(
            actor=user, action=AuditAction.UPDATE, obj=source, changes=diff(before, snapshot(source))
        )
    return source


def evidence_values_import(
    *, user: User, source: EvidenceSource, data: bytes, filename: str = ""
) -> ImportSummary:
    """A CSV of the source's figures (columns: area, period, value, and optionally respondents),
    all or nothing; a figure already recorded for an area and period is replaced."""
    require(user, "outcomes.change_evidence", source)
    parsed = _read(data, evidence_rows, frequency=source.frequency)
    with transaction.atomic():
        existing = {
            (v.area_id, v.period_start): v
            for v in EvidenceValue.objects.select_for_update().filter(source=source)
        }
        replaced = 0
        for row in parsed:
            area = cast(Area, row.area)  # evidence_rows gives every row its area
            key = (area.pk, row.period_start)
            value = existing.get(key) or EvidenceValue(
                source=source, area=area, period_start=row.period_start
            )
            replaced += value.pk is not None
            value.value, value.respondents = row.value, row.respondents
            value.full_clean()
            value.save()
        summary = ImportSummary(added=len(parsed) - replaced, replaced=replaced)
        audit_record(
            actor=user,
            action=AuditAction.IMPORT,
            obj=source,
            changes={"file": filename[:200], "added": summary.added, "replaced": summary.replaced},
        )
    return summary
