"""Carrying out retention decisions: what a run does, in the background task
(retention_tasks.py) or from `manage.py retention_run`. It takes the pending decisions under a
row lock, asks each record type's owner to anonymise or delete its records in one transaction
per type, action and organisation, and writes to the audit log how many went — "12 consultation
responses deleted" — never which, nor what they said. A type whose owner fails is marked failed
(with the reason) and tried again when an admin says so. Apart from retention_services.py, which
starts runs, so that the task and the services do not import each other."""

import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.heartbeat import Heartbeat

from . import records
from .export_running import export_files_purge
from .models import AuditAction
from .retention_models import DecisionState, RetentionAction, RetentionDecision, RetentionRun, RunState
from .retention_rules import DECISION
from .services import audit_record

logger = logging.getLogger(__name__)
GONE = {RetentionAction.ANONYMISE: "anonymised", RetentionAction.DELETE: "deleted"}


def _apply(kind: records.RecordType, action: str, ids: list[int]) -> int:
    present = list(kind.records().filter(pk__in=ids).values_list("pk", flat=True))
    if not present:
        return 0
    act = kind.delete if action == RetentionAction.DELETE else kind.anonymise
    if act is None:
        raise ValidationError(gettext("%(kind)s cannot be anonymised.") % {"kind": kind.label})
    return act(present)


def _finish(decisions: list[RetentionDecision], run: RetentionRun, state: str, error: str = "") -> None:
    for decision in decisions:
        DECISION.check(decision, state)
    RetentionDecision.objects.filter(pk__in=[d.pk for d in decisions]).update(
        state=state, run=run, error=error, carried_out_at=timezone.now() if not error else None
    )


def _carry_out_batch(
    run: RetentionRun, key: str, action: str, decisions: list[RetentionDecision], owner: int | None
) -> int:
    kind = records.get(key)
    try:
        with transaction.atomic():
            if kind is None:
                raise ValidationError(gettext("Heard no longer knows this kind of record."))
            count = _apply(kind, action, [d.object_id for d in decisions])
            _finish(decisions, run, DecisionState.CARRIED_OUT)
            if count:
                noun = kind.noun if count == 1 else kind.label
                audit_record(
                    actor=None,
                    action=AuditAction.DELETE if action == RetentionAction.DELETE else AuditAction.UPDATE,
                    object_type="governance.retention",
                    object_id=str(run.pk),
                    object_repr=f"{count} {noun} {GONE[RetentionAction(action)]}",
                    changes={"record_type": key, "action": action, "count": count},
                    owner_organisation_id=owner,
                )
            return count
    except (ValidationError, DatabaseError) as error:
        logger.warning("Retention run %s could not %s %s", run.pk, action, key, exc_info=True)
        message = "; ".join(getattr(error, "messages", [])) or "The records could not be changed."
        with transaction.atomic():
            _finish(decisions, run, DecisionState.FAILED, error=message[:500])
        raise _Failed(len(decisions)) from error


class _Failed(Exception):
    def __init__(self, count: int) -> None:
        self.count = count


def retention_carry_out(*, run_id: int) -> RetentionRun | None:
    """Carry out every pending anonymise and delete decision. Safe to run twice at once: each
    batch takes its decisions under a row lock and leaves those another run has taken."""
    with transaction.atomic():
        run = RetentionRun.objects.select_for_update().filter(pk=run_id, state=RunState.QUEUED).first()
        if run is None:
            return None
        run.state = RunState.RUNNING
        run.save(update_fields=["state"])
    groups: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    pending = RetentionDecision.objects.filter(state=DecisionState.PENDING).exclude(
        action=RetentionAction.KEEP
    )
    for pk, key, action, owner in pending.values_list("pk", "record_type", "action", "organisation_id"):
        groups[(key, action, owner or 0)].append(pk)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    with Heartbeat(RetentionRun.objects.filter(pk=run.pk), "retention"):
        for done, ((key, action, owner), ids) in enumerate(sorted(groups.items()), start=1):
            with transaction.atomic():
                decisions = list(
                    RetentionDecision.objects.select_for_update(skip_locked=True).filter(
                        pk__in=ids, state=DecisionState.PENDING
                    )
                )
                if decisions:
                    try:
                        counts[key][action] = counts[key].get(action, 0) + _carry_out_batch(
                            run, key, action, decisions, owner or None
                        )
                    except _Failed as failed:
                        run.failed += failed.count
            run.progress = int(100 * done / len(groups))
            run.save(update_fields=["progress", "failed"])
    run.counts = dict(counts)
    run.state = RunState.DONE
    run.progress = 100
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "state", "progress", "finished_at"])
    export_files_purge()  # exports made in the background past their time, with their files
    return run


def retention_runs_fail_stale() -> int:
    """Runs whose worker died (no heartbeat for a while) are marked failed; their decisions,
    rolled back with the worker's transaction, stay pending for the next run."""
    from core.task_recovery import STOPPED, stale_after

    cutoff = timezone.now() - stale_after()
    stale = RetentionRun.objects.filter(state=RunState.RUNNING).filter(
        models.Q(heartbeat_at__lt=cutoff) | models.Q(heartbeat_at__isnull=True, queued_at__lt=cutoff)
    )
    return stale.update(state=RunState.FAILED, error=STOPPED, finished_at=timezone.now())
