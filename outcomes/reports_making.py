"""Making a report, in the background task (tasks_reports.py): `report_execute` reads the figures
as the person who asked may see them, writes the document, and stores both with the move to
"ready" in one transaction, so a report is either ready with its figures and its PDF, or not
ready at all. Its figures stand at the day it was asked for (or the end of its period, if that
came first), so it reads the same whenever the task runs.

While it runs, a heartbeat thread stamps the report every few seconds, so that one whose worker
died is recognisable (its heartbeat stops) and `reports_fail_stale` marks it failed rather than
"being made" for ever. These moves are core's (core/background_jobs.py); the audit entries of the
moves are the report's own."""

import logging
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.background_jobs import JobRunner, job_lifecycle
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .models import Report, ReportKind, ReportState
from .reports_annual import annual_data
from .reports_doc import render_pdf
from .reports_evidence import evidence_data
from .reports_scope import Period
from .reports_writing_annual import annual_doc
from .reports_writing_evidence import evidence_doc

logger = logging.getLogger(__name__)
STOPPED = (
    "The report stopped part-way because the process making it ended. Nothing was kept: ask for it again."
)
NO_LONGER = "The person who asked for it can no longer sign in, so it was not made."


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "HEARD_REPORT_STALE_SECONDS", 120)))


REPORTS = JobRunner(
    job_lifecycle(Report, ReportState, noun="report"),
    name="report",
    cleared_on_failure={"data": {}, "pdf": b""},
    stale_after=stale_after,
)


def build(report: Report, user: User, progress: Callable[[int], None]) -> tuple[dict[str, Any], bytes]:
    """The report's figures, as `user` may see them, and its PDF."""
    period = Period(
        start=report.start,
        end=report.end,
        area=report.area,
        as_at=min(report.end, timezone.localtime(report.created_at).date()),
    )
    if report.kind == ReportKind.ANNUAL:
        data = annual_data(user=user, period=period, progress=progress)
        document = annual_doc(data)
    else:
        data = evidence_data(user=user, period=period, target=report.target, progress=progress)
        document = evidence_doc(data)
    progress(90)
    return data, render_pdf(document)


def report_execute(*, report_id: int, heartbeat: bool = True) -> Report:
    """Make a queued report; a failure is recorded on it (never left "being made").
    `heartbeat=False` when it is made at once, inside a caller's transaction (the demo)."""
    report = Report.objects.select_related("area", "target", "requested_by").get(pk=report_id)
    running = REPORTS.start(report, progress=5)
    if running is None:  # another worker took it
        return report
    report, user = running, running.requested_by
    try:
        if user is None or not user.is_active:
            raise ValidationError(NO_LONGER)
        with REPORTS.heartbeat(report.pk) if heartbeat else nullcontext():
            data, pdf = build(report, user, REPORTS.progress_setter(report.pk))
            _finish(report, data, pdf)
    except Exception as exc:  # the report must not stay "being made" for ever
        logger.exception("Report %s failed", report.pk)
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else "Something went wrong."
        _fail(report.pk, message)
    report.refresh_from_db()
    return report


def _finish(report: Report, data: dict[str, Any], pdf: bytes) -> None:
    with transaction.atomic():
        as_at = date.fromisoformat(data["period"]["as_at"])
        if REPORTS.end(report.pk, ReportState.DONE, data=data, pdf=pdf, as_at=as_at):
            audit_record(
                actor=None, action=AuditAction.TRANSITION, obj=report, changes={"state": ["running", "done"]}
            )


def _fail(report_id: int, message: str) -> bool:
    with transaction.atomic():
        before = REPORTS.end(report_id, ReportState.FAILED, error=message)
        if before:
            report = Report.objects.get(pk=report_id)
            audit_record(
                actor=None, action=AuditAction.TRANSITION, obj=report, changes={"state": [before, "failed"]}
            )
    return bool(before)


def reports_fail_stale(*, now: Any = None) -> int:
    """Mark failed every report still "being made" whose heartbeat stopped (its worker died):
    the page then says so instead of waiting for ever. Returns how many."""
    return REPORTS.fail_stale(message=STOPPED, now=now, fail=_fail)
