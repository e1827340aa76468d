"""Coding answers to the policing codeframe: multi-label codes, analysts' corrections (kept, and
learnt from by their organisation only), the background job (the same however often it runs,
and a dead worker's job marked failed), and coding after an analysis."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import AuditEvent
from insight import services
from insight.coding import (
    STOPPED,
    answer_code_correct,
    answers_code,
    coding_jobs_fail_stale,
)
from insight.coding_jobs import coding_job_create
from insight.models import AnswerCode, CodeCorrection, CodeSource, CodingJob, NoteCode
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.tests.factories import AreaFactory

from .coding_factories import answer, small_codeframe, text_question


@pytest.fixture
def ward(db):
    return AreaFactory(code="E05000820", name="Ashton upon Mersey")


@pytest.fixture
def analyst(police):
    return UserFactory(username="analyst", organisation=police, roles=[Role.ANALYST])


@pytest.fixture
def question(police, ward):
    small_codeframe(police)
    return text_question(police, ward)


def codes_of(organisation, row):
    return set(
        AnswerCode.objects.filter(organisation=organisation, answer=row).values_list("code", flat=True)
    )


def test_answers_get_every_code_that_fits_and_a_rerun_changes_nothing(police, question):
    both = answer(question, "Cars speeding down the road and drug dealing on the corner")
    speeding = answer(question, "Drivers race far too fast past the school")
    assert answers_code(organisation_id=police.pk) == 2
    assert codes_of(police, both) == {"speeding", "drugs"}
    assert codes_of(police, speeding) == {"speeding"}
    before = sorted(AnswerCode.objects.values_list("answer_id", "code", "confidence"))
    answers_code(organisation_id=police.pk)
    assert sorted(AnswerCode.objects.values_list("answer_id", "code", "confidence")) == before


def test_a_correction_stays_through_coding_again(police, question, analyst):
    row = answer(question, "Drivers race far too fast past the school")
    answers_code(organisation_id=police.pk)
    answer_code_correct(user=analyst, answer=row, code="speeding", action="remove")
    answer_code_correct(user=analyst, answer=row, code="asb", action="add")
    answers_code(organisation_id=police.pk)
    assert codes_of(police, row) == {"asb"}
    assert AnswerCode.objects.get(answer=row).source == CodeSource.ANALYST
    assert CodeCorrection.objects.filter(answer=row).count() == 2
    assert AuditEvent.objects.filter(changes__has_key="policing code").count() == 2


def test_corrections_teach_later_coding_for_their_organisation_only(police, council, ward, question, analyst):
    # a made-up pastime no description or example speaks of; untaught coding gives it whichever
    # code happens to be nearest (never drugs), so drugs can only come from the corrections
    words = [
        "Zorbing lads at the lock again",
        "Those zorbing idiots by the lock",
        "Zorbing at the lock every night",
    ]
    taught = [answer(question, text) for text in words]
    for row in taught:
        answer_code_correct(user=analyst, answer=row, code="drugs", action="add")
    later = answer(question, "zorbing by the lock")
    answers_code(organisation_id=police.pk, answer_ids=[later.pk])
    assert "drugs" in codes_of(police, later)

    small_codeframe(council)
    theirs = text_question(council, ward)
    same_words = answer(theirs, "zorbing by the lock")
    answers_code(organisation_id=council.pk)
    assert "drugs" not in codes_of(council, same_words)


@pytest.mark.parametrize("role", [Role.PARTNER_USER, Role.AUTHORITY_MEMBER, Role.INTELLIGENCE_OFFICER])
def test_only_analysts_admins_and_engagement_officers_correct(police, question, role):
    row = answer(question, "Cars speeding")
    user = UserFactory(organisation=police, roles=[role])
    with pytest.raises(PermissionDenied):
        answer_code_correct(user=user, answer=row, code="drugs", action="add")


def test_another_organisation_cannot_correct_the_answers(question, council):
    row = answer(question, "Cars speeding")
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        answer_code_correct(user=outsider, answer=row, code="asb", action="add")


def test_a_bad_correction_is_refused_and_stores_nothing(question, analyst):
    row = answer(question, "Cars speeding")
    with pytest.raises(ValidationError):
        answer_code_correct(user=analyst, answer=row, code="no-such-code", action="add")
    with pytest.raises(ValidationError):
        answer_code_correct(user=analyst, answer=row, code="asb", action="shout")
    assert not CodeCorrection.objects.exists() and not AnswerCode.objects.exists()


def test_a_job_codes_and_reports_progress(police, question, analyst, django_capture_on_commit_callbacks):
    answer(question, "Cars speeding down the road")
    with django_capture_on_commit_callbacks(execute=True):
        job = coding_job_create(user=analyst)
    job.refresh_from_db()
    assert (job.state, job.progress, job.answer_count) == (CodingJob.State.DONE, 100, 1)
    assert AnswerCode.objects.filter(organisation=police).exists()


def test_only_analysts_and_admins_code_everything_again(officer):
    with pytest.raises(PermissionDenied):
        coding_job_create(user=officer)


def test_a_job_whose_worker_died_is_marked_failed_and_a_new_one_finishes(
    police, question, analyst, django_capture_on_commit_callbacks
):
    row = answer(question, "Cars speeding down the road")
    long_ago = timezone.now() - timedelta(hours=1)
    dead = CodingJob.objects.create(
        organisation=police, state=CodingJob.State.RUNNING, heartbeat_at=long_ago, created_at=long_ago
    )
    # the dead worker had written one batch: coding again must not double it
    AnswerCode.objects.create(organisation=police, answer=row, code="speeding", version=1)
    assert coding_jobs_fail_stale() == 1
    dead.refresh_from_db()
    assert (dead.state, dead.error) == (CodingJob.State.FAILED, STOPPED)
    with django_capture_on_commit_callbacks(execute=True):
        job = coding_job_create(user=analyst)
    job.refresh_from_db()
    assert job.state == CodingJob.State.DONE
    assert list(AnswerCode.objects.filter(answer=row).values_list("code", flat=True)) == ["speeding"]


def test_an_analysis_codes_its_answers_when_switched_on(
    police, question, analyst, settings, django_capture_on_commit_callbacks
):
    settings.HEARD_CODE_AFTER_ANALYSIS = True
    row = answer(question, "Cars speeding down the road")
    with django_capture_on_commit_callbacks(execute=True):
        services.analysis_run_create(user=analyst, question=question)
    assert codes_of(police, row) == {"speeding"}
    assert CodingJob.objects.get().answer_ids == [row.pk]


def test_withdrawing_a_response_removes_its_codes(police, question):
    row = answer(question, "Cars speeding down the road")
    answers_code(organisation_id=police.pk)
    row.response.delete()
    assert not AnswerCode.objects.exists()


def test_meeting_notes_are_coded_and_counted_for_their_neighbourhood(
    police, question, ward, analyst, django_capture_on_commit_callbacks
):
    from consultations.models import Attendance
    from insight.code_trends import code_trend

    activity = question.questionnaire.activity
    notes = Attendance.objects.create(
        activity=activity, head_count=20, notes="Residents complained about cars speeding down the main road"
    )
    Attendance.objects.create(activity=activity, head_count=5, notes="")
    with django_capture_on_commit_callbacks(execute=True):
        coding_job_create(user=analyst)
    assert set(NoteCode.objects.filter(attendance=notes).values_list("code", flat=True)) == {"speeding"}
    row = next(r for r in code_trend(organisation_id=police.pk, area=ward).rows if r.code == "speeding")
    assert row.notes_this == (1 if notes.held_on.year == timezone.localdate().year else 0)
    notes.delete()
    assert not NoteCode.objects.exists()
