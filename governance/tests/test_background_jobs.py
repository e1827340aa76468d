"""core/background_jobs.py through a real job (an export; core has no job model of its own): a
job starts only once, ends only once (even when it starts while being failed), is done at 100%,
keeps its progress when it fails, and the sweep finds only the jobs whose worker died."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.background_jobs import JobRunner, job_lifecycle
from core.lifecycle import Lifecycle
from governance.export_models import ExportJob, ExportState

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(hours=1)


def _runner(**options):
    return JobRunner(job_lifecycle(ExportJob, ExportState, noun="export"), name="export", **options)


def _job(user, **fields):
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return ExportJob.objects.create(
        kind="engagement.activities", label="Activities", file_format="csv", requested_by=user, **fields
    )


def test_the_lifecycle_lets_only_the_system_move_a_job_forward(officer):
    lifecycle = job_lifecycle(ExportJob, ExportState, noun="export", ends=[])
    assert lifecycle.targets(ExportState.QUEUED) == {ExportState.RUNNING, ExportState.FAILED}
    assert lifecycle.targets(ExportState.DONE) == frozenset() and not lifecycle.rules
    with pytest.raises(ValidationError, match="An export that is ready to download cannot become"):
        lifecycle.check(_job(officer, state=ExportState.DONE), ExportState.RUNNING)


def test_a_job_starts_once_with_its_first_heartbeat(officer):
    runner, job = _runner(), _job(officer)
    started = runner.start(job, progress=3, rows_written=1)
    assert started is not None and started.state == job.state == ExportState.RUNNING
    assert started.progress == 3 and started.rows_written == 1 and started.heartbeat_at is not None
    assert runner.start(job, progress=3) is None
    stale_copy = ExportJob.objects.get(pk=_job(officer).pk)
    runner.end(stale_copy.pk, ExportState.FAILED, error="Gone")
    assert runner.start(stale_copy, progress=1) is None  # the sweep failed it meanwhile
    assert ExportJob.objects.get(pk=stale_copy.pk).state == ExportState.FAILED


def test_progress_is_stored_only_while_the_job_runs(officer):
    runner = _runner()
    running, waiting = _job(officer, state=ExportState.RUNNING), _job(officer)
    runner.progress_setter(running.pk)(40)
    runner.set_progress(waiting.pk, 40, rows_written=9)
    running.refresh_from_db()
    waiting.refresh_from_db()
    assert running.progress == 40 and running.heartbeat_at is not None
    assert waiting.progress == 0 and waiting.rows_written == 0


def test_a_job_ends_once_done_at_100_or_failed_where_it_stopped(officer):
    runner = _runner(cleared={"file_name": ""}, cleared_on_failure={"audit": {}})
    done = _job(officer, state=ExportState.RUNNING, progress=60, file_name="a.csv", audit={"rows": 1})
    failed = _job(officer, state=ExportState.RUNNING, progress=60, file_name="b.csv", audit={"rows": 1})
    assert runner.end(done.pk, ExportState.DONE, rows_written=7) == ExportState.RUNNING
    assert runner.end(failed.pk, ExportState.FAILED, error="Stopped") == ExportState.RUNNING
    assert runner.end(failed.pk, ExportState.DONE) is None
    done.refresh_from_db()
    failed.refresh_from_db()
    assert (done.state, done.progress, done.rows_written, done.file_name) == (ExportState.DONE, 100, 7, "")
    assert done.audit == {"rows": 1} and done.finished_at is not None
    assert (failed.state, failed.progress, failed.error) == (ExportState.FAILED, 60, "Stopped")
    assert failed.audit == {} and failed.file_name == ""


def test_a_job_failed_while_it_starts_is_still_failed(officer, monkeypatch):
    job, advance = _job(officer), Lifecycle.advance
    calls = []

    def started_meanwhile(self, obj, to, **kwargs):
        if not calls:  # a worker takes the job between the read and the lock
            ExportJob.objects.filter(pk=obj.pk).update(state=ExportState.RUNNING)
        calls.append(to)
        return advance(self, obj, to, **kwargs)

    monkeypatch.setattr(Lifecycle, "advance", started_meanwhile)
    assert _runner().end(job.pk, ExportState.FAILED, error="Stopped") == ExportState.RUNNING
    assert len(calls) == 2 and ExportJob.objects.get(pk=job.pk).state == ExportState.FAILED


def test_the_sweep_with_task_ids_fails_the_dead_and_counts_them(officer):
    dead = _job(officer, state=ExportState.RUNNING, heartbeat_at=LONG_AGO)
    never_came = _job(officer, created_at=LONG_AGO)
    alive = _job(officer, state=ExportState.RUNNING, heartbeat_at=timezone.now())
    waiting = _job(officer, created_at=LONG_AGO, task_id="elsewhere")
    assert _runner().fail_stale(message="Stopped") == 2
    states = dict(ExportJob.objects.values_list("pk", "state"))
    assert states[dead.pk] == states[never_came.pk] == ExportState.FAILED
    assert (states[alive.pk], states[waiting.pk]) == (ExportState.RUNNING, ExportState.QUEUED)
    assert ExportJob.objects.get(pk=dead.pk).error == "Stopped"


def test_the_sweep_without_task_ids_watches_running_jobs_only(officer):
    runner = _runner(stale_after=lambda: timedelta(minutes=2))
    dead = _job(officer, state=ExportState.RUNNING, heartbeat_at=LONG_AGO)
    never_beat = _job(officer, state=ExportState.RUNNING, created_at=LONG_AGO)
    alive = _job(officer, state=ExportState.RUNNING, heartbeat_at=timezone.now() - timedelta(minutes=1))
    waiting = _job(officer, created_at=LONG_AGO)
    assert runner.stale_ids() == {dead.pk, never_beat.pk}
    failing: list[tuple[int, str]] = []
    assert runner.fail_stale(message="Stopped", fail=lambda pk, why: failing.append((pk, why))) == 0
    assert sorted(failing) == [(dead.pk, "Stopped"), (never_beat.pk, "Stopped")]
    assert runner.fail_stale(message="Stopped", now=timezone.now() + timedelta(minutes=2)) == 3
    assert ExportJob.objects.get(pk=alive.pk).state == ExportState.FAILED
    assert ExportJob.objects.get(pk=waiting.pk).state == ExportState.QUEUED
