"""One shape for every job a background task makes from a row (an export, a response or
reference-data import, a report, a publication bundle): the row waits (QUEUED), the task takes it
(RUNNING) and stamps it with a heartbeat and its progress while it works, and it ends DONE or
FAILED (an app may add ends of its own, such as an import's REJECTED) with the time it ended and
why it failed. A job whose worker died is marked failed by the worker's sweep
(core/task_recovery.py) rather than left "running" for ever.

`JobRunner` makes these moves the same way for every app. What a job makes, what it records in
the audit log, its messages, and what else it keeps or clears stay in the app's own module.
The states' members must be named QUEUED, RUNNING, DONE and FAILED; the row needs `progress`,
`heartbeat_at`, `finished_at` and `error` fields.
"""

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from .heartbeat import Heartbeat
from .lifecycle import Lifecycle, TransitionConflict
from .task_recovery import stale_job_ids

M = TypeVar("M", bound=models.Model)


def job_lifecycle(
    model: type[M], states: type[models.TextChoices], *, noun: str, ends: Iterable[str] = ()
) -> Lifecycle[M]:
    """Moves the system alone makes (no rules): a waiting job starts or fails (the sweep); a
    running one ends DONE, FAILED or in one of `ends`."""
    queued, running, done, failed = (states[name] for name in ("QUEUED", "RUNNING", "DONE", "FAILED"))
    ends = frozenset(ends)
    return Lifecycle(
        model=model,
        states=states,
        moves={
            queued: frozenset({running, failed}),
            running: frozenset({done, failed, *ends}),
            **{end: frozenset() for end in (done, failed, *ends)},
        },
        noun=noun,
    )


@dataclass(frozen=True)
class JobRunner(Generic[M]):
    """The moves of one kind of job. `name` names its heartbeat thread. `cleared`: fields set at
    every end (e.g. a copy of the upload emptied); `cleared_on_failure`: only when it fails.
    `stale_after`: None when the row keeps its task's id (`task_id`), so that a job waiting for a
    task that never came is found too (core.task_recovery.stale_job_ids); else only running jobs
    are watched, stale once their heartbeat (or, without one, their asking) is that old."""

    lifecycle: Lifecycle[M]
    name: str
    cleared: Mapping[str, Any] = field(default_factory=dict)
    cleared_on_failure: Mapping[str, Any] = field(default_factory=dict)
    stale_after: Callable[[], timedelta] | None = None

    def _state(self, name: str) -> str:
        return str(self.lifecycle.states[name])

    @property
    def queued(self) -> str:
        return self._state("QUEUED")

    @property
    def running(self) -> str:
        return self._state("RUNNING")

    @property
    def done(self) -> str:
        return self._state("DONE")

    @property
    def failed(self) -> str:
        return self._state("FAILED")

    def rows(self) -> QuerySet[M]:
        return self.lifecycle.model._default_manager.all()

    def running_rows(self, job_id: int) -> QuerySet[M]:
        return self.rows().filter(pk=job_id, **{self.lifecycle.state_field: self.running})

    def start(self, job: M, *, progress: int, **fields: Any) -> M | None:
        """Move a waiting job to running, with its first heartbeat, its `progress` and `fields`.
        None when it is not waiting (another worker took it, or the sweep failed it)."""
        if self.lifecycle.state_of(job) != self.queued:
            return None

        def started(locked: M) -> list[str]:
            for name, value in {"heartbeat_at": timezone.now(), "progress": progress, **fields}.items():
                setattr(locked, name, value)
            return ["heartbeat_at", "progress", *fields]

        try:
            return self.lifecycle.advance(job, self.running, update=started)
        except TransitionConflict:
            return None

    def heartbeat(self, job_id: int, fields: Callable[[], dict[str, Any]] | None = None) -> Heartbeat:
        """Stamps the job while it runs (core.heartbeat), with `fields()` if given."""
        return Heartbeat(self.running_rows(job_id), f"{self.name}-{job_id}", fields)

    def set_progress(self, job_id: int, value: int, **fields: Any) -> None:
        """Store a running job's progress (and `fields`), which is also a sign of life."""
        self.running_rows(job_id).update(progress=value, heartbeat_at=timezone.now(), **fields)

    def progress_setter(self, job_id: int) -> Callable[[int], None]:
        return partial(self.set_progress, job_id)

    def end(self, job_id: int, state: str, **fields: Any) -> str | None:
        """Move an active job to `state` with `fields`, the time it ended, progress 100 when done.
        Returns the state it left; None when it had already ended (the sweep, or the task, was
        first), and then it is left as it is."""
        lifecycle, active = self.lifecycle, {self.queued, self.running}
        cleared = {**self.cleared, **(self.cleared_on_failure if state == self.failed else {})}
        values = {**copy.deepcopy(cleared), **fields}

        def ended(locked: M) -> list[str]:
            for name, value in values.items():
                setattr(locked, name, value)
            locked.finished_at = timezone.now()  # type: ignore[attr-defined]
            if state == self.done:
                locked.progress = 100  # type: ignore[attr-defined]
            return [*values, "finished_at", "progress"]

        job = self.rows().only(lifecycle.state_field).get(pk=job_id)
        left = lifecycle.state_of(job)  # advance() moves it only from the state it was seen in
        if left not in active:
            return None
        try:
            lifecycle.advance(job, state, update=ended)
        except TransitionConflict:
            job.refresh_from_db(fields=[lifecycle.state_field])
            left = lifecycle.state_of(job)
            if left not in active:
                return None
            lifecycle.advance(job, state, update=ended)  # it moved from waiting to running meanwhile
        return left

    def stale_ids(self, *, now: Any = None) -> set[int]:
        """The jobs whose worker died."""
        if self.stale_after is None:
            return stale_job_ids(self.rows(), running=self.running, queued=self.queued, now=now)
        cutoff = (now or timezone.now()) - self.stale_after()
        stale = self.rows().filter(**{self.lifecycle.state_field: self.running})
        stale = stale.filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff))
        return set(stale.values_list("pk", flat=True))

    def fail_stale(
        self, *, message: str, now: Any = None, fail: Callable[[int, str], object] | None = None
    ) -> int:
        """Mark failed, with `message`, every job whose worker died; `fail(job_id, message)` when
        the app records more than the move. Returns how many were failed."""
        fail = fail or (lambda job_id, reason: self.end(job_id, self.failed, error=reason))
        return sum(1 for job_id in sorted(self.stale_ids(now=now)) if fail(job_id, message))
