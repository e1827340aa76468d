import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.extensions import Registry
from core.lifecycle import TransitionConflict
from engagement import services
from engagement.checklist import POINTS, ChecklistScope, Stage
from engagement.lifecycle import ACTIVITY
from engagement.models import Activity, Answer, Status
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory

ALL_MOVES = [(a, b) for a in Status for b in Status if a != b]


@pytest.fixture
def table_only(monkeypatch):
    """Only this app's lifecycle: without the conditions apps above add to its moves
    (core.extensions.transition_checks: "analysed" needs an analysis, and so on), which they test."""
    monkeypatch.setattr("core.extensions.transition_checks", Registry())


def _answer_before_stage(user, activity):
    for point in POINTS:
        if point.stage == Stage.BEFORE:
            services.checklist_answer_set(
                user=user, activity=activity, point=point.number, answer=Answer.DONE
            )


@pytest.mark.parametrize(("current", "target"), ALL_MOVES)
def test_only_the_lifecycle_moves_are_allowed(officer, current, target, table_only):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=current)
    services.checklist_answer_set(user=officer, activity=activity, point=25, answer=Answer.DONE)
    if target in ACTIVITY.targets(current):
        services.activity_transition(user=officer, activity=activity, to=target, confirmed=True)
        activity.refresh_from_db()
        assert activity.status == target
    else:
        with pytest.raises(ValidationError):
            services.activity_transition(user=officer, activity=activity, to=target, confirmed=True)
        activity.refresh_from_db()
        assert activity.status == current


def test_every_status_can_reach_an_end():
    """No status is a dead end except the two ends of the lifecycle."""
    ends = {Status.EVALUATED}
    for status in Status:
        assert ACTIVITY.targets(status) or status in ends


def test_opening_with_unanswered_before_points_asks_for_confirmation(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    services.checklist_answer_set(user=officer, activity=activity, point=1, answer=Answer.DONE)
    with pytest.raises(services.ConfirmationRequired) as question:
        services.activity_transition(user=officer, activity=activity, to=Status.OPEN)
    assert "2, 3, 4" in question.value.message and " 1," not in question.value.message
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED
    services.activity_transition(user=officer, activity=activity, to=Status.OPEN, confirmed=True)
    activity.refresh_from_db()
    assert activity.status == Status.OPEN


def test_opening_with_the_before_stage_answered_needs_no_confirmation(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    _answer_before_stage(officer, activity)
    services.activity_transition(user=officer, activity=activity, to=Status.OPEN)
    activity.refresh_from_db()
    assert activity.status == Status.OPEN


def test_a_survey_only_needs_its_applicable_before_point(officer):
    activity = ActivityFactory(
        lead_organisation=officer.organisation,
        status=Status.PLANNED,
        checklist_scope=ChecklistScope.INFORMATION,
    )
    services.checklist_answer_set(user=officer, activity=activity, point=6, answer=Answer.DONE)
    services.activity_transition(user=officer, activity=activity, to=Status.OPEN)


@pytest.mark.parametrize("answer", [None, Answer.NOT_DONE, Answer.NOT_APPLICABLE])
def test_evaluated_requires_point_25_done(officer, answer):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.FEEDBACK_GIVEN)
    if answer:
        services.checklist_answer_set(user=officer, activity=activity, point=25, answer=answer)
    with pytest.raises(ValidationError) as error:
        services.activity_transition(user=officer, activity=activity, to=Status.EVALUATED)
    assert "point 25" in str(error.value)


def test_transition_is_audited_with_old_and_new_status(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    services.activity_transition(user=officer, activity=activity, to=Status.PLANNED, note="Venue booked")
    event = AuditEvent.objects.for_object(activity).get()
    assert event.action == AuditAction.TRANSITION
    assert event.changes == {"status": ["draft", "planned"], "note": "Venue booked"}


def test_unknown_status_is_a_validation_error(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    with pytest.raises(ValidationError):
        services.activity_transition(user=officer, activity=activity, to="finished")


@pytest.mark.parametrize(
    ("role", "target", "allowed"),
    [
        (Role.ENGAGEMENT_OFFICER, Status.CANCELLED, True),
        (Role.ADMIN, Status.CANCELLED, True),
        (Role.PARTNER_USER, Status.PLANNED, True),
        (Role.PARTNER_USER, Status.CANCELLED, False),
        (Role.ANALYST, Status.PLANNED, False),
        (Role.AUTHORITY_MEMBER, Status.PLANNED, False),
        (Role.INTELLIGENCE_OFFICER, Status.PLANNED, False),
    ],
)
def test_who_may_move_an_activity(police, role, target, allowed):
    user = UserFactory(organisation=police, roles=[role])
    activity = ActivityFactory(lead_organisation=police)
    if allowed:
        services.activity_transition(user=user, activity=activity, to=target)
    else:
        with pytest.raises(PermissionDenied):
            services.activity_transition(user=user, activity=activity, to=target)


def test_evaluation_sign_off_is_for_officers_not_partner_users(police):
    partner_user = UserFactory(organisation=police, roles=[Role.PARTNER_USER])
    activity = ActivityFactory(lead_organisation=police, status=Status.FEEDBACK_GIVEN)
    services.checklist_answer_set(user=partner_user, activity=activity, point=25, answer=Answer.DONE)
    with pytest.raises(PermissionDenied):
        services.activity_transition(user=partner_user, activity=activity, to=Status.EVALUATED)


def test_another_organisation_cannot_move_it(officer, outsider):
    activity = ActivityFactory(lead_organisation=officer.organisation, partners=[outsider.organisation])
    with pytest.raises(PermissionDenied):
        services.activity_transition(user=outsider, activity=activity, to=Status.PLANNED)


def test_a_stale_move_is_a_conflict_and_changes_nothing(officer):
    """Two people look at the same planned activity; one opens it, then the other, still
    looking at "planned", cancels: the second move is refused, not made on top of the first."""
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.PLANNED)
    stale = Activity.private_objects.get(pk=activity.pk)
    services.activity_transition(user=officer, activity=activity, to=Status.OPEN, confirmed=True)
    with pytest.raises(TransitionConflict) as conflict:
        services.activity_transition(user=officer, activity=stale, to=Status.CANCELLED)
    assert conflict.value.current == Status.OPEN and "now open" in conflict.value.message
    activity.refresh_from_db()
    assert activity.status == Status.OPEN
    assert AuditEvent.objects.filter(action=AuditAction.TRANSITION).count() == 1


def test_the_status_someone_saw_is_checked(officer, table_only):
    activity = ActivityFactory(lead_organisation=officer.organisation, status=Status.OPEN)
    with pytest.raises(TransitionConflict):
        services.activity_transition(user=officer, activity=activity, to=Status.CANCELLED, seen="planned")
    with pytest.raises(ValidationError):
        services.activity_transition(user=officer, activity=activity, to=Status.CANCELLED, seen="bogus")
    services.activity_transition(user=officer, activity=activity, to=Status.CLOSED, seen="open")
    activity.refresh_from_db()
    assert activity.status == Status.CLOSED


def test_a_move_leaves_the_activity_as_it_was_apart_from_its_status(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation, title="Kept")
    before = activity.updated_at
    services.activity_transition(user=officer, activity=activity, to=Status.PLANNED)
    activity.refresh_from_db()
    assert (activity.status, activity.title) == (Status.PLANNED, "Kept") and activity.updated_at > before
