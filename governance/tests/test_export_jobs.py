"""Exports too large to make in a request are made in the background: the same file as the
direct download, seen and downloaded by the requester only (and audited), with the progress
stored, a clear reason when one fails, and failed by the sweep when its worker dies."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from core.task_recovery import sweep
from engagement.tests.factories import ActivityFactory
from governance.export_jobs import export_job_start
from governance.export_kinds import export_kinds, export_parameters, register_export_kind
from governance.export_models import ExportJob, ExportState
from governance.export_running import OUT_OF_REACH, STOPPED, export_job_execute
from governance.exports import ExportPlan, Later, Sheet
from governance.models import AuditAction, AuditEvent
from insight.models import AnalysisRun
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory

WORDS = "Dave Smith at 14 Elm Street says the lights on the canal path are out"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _background(client, url, run_tasks, settings):
    """The file the background path makes for `url`, and its job."""
    settings.HEARD_EXPORT_INLINE_ROWS = 1
    with run_tasks():
        response = client.get(url)
    assert response.status_code == 302, response
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("exports:detail", kwargs={"pk": job.pk})
    assert job.state == ExportState.DONE and job.progress == 100, job.error
    page = client.get(response["Location"])
    assert b"Download" in page.content and reverse("exports:download", args=[job.pk]).encode() in page.content
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    return _body(download), job


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_activities_background_file_is_the_direct_file(officer, run_tasks, settings, file_format):
    for title in ("Canal path walkabout", "=HYPERLINK(1)"):
        ActivityFactory(lead_organisation=officer.organisation, title=title)
    client = _client(officer)
    url = reverse("engagement:activity_export", args=[file_format]) + "?q=a"
    direct = client.get(url)
    assert direct.status_code == 200
    made, job = _background(client, url, run_tasks, settings)
    if file_format == "csv":
        assert made == _body(direct)
        assert len(list(csv.reader(io.StringIO(made.decode("utf-8-sig"))))) == 3
    else:
        from openpyxl import load_workbook

        def cells(data):
            return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]

        assert cells(made) == cells(_body(direct))
    assert job.rows_written == 2 and job.parameters["query"] == "q=a"
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="engagement.activity")
    assert exports.count() == 2  # the direct download and the download of the finished file
    assert exports.first().changes["export_job"] == job.pk


def test_a_partners_results_are_redacted_alike_in_the_background(police, council, run_tasks, settings):
    """Written answers outside the owning organisation go through the reader's door: the file
    made in the background is the direct download's, byte for byte, without the resident's words."""
    DataSharingAgreementFactory(owner=police, recipient=council)
    activity = ActivityFactory(lead_organisation=police, partners=[council])
    question = QuestionFactory(questionnaire=QuestionnaireFactory(activity=activity))
    for _ in range(3):
        answer_with_text(question, WORDS)
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    client = _client(partner)
    url = reverse("consultations:results_export", args=[question.questionnaire_id, "responses", "csv"])
    direct = client.get(url)
    assert direct.status_code == 200
    made, job = _background(client, url, run_tasks, settings)
    assert made == _body(direct) and b"Dave Smith" not in made
    assert job.audit["object_type"] == "consultations.questionnaire"
    assert job.audit["owner_organisation_id"] == police.pk


def test_audit_log_contacts_and_analyses_go_to_the_background_too(police, run_tasks, settings):
    admin = UserFactory(organisation=police, roles=[Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST])
    question = QuestionFactory(
        questionnaire=QuestionnaireFactory(activity=ActivityFactory(lead_organisation=police))
    )
    run = AnalysisRun.objects.create(
        questionnaire=question.questionnaire,
        question=question,
        organisation=police,
        state="done",
        progress=100,
    )
    client = _client(admin)
    settings.HEARD_EXPORT_INLINE_ROWS = -1  # even an empty export goes to the background
    urls = [
        reverse("auditlog:export", args=["csv"]),
        reverse("contacts:contact_export", args=["xlsx"]),
        reverse("insight:run_export", args=[run.pk, "themes", "csv"]),
    ]
    with run_tasks():
        statuses = [client.get(url).status_code for url in urls]
    assert statuses == [302, 302, 302]
    jobs = ExportJob.objects.order_by("pk")
    assert [j.kind for j in jobs] == ["governance.audit_log", "reach.contacts", "insight.analysis_run"]
    assert [(j.state, j.error) for j in jobs] == [(ExportState.DONE, "")] * 3
    assert client.get(reverse("exports:download", args=[jobs[2].pk])).content.startswith(
        b"\xef\xbb\xbftheme,"
    )


def test_only_the_requester_sees_or_downloads_the_job(officer, outsider, police, run_tasks, settings):
    ActivityFactory.create_batch(2, lead_organisation=police)
    _, job = _background(
        _client(officer), reverse("engagement:activity_export", args=["csv"]), run_tasks, settings
    )
    colleague = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER, Role.ADMIN])
    for user in (colleague, outsider):
        client = _client(user)
        for url in (
            reverse("exports:detail", args=[job.pk]),
            reverse("exports:download", args=[job.pk]),
            reverse("api:get_export", kwargs={"export_id": job.pk}),
            reverse("api:download_export", kwargs={"export_id": job.pk}),
        ):
            assert client.get(url).status_code == 404, url
        assert job.label.encode() not in client.get(reverse("exports:list")).content
        assert client.get(reverse("api:list_exports")).json() == []
    assert job.label.encode() in _client(officer).get(reverse("exports:list")).content


@pytest.fixture
def slow_kind(db):
    """An export kind whose rows look at the job's stored progress as they are written."""
    seen = []

    def plan(user, parameters):
        def rows():
            for number in range(10):
                seen.append(ExportJob.objects.values_list("progress", "rows_written").get())
                yield [number]

        return ExportPlan(
            file_format="csv", filename="slow", sheets=[Sheet("S", ["n"], Later(rows))], rows=10
        )

    register_export_kind("test.slow", "Slow", plan)
    yield seen
    export_kinds.items.pop("test.slow", None)


