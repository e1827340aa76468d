"""The community contacts register and the coverage matrix as CSV or XLSX files, for the staff
pages and the API alike (governance.exports records each export in the audit log)."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core.permissions import require
from governance.exports import FORMATS, ExportPlan, Later, Sheet, export_plan_response, export_response
from organisations.models import User

from .contacts_selectors import EXPORT_HEADERS, contact_export_rows, contact_list
from .coverage import Coverage, coverage_build, filtered_rows
from .fatigue import consultation_fatigue


def _check_format(file_format: str) -> None:
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})


def _used(data: Mapping[str, Any] | None) -> str:
    return urlencode(sorted((k, str(v)) for k, v in (data or {}).items() if v not in (None, "")))


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


def contacts_export_plan(*, user: User, data: Mapping[str, Any] | None, file_format: str) -> ExportPlan:
    """The filtered register as an export (sent at once, or made in the background when large:
    reach/hooks_exports.py); each individual is audited as viewed when the rows are written."""
    require(user, "reach.export_contact")
    _check_format(file_format)
    count = contact_list(user=user, data=data).count()
    return ExportPlan(
        file_format=file_format,
        filename=f"heard-community-contacts-{_stamp()}",
        sheets=[
            Sheet(
                gettext("Community contacts"),
                EXPORT_HEADERS,
                Later(lambda: contact_export_rows(user=user, data=data)),
            )
        ],
        rows=count,
        object_type="reach.communitycontact",
        object_repr=f"{count} community contacts as {file_format}",
        changes={"filter": _used(data), "count": count},
    )


def contacts_export(
    *, user: User, data: Mapping[str, Any] | None, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    return export_plan_response(
        user=user, plan=contacts_export_plan(user=user, data=data, file_format=file_format)
    )


COVERAGE_HEADERS = [
    gettext_lazy("Area code"),
    gettext_lazy("Area"),
    gettext_lazy("Audience"),
    gettext_lazy("Month"),
    gettext_lazy("Activities"),
    gettext_lazy("Participants"),
    gettext_lazy("No activity"),
]
GAP_HEADERS = [
    gettext_lazy("Area code"),
    gettext_lazy("Area"),
    gettext_lazy("Audience"),
    gettext_lazy("Activities in the period"),
    gettext_lazy("Months with no activity"),
]
FATIGUE_HEADERS = [
    gettext_lazy("Area code"),
    gettext_lazy("Area"),
    gettext_lazy("Times asked for views"),
    gettext_lazy("Weeks"),
    gettext_lazy("More than advised"),
]


def coverage_sheets(coverage: Coverage, user: User) -> list[Sheet]:
    matrix: list[list[Any]] = []
    gaps: list[list[Any]] = []
    for block in coverage.areas:
        for line in [*block.lines, block.everyone]:
            for label, cell in zip(coverage.month_labels, line.months, strict=True):
                gap = "yes" if line.slug and not cell.activities else ""
                matrix.append(
                    [block.code, block.name, line.name, label, cell.activities, cell.participants, gap]
                )
            if line.slug and line.months_without:
                gaps.append(
                    [block.code, block.name, line.name, line.activities, "; ".join(line.months_without)]
                )
    fatigue = [
        [f.code, f.name, f.asks, f.weeks, "yes" if f.is_over else "no"]
        for f in consultation_fatigue(user=user, rows=filtered_rows(coverage.form))
    ]
    return [
        Sheet(gettext("Coverage"), COVERAGE_HEADERS, matrix),
        Sheet(gettext("Gaps"), GAP_HEADERS, gaps),
        Sheet(gettext("Consultation fatigue"), FATIGUE_HEADERS, fatigue),
    ]


def coverage_export(
    *, user: User, data: Mapping[str, Any] | None, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    _check_format(file_format)
    coverage = coverage_build(user=user, data=data)
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"heard-coverage-{_stamp()}",
        sheets=coverage_sheets(coverage, user),
        object_type="reach.coverage",
        object_repr=f"Coverage {coverage.period_label} as {file_format}",
        changes={"filter": _used(data), "areas": len(coverage.areas)},
    )
