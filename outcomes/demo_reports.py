"""Reports in the demo: the annual outcome report of the year of `today` and a kept evidence pack
of the twelve months up to `today`, both for Trafford, made at once by the demo's analyst so that
the demo has them to open and download. Safe to run twice: a report already made for the same
year (or period) and area is kept, not made again. heard/demo_parts.py calls `demo_load_reports`
after the other parts (reports read everything they made)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from organisations.models import User
from places.models import Area

from .models import Report, ReportKind, ReportState
from .reports_making import report_execute
from .reports_selectors import evidence_query, year_before
from .reports_services import annual_report_request, evidence_pack_keep

DISTRICT = "E08000009"  # Trafford


@dataclass(frozen=True)
class DemoReportsSummary:
    annual: str  # the state the annual report is in
    evidence_pack: str
    made: int  # how many were made this time


def _ready(report: Report) -> Report:
    """Make a report at once (the demo runs in one transaction, so nothing beats alongside)."""
    return (
        report_execute(report_id=report.pk, heartbeat=False) if report.state == ReportState.QUEUED else report
    )


def _existing(organisation_id: int, kind: str, area: Area, **period: object) -> Report | None:
    return (
        Report.objects.filter(organisation_id=organisation_id, kind=kind, area=area, **period)
        .exclude(state=ReportState.FAILED)
        .first()
    )


def demo_load_reports(*, analyst: User, today: date | None = None) -> DemoReportsSummary:
    """Make the year's annual report and the last twelve months' evidence pack for Trafford."""
    today = today or timezone.localdate()
    trafford = Area.objects.filter(code=DISTRICT).first()
    organisation_id = analyst.organisation_id
    if trafford is None or organisation_id is None:
        return DemoReportsSummary(annual="", evidence_pack="", made=0)
    made = 0
    annual = _existing(organisation_id, ReportKind.ANNUAL, trafford, year=today.year)
    if annual is None:
        annual = annual_report_request(user=analyst, year=today.year, area=trafford)
        made += 1
    start = year_before(today)
    pack = _existing(organisation_id, ReportKind.EVIDENCE, trafford, start=start, end=today)
    if pack is None:
        query = evidence_query(user=analyst, start=start, end=today, area=trafford)  # victims' profile
        pack = evidence_pack_keep(user=analyst, start=start, end=today, area=trafford, target=query.target)
        made += 1
    return DemoReportsSummary(annual=_ready(annual).state, evidence_pack=_ready(pack).state, made=made)