def test_progress_is_stored_as_rows_are_written(officer, slow_kind, run_tasks):
    plan = ExportPlan(file_format="csv", filename="slow", sheets=[], rows=10)
    with run_tasks():
        job = export_job_start(
            user=officer, kind="test.slow", parameters=export_parameters(file_format="csv"), plan=plan
        )
    job.refresh_from_db()
    assert job.state == ExportState.DONE and job.progress == 100 and job.rows_written == 10
    progress = [p for p, _ in slow_kind]
    assert progress == sorted(progress) and progress[0] == 1 and 1 < progress[-1] < 100
    assert slow_kind[-1][1] == 9


def test_a_failed_export_says_why(officer, run_tasks):
    def refused(user, parameters):
        raise PermissionDenied

    register_export_kind("test.refused", "Refused", refused)
    try:
        plan = ExportPlan(file_format="csv", filename="x", sheets=[], rows=5)
        job = export_job_start(
            user=officer, kind="test.refused", parameters=export_parameters(file_format="csv"), plan=plan
        )
        job = export_job_execute(job_id=job.pk)
    finally:
        export_kinds.items.pop("test.refused", None)
    assert job.state == ExportState.FAILED and job.error == OUT_OF_REACH
    page = _client(officer).get(reverse("exports:detail", args=[job.pk]))
    assert b"The export failed" in page.content and b"Error: " in page.content
    assert _client(officer).get(reverse("exports:download", args=[job.pk])).status_code == 404
    answer = _client(officer).get(reverse("api:get_export", kwargs={"export_id": job.pk})).json()
    assert answer["state"] == "failed" and answer["error"] == OUT_OF_REACH and answer["file"] == ""


def _job(user, **fields):
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return ExportJob.objects.create(
        kind="engagement.activities", label="Activities", file_format="csv", requested_by=user, **fields
    )


def test_a_stale_running_export_is_failed_by_the_sweep_and_old_files_go(officer):
    long_ago = timezone.now() - timedelta(hours=1)
    stale = _job(officer, state=ExportState.RUNNING, heartbeat_at=long_ago, progress=40)
    alive = _job(officer, state=ExportState.RUNNING, heartbeat_at=timezone.now())
    assert sweep()["exports"] == 1
    stale.refresh_from_db()
    alive.refresh_from_db()
    assert stale.state == ExportState.FAILED and stale.error == STOPPED and stale.progress == 40
    assert alive.state == ExportState.RUNNING
    client = _client(officer)
    polled = client.get(reverse("exports:detail", args=[alive.pk]), HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 2s"' in polled.content and b"<html" not in polled.content
    plain = client.get(reverse("exports:detail", args=[alive.pk]))
    assert b'http-equiv="refresh"' in plain.content and b"Refresh this page" in plain.content
    finished = client.get(reverse("exports:detail", args=[stale.pk]), HTTP_HX_REQUEST="true")
    assert finished.status_code == 204 and finished["HX-Refresh"] == "true"
    expired = _job(officer, state=ExportState.DONE, content=b"x", expires_at=long_ago)
    page = _client(officer).get(reverse("exports:list"))
    assert page.status_code == 200 and not ExportJob.objects.filter(pk=expired.pk).exists()


def test_the_api_asks_for_an_export_and_downloads_it(officer, police, run_tasks):
    ActivityFactory(lead_organisation=police, title="Canal path walkabout")
    client = _client(officer)
    with run_tasks():
        answer = client.post(
            reverse("api:create_export"),
            {"kind": "engagement.activities", "format": "csv", "filters": ""},
            content_type="application/json",
        )
    assert answer.status_code == 202, answer.content
    made = answer.json()
    job = client.get(made["url"]).json()
    assert job["state"] == "done" and job["progress"] == 100 and job["file"]
    assert b"Canal path walkabout" in client.get(job["file"]).content
    for body in ({"kind": "nothing.such"}, {"kind": "engagement.activities", "format": "pdf"}):
        assert (
            client.post(reverse("api:create_export"), body, content_type="application/json").status_code
            == 422
        )
    refused = client.post(
        reverse("api:create_export"),
        {"kind": "consultations.results", "record": 999999, "part": "responses"},
        content_type="application/json",
    )
    assert refused.status_code == 404
    kinds = {k["kind"] for k in client.get(reverse("api:list_export_kinds")).json()}
    assert {
        "engagement.activities",
        "consultations.results",
        "reach.contacts",
        "governance.audit_log",
    } <= kinds


def test_the_demo_has_a_finished_export(officer, police):
    from heard.demo_exports import demo_load_exports

    ActivityFactory(lead_organisation=police, title="Stretford PACT meeting")
    assert demo_load_exports(officer=officer) == 1 and demo_load_exports(officer=officer) == 0
    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.file_format == "xlsx" and job.size > 0
