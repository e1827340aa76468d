"""Making a report, in the background task (tasks_reports.py): `report_execute` reads the figures
as the person who asked may see them, writes the document, and stores both with the move to
"ready" in one transaction, so a report is either ready with its figures and its PDF, or not
ready at all. Its figures stand at the day it was asked for (or the end of its period, if that
came first), so it reads the same whenever the task runs.

While it runs, a heartbeat thread stamps the report every few seconds, so that one whose worker
died is recognisable (its heartbeat stops) and `reports_fail_stale` marks it failed rather than
"being made" for ever (the pattern of insight/pipeline.py)."""

import logging
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.heartbeat import Heartbeat
from core.lifecycle import Lifecycle, TransitionConflict
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

REPORT: Lifecycle[Report] = Lifecycle(
    model=Report,
    states=ReportState,
    moves={
        ReportState.QUEUED: frozenset({ReportState.RUNNING, ReportState.FAILED}),
        ReportState.RUNNING: frozenset({ReportState.DONE, ReportState.FAILED}),
        ReportState.DONE: frozenset(),
        ReportState.FAILED: frozenset(),
    },
    noun="report",
)


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "HEARD_REPORT_STALE_SECONDS", 120)))


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


def _progress(report_id: int) -> Callable[[int], None]:
    def set_progress(value: int) -> None:
        Report.objects.filter(pk=report_id, state=ReportState.RUNNING).update(
            progress=value, heartbeat_at=timezone.now()
        )

    return set_progress


def report_execute(*, report_id: int, heartbeat: bool = True) -> Report:
    """Make a queued report; a failure is recorded on it (never left "being made").
    `heartbeat=False` when it is made at once, inside a caller's transaction (the demo)."""
    report = Report.objects.select_related("area", "target", "requested_by").get(pk=report_id)
    if report.state != ReportState.QUEUED:
        return report

    def started(locked: Report) -> list[str]:
        locked.progress, locked.heartbeat_at = 5, timezone.now()
        return ["progress", "heartbeat_at"]

    try:
        report = REPORT.advance(report, ReportState.RUNNING, update=started)
    except TransitionConflict:  # another worker took it
        return report
    user = report.requested_by
    try:
        if user is None or not user.is_active:
            raise ValidationError(NO_LONGER)
        with (
            Heartbeat(Report.objects.filter(pk=report.pk, state=ReportState.RUNNING), f"report-{report.pk}")
            if heartbeat
            else nullcontext()
        ):
            data, pdf = build(report, user, _progress(report.pk))
            _finish(report, data, pdf)
    except Exception as exc:  # the report must not stay "being made" for ever
        logger.exception("Report %s failed", report.pk)
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else "Something went wrong."
        _fail(report.pk, message)
    report.refresh_from_db()
    return report


def _finish(report: Report, data: dict[str, Any], pdf: bytes) -> None:
    with transaction.atomic():

        def done(locked: Report) -> list[str]:
            locked.data, locked.pdf, locked.progress = data, pdf, 100
            locked.as_at = date.fromisoformat(data["period"]["as_at"])
            locked.finished_at = timezone.now()
            return ["data", "pdf", "progress", "as_at", "finished_at"]

        REPORT.advance(report, ReportState.DONE, update=done)
        audit_record(
            actor=None, action=AuditAction.TRANSITION, obj=report, changes={"state": ["running", "done"]}
        )


def _fail(report_id: int, message: str) -> None:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        before = report.state
        if before not in (ReportState.QUEUED, ReportState.RUNNING):
            return

        def failed(locked: Report) -> list[str]:
            locked.error, locked.finished_at = message, timezone.now()
            locked.data, locked.pdf = {}, b""
            return ["error", "finished_at", "data", "pdf"]

        REPORT.advance(report, ReportState.FAILED, update=failed)
        audit_record(
            actor=None, action=AuditAction.TRANSITION, obj=report, changes={"state": [before, "failed"]}
        )


def reports_fail_stale(*, now: Any = None) -> int:
    """Mark failed every report still "being made" whose heartbeat stopped (its worker died):
    the page then says so instead of waiting for ever. Returns how many."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    stale = Report.objects.filter(state=ReportState.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )
    ids = list(stale.values_list("pk", flat=True))
    for report_id in ids:
        _fail(report_id, STOPPED)
    return len(ids)
