"""An import whose worker died is marked failed, says so, and keeps no copy of the file; its
page refreshes itself while it runs, with HTMX or without JavaScript."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from consultations.import_running import STOPPED, response_imports_fail_stale
from consultations.models import ImportState, ResponseImport

TABLE = {"name": "survey.csv", "headers": ["A"], "rows": [["Yes"]], "lines": [2]}


def _job(consultation, **fields):
    return ResponseImport.objects.create(
        questionnaire=consultation, channel="paper", file_name="survey.csv", table=TABLE, **fields
    )


def test_imports_whose_worker_died_are_failed(consultation, settings):
    settings.HEARD_TASK_STALE_SECONDS = 60
    old = timezone.now() - timedelta(minutes=5)
    running = _job(consultation, state=ImportState.RUNNING, heartbeat_at=old)
    beating = _job(consultation, state=ImportState.RUNNING, heartbeat_at=timezone.now())
    never_sent = _job(consultation, created_at=old)
    ended = DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        run_after=old,
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="consultations.import_tasks.run_response_import",
        backend_name="default",
    )
    task_gone = _job(consultation, created_at=old, task_id=str(ended.pk))
    waiting = _job(consultation, created_at=old, task_id="still-waiting")
    assert response_imports_fail_stale() == 3
    for job in (running, never_sent, task_gone):
        job.refresh_from_db()
        assert job.state == ImportState.FAILED and job.error == STOPPED and job.table == {}
    assert ResponseImport.objects.get(pk=beating.pk).state == ImportState.RUNNING
    assert ResponseImport.objects.get(pk=waiting.pk).state == ImportState.QUEUED


def test_the_page_of_a_running_import_refreshes_itself(consultation, officer, outsider):
    job = _job(consultation, state=ImportState.RUNNING, heartbeat_at=timezone.now(), progress=40, row_count=1)
    url = reverse("consultations:import_status", kwargs={"pk": consultation.pk, "import_pk": job.pk})
    client = Client()
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page and 'hx-trigger="every 2s"' in page
    assert "40% done" in page and "Refresh this page" in page
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content and b"40% done" in partial.content
    ResponseImport.objects.filter(pk=job.pk).update(state=ImportState.DONE, imported=1, progress=100)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"
    page = client.get(url).content.decode()
    assert "Imported 1 response." in page and "http-equiv" not in page
    other = Client()
    other.force_login(outsider)
    assert other.get(url).status_code in (403, 404)
    assert other.get(f"/api/questionnaires/{consultation.pk}/imports/{job.pk}").status_code in (403, 404)


@pytest.mark.parametrize("bad", ["0", "99999999"])
def test_an_import_that_is_not_there_is_a_404(consultation, officer, bad):
    client = Client()
    client.force_login(officer)
    url = f"/staff/questionnaires/{consultation.pk}/imports/{bad}/"
    assert client.get(url).status_code == 404
