"""A task left "running" by a worker that died is marked failed with a plain reason; a task
whose worker still shows signs of life is left alone; every app's own sweep runs too."""

from datetime import timedelta
from io import StringIO
from uuid import uuid4

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core import task_recovery
from core.models import TaskPulse

pytestmark = pytest.mark.django_db


def _running(started_minutes_ago: float) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
        run_after=timezone.now(),
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="insight.tasks.run_analysis",
        backend_name="default",
    )


def test_a_task_whose_worker_died_is_failed_with_a_reason(settings):
    settings.HEARD_TASK_STALE_SECONDS = 60
    dead, alive, young = _running(10), _running(10), _running(0)
    TaskPulse.objects.create(task_id=alive.pk, beat_at=timezone.now())
    TaskPulse.objects.create(task_id=uuid4(), beat_at=timezone.now() - timedelta(hours=1))
    assert task_recovery.task_results_fail_stale() == 1
    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.FAILED and dead.finished_at is not None
    assert dead.exception_class_path == "core.task_recovery.WorkerStopped"
    assert "worker running this task stopped" in dead.traceback
    assert DBTaskResult.objects.get(pk=alive.pk).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=young.pk).status == TaskResultStatus.RUNNING  # just claimed
    assert list(TaskPulse.objects.values_list("task_id", flat=True)) == [alive.pk]  # old pulses go
    assert task_recovery.task_results_fail_stale() == 0


def test_the_sweep_runs_every_apps_own_sweep(monkeypatch):
    _running(10)
    calls = []
    monkeypatch.setattr(task_recovery.stale_sweeps, "items", {})
    task_recovery.stale_sweeps.register("things", lambda: calls.append("things") or 2)
    assert task_recovery.sweep() == {"tasks": 1, "things": 2} and calls == ["things"]
    out = StringIO()
    call_command("fail_stale_tasks", stdout=out)
    assert out.getvalue().strip() == "tasks: 0, things: 2"


def test_the_apps_register_their_sweeps():
    assert {"analyses", "reports", "response imports"} <= set(task_recovery.stale_sweeps.items)


def test_a_pulse_is_kept_while_a_task_of_the_database_backend_runs():
    class Result:
        id = uuid4()

    task_recovery.on_task_started(DatabaseBackend, Result())
    assert TaskPulse.objects.filter(task_id=Result.id).exists()
    task_recovery.on_task_finished(DatabaseBackend, Result())
    assert not TaskPulse.objects.filter(task_id=Result.id).exists()
    task_recovery.on_task_started(object, Result())  # the immediate backend of tests: no pulse
    assert not TaskPulse.objects.exists()
