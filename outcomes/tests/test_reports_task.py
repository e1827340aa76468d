"""Making a report in the background: queued, then made by the task once the transaction
commits, with its progress; a failure leaves it failed with a message and nothing half-kept; a
worker that died leaves it failed, not "being made" for ever; the page polls its progress."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent
from outcomes import reports_making
from outcomes.models import Report, ReportKind, ReportState
from outcomes.reports_making import NO_LONGER, STOPPED, report_execute
from outcomes.reports_services import annual_report_request, reports_fail_stale

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import YEAR


@pytest.fixture
def made(world, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = annual_report_request(user=analyst, year=YEAR, area=world.district)
    report.refresh_from_db()
    return report


def test_asking_queues_it_and_the_task_makes_it_after_the_commit(
    world, analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = annual_report_request(user=analyst, year=YEAR, area=world.district)
    assert report.state == ReportState.QUEUED and report.progress == 0 and len(callbacks) == 1
    assert AuditEvent.objects.filter(object_type="outcomes.report", object_id=str(report.pk)).exists()
    callbacks[0]()  # the task, run by the immediate backend of the tests
    report.refresh_from_db()
    assert report.state == ReportState.DONE and report.progress == 100


def test_a_made_report_keeps_its_figures_and_its_pdf(made):
    assert made.kind == ReportKind.ANNUAL and made.title == "Annual outcome report 2025 for Trafford"
    assert bytes(made.pdf).startswith(b"%PDF") and made.finished_at is not None
    assert made.data["people"] == {"reached": 52, "left_out": 1}
    assert made.as_at.isoformat() == f"{YEAR}-12-31"


def test_two_runs_give_the_same_report(made, world, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        again = annual_report_request(user=analyst, year=YEAR, area=world.district)
    again.refresh_from_db()
    assert again.data == made.data


def test_a_failure_is_recorded_and_nothing_is_kept(world, analyst, monkeypatch):
    report = annual_report_request(user=analyst, year=YEAR, area=world.district)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(reports_making, "build", broken)
    report = report_execute(report_id=report.pk)
    assert report.state == ReportState.FAILED and report.error == "Something went wrong."
    assert report.data == {} and bytes(report.pdf) == b"" and report.finished_at is not None


def test_a_report_whose_maker_left_is_not_made(world, analyst):
    report = annual_report_request(user=analyst, year=YEAR, area=world.district)
    analyst.is_active = False
    analyst.save()
    report = report_execute(report_id=report.pk)
    assert report.state == ReportState.FAILED and report.error == NO_LONGER


def test_a_report_already_taken_is_left_alone(made):
    assert report_execute(report_id=made.pk).state == ReportState.DONE


def _running(analyst, world, heartbeat_age: timedelta | None) -> Report:
    report = annual_report_request(user=analyst, year=YEAR, area=world.district)
    beat = timezone.now() - heartbeat_age if heartbeat_age is not None else None
    Report.objects.filter(pk=report.pk).update(state=ReportState.RUNNING, progress=40, heartbeat_at=beat)
    return report


def test_a_killed_worker_leaves_it_failed_not_running(world, analyst):
    dead = _running(analyst, world, timedelta(minutes=10))
    alive = _running(analyst, world, timedelta(seconds=3))
    assert reports_fail_stale() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == ReportState.FAILED and dead.error == STOPPED
    assert alive.state == ReportState.RUNNING


def test_the_page_marks_a_stale_report_failed(world, analyst):
    dead = _running(analyst, world, timedelta(minutes=10))
    client = Client()
    client.force_login(analyst)
    response = client.get(reverse("reports:report_detail", kwargs={"pk": dead.pk}))
    assert response.status_code == 200
    assert b"The report could not be made" in response.content and b"stopped part-way" in response.content


def test_the_page_polls_while_it_is_made_and_reloads_when_it_is_done(world, analyst, made):
    queued = annual_report_request(user=analyst, year=YEAR, area=world.district)
    client = Client()
    client.force_login(analyst)
    url = reverse("reports:report_detail", kwargs={"pk": queued.pk})
    page = client.get(url)
    assert b'hx-trigger="every 2s"' in page.content and b"Waiting to start: 0% done" in page.content
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b'id="report-progress"' in partial.content
    assert b"<html" not in partial.content
    done = client.get(
        reverse("reports:report_detail", kwargs={"pk": made.pk}), headers={"HX-Request": "true"}
    )
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_a_kept_pack_compares_only_with_a_profile_the_maker_may_use(world, council):
    from datetime import date

    from django.core.exceptions import PermissionDenied

    from organisations.models import Role
    from organisations.tests.factories import UserFactory
    from outcomes.reports_services import evidence_pack_keep
    from reach.models import TargetProfile

    theirs = TargetProfile.objects.create(
        name="Victims (police only)", organisation=world.pact.lead_organisation, is_shared=False
    )
    stranger = UserFactory(organisation=council, roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        evidence_pack_keep(user=stranger, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31), target=theirs)
    assert not Report.objects.exists()
