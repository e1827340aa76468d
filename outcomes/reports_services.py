"""Asking for reports: the annual outcome report of a year, or a kept copy of the evidence pack
of a period (to table as it stood). Each is recorded and audited, and the background task
(tasks_reports.py → reports_making.py) that makes it is queued once the transaction commits."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User
from places.models import Area
from reach.models import TargetProfile

from .models import Report, ReportKind
from .reports_making import reports_fail_stale
from .reports_scope import period_for, year_period
from .tasks_reports import make_report

__all__ = ["annual_report_request", "evidence_pack_keep", "reports_fail_stale"]


def _queue(report: Report, user: User) -> Report:
    if user.organisation_id is None:  # the rule says so too: a report is an organisation's
        raise PermissionDenied("Only members of an organisation make reports.")
    report.organisation_id = user.organisation_id
    report.full_clean()
    report.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        obj=report,
        changes={"kind": report.kind, "period": report.period, "area": report.place},
    )
    report_id = report.pk
    transaction.on_commit(lambda: make_report.enqueue(report_id))
    return report


@transaction.atomic
def annual_report_request(*, user: User, year: int, area: Area | None = None) -> Report:
    """Queue the annual outcome report of `year` for `area` (every area: None)."""
    require(user, "outcomes.add_report")
    period = year_period(year=year, area=area)
    report = Report(
        kind=ReportKind.ANNUAL,
        year=year,
        start=period.start,
        end=period.end,
        area=area,
        requested_by=user,
    )
    return _queue(report, user)


@transaction.atomic
def evidence_pack_keep(
    *, user: User, start: date, end: date, area: Area | None = None, target: TargetProfile | None = None
) -> Report:
    """Queue a kept copy of the evidence pack of a period, to table as it stood."""
    require(user, "outcomes.add_report")
    if target is not None:
        require(user, "reach.view_target_profile", target)
    period_for(start=start, end=end, area=area)
    report = Report(
        kind=ReportKind.EVIDENCE,
        start=start,
        end=end,
        area=area,
        target=target,
        requested_by=user,
    )
    return _queue(report, user)
