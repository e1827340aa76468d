"""The reports' part of the URL walks (heard/tests/walks.py).

For the scoping walk, each of the walk's activities gets a ready annual report of the police
whose figures name the activity, so that a page or an answer that leaked another organisation's
report would show the activity's title.

For the redaction matrix, the police's annual report of this year is made (at once) over the
matrix's records, whose finding, decision, action, feedback and report card quote the planted
name, address, postcode, phone number and e-mail address. Reports are published documents,
written for people outside the organisation: none of their pages, files or API answers carries
the planted values, for anyone — the owning organisation's staff included (OTHER_GETS)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone

from outcomes.models import Report, ReportKind, ReportState

Record = dict[str, Any]
Scene = dict[str, Any]


def _report(key: str, arg: str = "pk") -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda r: {arg: r[key].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "reports:report_detail": _report("report"),
    "reports:report_file": lambda r: {"pk": r["report"].pk, "file_format": "html"},
    **{
        f"api:{name}": _report("report", "report_id")
        for name in ("get_report", "get_report_pdf", "get_report_html")
    },
}

COLLECTION_URLS: dict[str, dict[str, Any]] = {
    **{f"reports:{name}": {} for name in ("board", "report_list", "evidence_pack")},
    **{
        f"api:{name}": {}
        for name in (
            "list_reports",
            "create_annual_report",
            "keep_evidence_pack",
            "get_evidence_pack",
            "get_board",
        )
    },
}


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    """A ready annual report of the police whose figures name the walk's activity."""
    activity = record["activity"]
    year = timezone.localdate().year
    title = activity.title
    report = Report.objects.create(
        kind=ReportKind.ANNUAL,
        year=year,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        organisation=police,
        state=ReportState.DONE,
        progress=100,
        as_at=timezone.localdate(),
        data={
            "kind": "annual",
            "title": f"Annual outcome report {year}",
            "activities": {"total": 1, "by_method": [[title, 1]], "by_purpose": [], "by_area": []},
            "themes": [{"label": title, "answers": 12, "activity": title}],
        },
        pdf=f"%PDF-1.4 {title}".encode(),
    )
    record["report"] = report


# The redaction matrix

OTHER_GETS: dict[str, Callable[[Scene], dict[str, Any]]] = {
    "reports:board": lambda s: {},
    "reports:report_list": lambda s: {},
    "reports:evidence_pack": lambda s: {},
    "reports:report_detail": _report("matrix_report"),
    "reports:report_file": lambda s: {"pk": s["matrix_report"].pk, "file_format": "html"},
    "api:list_reports": lambda s: {},
    "api:get_report": _report("matrix_report", "report_id"),
    "api:get_report_html": _report("matrix_report", "report_id"),
    # A PDF's text is compressed, so this walk cannot read it: test_reports_documents reads the
    # PDFs with pypdf and checks the same values are redacted in them.
    "api:get_report_pdf": _report("matrix_report", "report_id"),
    "api:get_evidence_pack": lambda s: {},
    "api:get_board": lambda s: {},
}

NO_TEXT: dict[str, str] = {
    "api:create_annual_report": "returns the report's id, state and progress",
    "api:keep_evidence_pack": "returns the report's id, state and progress",
}


def add_matrix_records(scene: Scene) -> None:
    """The police analyst's annual report of this year, made at once over the matrix's records."""
    from outcomes.reports_making import report_execute
    from outcomes.reports_services import annual_report_request

    report = annual_report_request(user=scene["analyst"], year=timezone.localdate().year)
    scene["matrix_report"] = report_execute(report_id=report.pk, heartbeat=False)
    assert scene["matrix_report"].state == ReportState.DONE, scene["matrix_report"].error
