"""Writing an evaluation: the draft, the lifecycle and its conflict, checklist point 25, the
condition on marking an activity evaluated, permissions and the audit log."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations.models import Attendance
from core.lifecycle import TransitionConflict
from engagement import services as engagement_services
from engagement.models import Answer, ChecklistAnswer, Status
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from outcomes.evaluation_services import AimRatingInput, evaluation_save, evaluation_transition
from outcomes.models import Evaluation, EvaluationState

from .evaluation_fixtures import *  # noqa: F403


def _ratings(activity, *results, evidence="Counted at the meeting"):
    return [
        AimRatingInput(aim.pk, result, evidence)
        for aim, result in zip(activity.aims.all(), results, strict=True)
    ]


def _ready(activity, user, **extra):
    return evaluation_save(
        user=user,
        activity=activity,
        target_participants=50,
        lessons_learned="Start later in the evening; more young people came to the park session.",
        ratings=_ratings(activity, "met", "partly"),
        **extra,
    )


def test_a_draft_is_saved_with_its_ratings_and_audited(closed_activity, officer):
    evaluation = _ready(closed_activity, officer)
    assert evaluation.state == EvaluationState.DRAFT and evaluation.target_participants == 50
    assert [(r.aim_text, r.result) for r in evaluation.aim_ratings.all()] == [
        ("Hear residents' priorities", "met"),
        ("Recruit Neighbourhood Watch members", "partly"),
    ]
    event = AuditEvent.objects.for_object(evaluation).get()
    assert event.action == AuditAction.CREATE and event.changes["aims"]


def test_a_rating_of_another_activitys_aim_is_refused_and_nothing_is_stored(closed_activity, officer):
    with pytest.raises(ValidationError) as error:
        evaluation_save(
            user=officer,
            activity=closed_activity,
            target_participants=None,
            lessons_learned="x",
            ratings=[AimRatingInput(999_999, "met")],
        )
    assert "Not an aim of this activity" in str(error.value)
    assert not Evaluation.objects.exists()


def test_a_bad_result_or_link_is_refused(closed_activity, officer):
    aim = closed_activity.aims.first()
    for rating in (
        AimRatingInput(aim.pk, "brilliant"),
        AimRatingInput(aim.pk, "met", "x", "javascript:alert(1)"),
    ):
        with pytest.raises(ValidationError):
            evaluation_save(
                user=officer,
                activity=closed_activity,
                target_participants=None,
                lessons_learned="",
                ratings=[rating],
            )
    assert not Evaluation.objects.exists()


def test_completing_keeps_the_figures_and_answers_point_25_as_done(closed_activity, officer):
    Attendance.objects.create(activity=closed_activity, head_count=40)
    evaluation = _ready(closed_activity, officer)
    evaluation_transition(user=officer, evaluation=evaluation, to="complete", seen="draft")
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.COMPLETE and evaluation.completed_by == officer
    assert (evaluation.people_reached, evaluation.cost_per_participant) == (40, Decimal("12.50"))
    point = ChecklistAnswer.objects.get(activity=closed_activity, point=25)
    assert (point.answer, point.answered_by) == (Answer.DONE, officer)
    assert AuditEvent.objects.for_object(evaluation).filter(action=AuditAction.TRANSITION).exists()
    with pytest.raises(ValidationError, match="reopen it"):
        _ready(closed_activity, officer)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"lessons_learned": ""}, "Write the lessons learned"),
        ({"ratings": []}, "Say whether this aim was met"),
        ({"evidence": ""}, "Give the evidence for this aim"),
        ({"status": Status.OPEN}, "once it has happened"),
    ],
)
def test_completing_says_what_is_missing_and_changes_nothing(closed_activity, officer, change, problem):
    if "status" in change:
        closed_activity.status = change["status"]
        closed_activity.save()
    evaluation = evaluation_save(
        user=officer,
        activity=closed_activity,
        target_participants=None,
        lessons_learned=change.get("lessons_learned", "Lessons"),
        ratings=change.get(
            "ratings", _ratings(closed_activity, "met", "not_met", evidence=change.get("evidence", "Seen"))
        ),
    )
    with pytest.raises(ValidationError, match=problem):
        evaluation_transition(user=officer, evaluation=evaluation, to="complete")
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.DRAFT and evaluation.completed_at is None
    assert not ChecklistAnswer.objects.filter(activity=closed_activity, point=25).exists()


def test_somebody_else_moving_it_first_is_a_conflict(closed_activity, officer, lead_admin):
    mine = _ready(closed_activity, officer)
    theirs = Evaluation.objects.get(pk=mine.pk)
    evaluation_transition(user=lead_admin, evaluation=theirs, to="complete", seen="draft")
    with pytest.raises(TransitionConflict, match="Somebody else changed this evaluation"):
        evaluation_transition(user=officer, evaluation=mine, to="complete", seen="draft")
    assert ChecklistAnswer.objects.get(activity=closed_activity, point=25).answered_by == lead_admin
    assert AuditEvent.objects.for_object(mine).filter(action=AuditAction.TRANSITION).count() == 1


def test_reopening_is_a_sign_off_and_undoes_point_25(closed_activity, officer, police):
    evaluation = _ready(closed_activity, officer)
    evaluation_transition(user=officer, evaluation=evaluation, to="complete")
    partner_user = UserFactory(organisation=police, roles=[Role.PARTNER_USER])
    with pytest.raises(PermissionDenied):
        evaluation_transition(user=partner_user, evaluation=evaluation, to="draft")
    evaluation_transition(user=officer, evaluation=evaluation, to="draft")
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.DRAFT and evaluation.people_reached is None
    assert ChecklistAnswer.objects.get(activity=closed_activity, point=25).answer == Answer.NOT_DONE


def test_an_activity_cannot_be_marked_evaluated_without_a_complete_evaluation(closed_activity, officer):
    closed_activity.status = Status.FEEDBACK_GIVEN
    closed_activity.save()
    engagement_services.checklist_answer_set(
        user=officer, activity=closed_activity, point=25, answer=Answer.DONE
    )
    with pytest.raises(ValidationError, match="Complete the activity's evaluation first"):
        engagement_services.activity_transition(user=officer, activity=closed_activity, to=Status.EVALUATED)
    evaluation = _ready(closed_activity, officer)
    with pytest.raises(ValidationError, match="Complete the activity's evaluation first"):
        engagement_services.activity_transition(user=officer, activity=closed_activity, to=Status.EVALUATED)
    evaluation_transition(user=officer, evaluation=evaluation, to="complete")
    engagement_services.activity_transition(user=officer, activity=closed_activity, to=Status.EVALUATED)
    assert closed_activity.status == Status.EVALUATED
    with pytest.raises(ValidationError, match="stays complete"):
        evaluation_transition(user=officer, evaluation=evaluation, to="draft")


def test_ratings_follow_the_aims_when_the_activity_is_edited(closed_activity, officer):
    evaluation = _ready(closed_activity, officer)
    aims = [engagement_services.AimInput(a.text, a.linked_to) for a in closed_activity.aims.all()]
    engagement_services.activity_update(user=officer, activity=closed_activity, aims=aims, venue="Town hall")
    assert set(evaluation.aim_ratings.values_list("aim", flat=True)) == {None}
    evaluation_transition(user=officer, evaluation=evaluation, to="complete")
    assert set(evaluation.aim_ratings.values_list("aim", flat=True)) == set(
        closed_activity.aims.values_list("pk", flat=True)
    )


def test_only_the_lead_organisations_team_writes_it(closed_activity, officer, outsider, police):
    DataSharingAgreementFactory(owner=police, recipient=outsider.organisation)
    assert outsider.has_perm("outcomes.view_evaluation", closed_activity)
    with pytest.raises(PermissionDenied):
        _ready(closed_activity, outsider)
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        _ready(closed_activity, analyst)
    evaluation = _ready(closed_activity, officer)
    with pytest.raises(PermissionDenied):
        evaluation_transition(user=analyst, evaluation=evaluation, to="complete")


def test_a_cancelled_activity_is_not_evaluated(closed_activity, officer):
    closed_activity.status = Status.CANCELLED
    closed_activity.save()
    with pytest.raises(ValidationError, match="cancelled"):
        _ready(closed_activity, officer)
