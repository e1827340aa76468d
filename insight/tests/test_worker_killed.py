"""An analysis whose worker is killed part-way does not stay "running" for ever, and leaves no
half-written themes: a real `db_worker` process is started on the test database, killed with
SIGKILL in the middle of an analysis, and the run page then says the analysis stopped."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Response
from consultations.tests.test_public_helpers import reference_rows  # noqa: F401  (the fixture)
from insight import services
from insight.models import AnalysisRun, CodedAnswer, RunState, Theme
from insight.pipeline import STOPPED

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WORDS = ["speeding", "litter", "parking", "drugs", "noise", "lighting", "graffiti", "burglary", "buses"]


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def _many_answers(question, count: int) -> None:
    now = timezone.now()
    responses = Response.objects.bulk_create(
        Response(
            questionnaire=question.questionnaire,
            receipt_hash=uuid.uuid4().hex,
            privacy_statement=question.questionnaire.privacy_statement,
            consented_at=now,
        )
        for _ in range(count)
    )
    Answer.objects.bulk_create(
        Answer(
            response=r,
            question=question,
            text=f"Worried about {WORDS[i % len(WORDS)]} near {WORDS[(i * 7) % len(WORDS)]} on road {i}",
        )
        for i, r in enumerate(responses)
    )


def _wait_for(run: AnalysisRun, test, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if test(run):
            return
        time.sleep(0.1)
    raise AssertionError(f"analysis {run.pk} stayed {run.state} at {run.progress}%")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_rows")  # an earlier transactional test may have flushed them
def test_a_killed_worker_leaves_a_failed_run_and_no_half_written_themes(question, analyst):
    _many_answers(question, 3000)
    with override_settings(TASKS=DB_TASKS):
        run = services.analysis_run_create(user=analyst, question=question)
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "heard.settings.dev"}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(run, lambda r: r.state == RunState.RUNNING and r.progress >= 20)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    run.refresh_from_db()
    assert run.state == RunState.RUNNING, "killed mid-run"
    assert not Theme.objects.filter(run=run).exists() and not CodedAnswer.objects.filter(run=run).exists()

    with override_settings(HEARD_ANALYSIS_STALE_SECONDS=1):
        time.sleep(1.5)
        client = Client()
        client.force_login(analyst)
        page = client.get(reverse("insight:run_detail", kwargs={"pk": run.pk}))
    assert page.status_code == 200
    assert "stopped part-way" in page.content.decode()
    run.refresh_from_db()
    assert run.state == RunState.FAILED and run.error == STOPPED and run.finished_at is not None
    assert not Theme.objects.filter(run=run).exists() and not CodedAnswer.objects.filter(run=run).exists()
