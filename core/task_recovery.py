"""Recovering from a worker killed mid-task (`kill -9`, out of memory, a machine lost).

django-tasks' database backend marks a task "running" when a worker claims it and "successful"
or "failed" when it ends; a worker that dies in between leaves it "running" for ever, and the
library has nothing that notices. Written here because no library does it for this backend:

- a pulse: while a worker runs a task, a thread stamps the task's `TaskPulse` row every
  `HEARTBEAT_SECONDS` (receivers of django-tasks' `task_started`/`task_finished` signals, for
  the database backend only: the immediate backend of tests runs tasks in the caller);
- a sweep: every task still "running" whose pulse stopped more than `HEARD_TASK_STALE_SECONDS`
  ago is marked failed with a plain reason, then every app's own sweep registered in
  `stale_sweeps` marks its records failed (an analysis, a report, an import), so that pages say
  what happened instead of waiting for ever.

The sweep runs when a worker starts and every `HEARD_TASK_SWEEP_SECONDS` while it runs
(`manage.py run_worker`), and on demand (`manage.py fail_stale_tasks`, e.g. from cron).
"""

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .extensions import Registry
from .heartbeat import HEARTBEAT_SECONDS
from .models import TaskPulse

logger = logging.getLogger(__name__)

STOPPED = (
    "The worker running this task stopped before it finished (the process was killed or the "
    "machine restarted). Nothing it had not finished was kept."
)

# Each app's own sweep of its records whose worker died: returns how many it marked failed.
stale_sweeps: Registry[Callable[[], int]] = Registry()


class WorkerStopped(Exception):
    """Recorded as the error of a task whose worker died."""


def stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "HEARD_TASK_STALE_SECONDS", 60)))


def stale_job_ids(jobs: Any, *, running: str, queued: str, now: Any = None) -> set[int]:
    """Ids of an app's background jobs whose worker died. `jobs` is a queryset of a model with
    `state`, `heartbeat_at`, `created_at` and `task_id`: a job is stale when it is `running` with a
    heartbeat older than `stale_after()`, or `queued` that long for a task that never came (no
    task id) or whose task already ended."""
    cutoff = (now or timezone.now()) - stale_after()
    ids = set(
        jobs.filter(
            Q(state=running, heartbeat_at__lt=cutoff) | Q(state=queued, created_at__lt=cutoff, task_id="")
        ).values_list("pk", flat=True)
    )
    waiting: dict[UUID, int] = {}
    for task_id, pk in (
        jobs.filter(state=queued, created_at__lt=cutoff).exclude(task_id="").values_list("task_id", "pk")
    ):
        try:
            waiting[UUID(task_id)] = pk
        except ValueError:  # another task backend's id: its task is not in the database
            continue
    if waiting:
        ended = DBTaskResult.objects.filter(
            id__in=list(waiting), status__in=[TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
        ).values_list("id", flat=True)
        ids |= {waiting[task_id] for task_id in ended}
    return ids


def task_results_fail_stale(*, now: Any = None) -> int:
    """Mark failed every task "running" whose pulse stopped (or never started). Returns how many."""
    cutoff = (now or timezone.now()) - stale_after()
    alive = TaskPulse.objects.filter(beat_at__gte=cutoff).values("task_id")
    ids = list(
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .exclude(id__in=alive)
        .values_list("id", flat=True)
    )
    failed = 0
    for task_id in ids:
        with transaction.atomic():
            result = DBTaskResult.objects.select_for_update().filter(id=task_id).first()
            if result is None or result.status != TaskResultStatus.RUNNING:
                continue
            result.set_failed(WorkerStopped(STOPPED))
            failed += 1
    TaskPulse.objects.filter(beat_at__lt=cutoff).delete()
    return failed


def sweep() -> dict[str, int]:
    """The tasks, then every app's records, whose worker died: how many of each were failed."""
    counts = {"tasks": task_results_fail_stale()}
    for key, (_, _, fail_stale) in sorted(stale_sweeps.items.items(), key=lambda kv: kv[1][:2]):
        counts[key] = fail_stale()
    return counts


class _Pulse:
    def __init__(self, task_id: str) -> None:
        self.task_id = task_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"task-{task_id}-pulse", daemon=True)

    def _beat(self) -> None:
        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                TaskPulse.objects.filter(task_id=self.task_id).update(beat_at=timezone.now())
        except DatabaseError:
            logger.debug("Pulse of task %s stopped", self.task_id, exc_info=True)
        finally:
            connection.close()


_pulses: dict[str, _Pulse] = {}


def _is_database_backend(sender: Any) -> bool:
    return getattr(sender, "__module__", "").startswith("django_tasks_db")


def on_task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if not _is_database_backend(sender):
        return
    TaskPulse.objects.update_or_create(task_id=task_result.id, defaults={"beat_at": timezone.now()})
    pulse = _pulses[str(task_result.id)] = _Pulse(str(task_result.id))
    pulse.thread.start()


def on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    pulse = _pulses.pop(str(task_result.id), None)
    if pulse is None:
        return
    pulse.stop.set()
    pulse.thread.join(timeout=HEARTBEAT_SECONDS * 2)
    TaskPulse.objects.filter(task_id=task_result.id).delete()


class Sweeper:
    """In a worker: the sweep now, then every `interval` seconds in a thread of its own."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="task-sweeper", daemon=True)

    def start(self) -> None:
        _sweep_logged()
        self.thread.start()

    def _run(self) -> None:
        try:
            while not self.stop.wait(self.interval):
                _sweep_logged()
        finally:
            connection.close()


def _sweep_logged() -> None:
    try:
        counts = sweep()
    except DatabaseError:
        logger.exception("The sweep of stopped tasks failed; it will run again")
        connection.close()  # a new connection next time, should this one be broken
        return
    if any(counts.values()):
        logger.warning("Marked failed after their worker stopped: %s", counts)
