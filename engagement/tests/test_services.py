from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagement import services
from engagement.checklist import ChecklistScope
from engagement.models import Activity, Answer, ChecklistAnswer, EngagementPlan, Status
from engagement.tests.factories import ActivityFactory, method
from governance.models import AuditAction, AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory


def test_create_stores_everything_and_audits(activity_kwargs, council):
    activity = services.activity_create(partners=[council], **activity_kwargs)
    activity.refresh_from_db()
    assert activity.status == Status.DRAFT
    assert activity.marking == Marking.OFFICIAL
    assert [a.linked_to for a in activity.aims.all()] == ["Trafford policing plan 2026"]
    assert list(activity.partners.all()) == [council]
    assert activity.checklist_scope == ChecklistScope.FULL
    event = AuditEvent.objects.for_object(activity).get()
    assert event.action == AuditAction.CREATE
    assert event.actor_label == "officer"
    assert event.changes["title"] == "Altrincham PACT meeting"


def test_survey_methods_default_to_the_information_only_checklist(activity_kwargs):
    activity_kwargs["method"] = method("online-survey")
    activity = services.activity_create(**activity_kwargs)
    assert activity.checklist_scope == ChecklistScope.INFORMATION


def test_create_needs_an_area_and_stores_nothing_without_one(activity_kwargs):
    activity_kwargs["areas"] = []
    with pytest.raises(ValidationError) as error:
        services.activity_create(**activity_kwargs)
    assert "areas" in error.value.message_dict
    assert not Activity.private_objects.exists()


def test_end_before_start_is_rejected(activity_kwargs):
    activity_kwargs["ends_at"] = activity_kwargs["starts_at"] - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        services.activity_create(**activity_kwargs)
    assert "ends_at" in error.value.message_dict


def test_partner_in_another_org_cannot_record_for_the_police(activity_kwargs, outsider):
    activity_kwargs["user"] = outsider
    with pytest.raises(PermissionDenied):
        services.activity_create(**activity_kwargs)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUTHORITY_MEMBER, Role.INTELLIGENCE_OFFICER])
def test_readers_cannot_record(activity_kwargs, police, role):
    activity_kwargs["user"] = UserFactory(organisation=police, roles=[role])
    with pytest.raises(PermissionDenied):
        services.activity_create(**activity_kwargs)


def test_short_window_needs_a_reason(activity_kwargs, window):
    activity_kwargs.update(
        consultation_kind="focused", response_opens=window["opens"], response_closes=window["closes_short"]
    )
    with pytest.raises(ValidationError) as error:
        services.activity_create(**activity_kwargs)
    message = error.value.message_dict["short_window_reason"][0]
    assert "21 days" in message and "4 weeks" in message
    assert not Activity.private_objects.exists()


def test_short_window_with_reason_is_kept_with_who_acknowledged(activity_kwargs, window, officer):
    activity_kwargs.update(
        consultation_kind="focused",
        response_opens=window["opens"],
        response_closes=window["closes_short"],
        short_window_reason="Council deadline",
    )
    activity = services.activity_create(**activity_kwargs)
    assert activity.window_is_short
    assert activity.short_window_reason == "Council deadline"
    assert activity.short_window_acknowledged_by == officer
    assert activity.short_window_acknowledged_at is not None


def test_window_at_the_minimum_needs_no_reason(activity_kwargs, window):
    activity_kwargs.update(
        consultation_kind="focused", response_opens=window["opens"], response_closes=window["closes_ok"]
    )
    activity = services.activity_create(**activity_kwargs)
    assert not activity.window_is_short


@pytest.mark.parametrize(
    ("kind", "weeks", "short"),
    [("drafts", 5, True), ("drafts", 6, False), ("document", 12, True), ("document", 13, False)],
)
def test_minimum_windows_follow_point_16(activity_kwargs, window, kind, weeks, short):
    activity_kwargs.update(
        consultation_kind=kind,
        response_opens=window["opens"],
        response_closes=window["opens"] + timedelta(weeks=weeks),
        short_window_reason="x",
    )
    activity = services.activity_create(**activity_kwargs)
    assert activity.window_is_short is short


def test_window_needs_both_dates_and_a_kind(activity_kwargs, window):
    activity_kwargs.update(response_opens=window["opens"])
    with pytest.raises(ValidationError) as error:
        services.activity_create(**activity_kwargs)
    assert "response_closes" in error.value.message_dict
    activity_kwargs.update(response_closes=window["closes_ok"])
    with pytest.raises(ValidationError) as error:
        services.activity_create(**activity_kwargs)
    assert "consultation_kind" in error.value.message_dict


def test_update_audits_old_and_new_values(activity_kwargs, other_ward):
    activity = services.activity_create(**activity_kwargs)
    services.activity_update(
        user=activity_kwargs["user"], activity=activity, title="Renamed", areas=[other_ward]
    )
    event = AuditEvent.objects.for_object(activity).filter(action=AuditAction.UPDATE).get()
    assert event.changes["title"] == ["Altrincham PACT meeting", "Renamed"]
    assert event.changes["areas"] == [["Altrincham"], ["Ashton upon Mersey"]]


def test_update_rejects_unknown_fields_and_empty_areas(activity_kwargs):
    activity = services.activity_create(**activity_kwargs)
    with pytest.raises(ValidationError):
        services.activity_update(user=activity_kwargs["user"], activity=activity, status="open")
    with pytest.raises(ValidationError):
        services.activity_update(user=activity_kwargs["user"], activity=activity, title="X", areas=[])
    activity.refresh_from_db()
    assert activity.title == "Altrincham PACT meeting"  # the failed update left nothing behind


def test_only_drafts_are_deleted(activity_kwargs):
    activity = services.activity_create(**activity_kwargs)
    user = activity_kwargs["user"]
    services.activity_transition(user=user, activity=activity, to=Status.PLANNED)
    activity.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.activity_delete(user=user, activity=activity)
    services.activity_transition(user=user, activity=activity, to=Status.DRAFT)
    activity.refresh_from_db()
    services.activity_delete(user=user, activity=activity)
    assert not Activity.private_objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_repr="Altrincham PACT meeting"
    ).exists()


def test_checklist_answer_is_upserted_with_who_and_when(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    services.checklist_answer_set(user=officer, activity=activity, point=4, answer=Answer.NOT_DONE)
    services.checklist_answer_set(
        user=officer, activity=activity, point=4, answer=Answer.DONE, note="Profile read"
    )
    row = ChecklistAnswer.objects.get(activity=activity, point=4)
    assert (row.answer, row.note, row.answered_by) == (Answer.DONE, "Profile read", officer)


@pytest.mark.parametrize(
    ("scope", "point", "applies"),
    [
        (ChecklistScope.INFORMATION, 6, True),
        (ChecklistScope.INFORMATION, 1, False),
        (ChecklistScope.POLICY, 20, False),
        (ChecklistScope.POLICY, 22, True),
        (ChecklistScope.FULL, 21, True),
    ],
)
def test_checklist_applicability_follows_the_seed(officer, scope, point, applies):
    activity = ActivityFactory(lead_organisation=officer.organisation, checklist_scope=scope)
    if applies:
        services.checklist_answer_set(user=officer, activity=activity, point=point, answer=Answer.DONE)
        assert activity.checklist_answers.filter(point=point).exists()
    else:
        with pytest.raises(ValidationError):
            services.checklist_answer_set(user=officer, activity=activity, point=point, answer=Answer.DONE)


@pytest.mark.parametrize("point", [0, 26, -1])
def test_checklist_points_outside_1_to_25_are_rejected(officer, point):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    with pytest.raises(ValidationError):
        services.checklist_answer_set(user=officer, activity=activity, point=point, answer=Answer.DONE)


def test_checklist_answer_with_a_bad_value_is_rejected(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    with pytest.raises(ValidationError):
        services.checklist_answer_set(user=officer, activity=activity, point=3, answer="maybe")
    assert not ChecklistAnswer.objects.exists()


def test_engagement_plan_is_saved_and_changes_audited(officer):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    plan = services.engagement_plan_set(
        user=officer,
        activity=activity,
        decision_route="Ward panel, March",
        analysis="Themes",
        sharing_back="Newsletter",
    )
    assert plan.is_complete
    services.engagement_plan_set(
        user=officer,
        activity=activity,
        decision_route="Ward panel, April",
        analysis="Themes",
        sharing_back="Newsletter",
    )
    assert EngagementPlan.objects.get(activity=activity).decision_route == "Ward panel, April"
    changes = AuditEvent.objects.for_object(activity).first().changes
    assert changes == {"plan": {"decision_route": ["Ward panel, March", "Ward panel, April"]}}


def test_outsider_cannot_answer_checklist_or_plan(officer, outsider):
    activity = ActivityFactory(lead_organisation=officer.organisation, partners=[outsider.organisation])
    with pytest.raises(PermissionDenied):
        services.checklist_answer_set(user=outsider, activity=activity, point=1, answer=Answer.DONE)
    with pytest.raises(PermissionDenied):
        services.engagement_plan_set(
            user=outsider, activity=activity, decision_route="", analysis="", sharing_back=""
        )


def test_a_time_without_a_zone_is_uk_local_time(activity_kwargs):
    """An API client may send one time with a zone and one without: the one without is read as
    UK local time (as the forms read it), not compared with the other and crashed on."""
    activity_kwargs["starts_at"] = datetime(2026, 7, 1, 9, 0)  # naive: 09:00 in London is 08:00 UTC
    activity_kwargs["ends_at"] = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    activity = services.activity_create(**activity_kwargs)
    activity.refresh_from_db()
    assert activity.starts_at == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    services.activity_update(
        user=activity_kwargs["user"], activity=activity, ends_at=datetime(2026, 12, 1, 18, 0)
    )
    activity.refresh_from_db()
    assert activity.ends_at == datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # GMT in winter
    with pytest.raises(ValidationError) as error:
        services.activity_update(
            user=activity_kwargs["user"], activity=activity, ends_at=datetime(2026, 7, 1, 8, 30)
        )
    assert "ends_at" in error.value.message_dict


def test_an_unknown_consultation_kind_is_a_validation_error_on_that_field(activity_kwargs, window):
    activity_kwargs.update(
        consultation_kind="carrier-pigeon",
        response_opens=window["opens"],
        response_closes=window["closes_ok"],
    )
    with pytest.raises(ValidationError) as error:
        services.activity_create(**activity_kwargs)
    assert "consultation_kind" in error.value.message_dict
    assert not Activity.private_objects.exists()


def test_a_draft_goes_with_its_unanswered_questionnaires(activity_kwargs, questionnaire_for):
    from consultations.models import Question, Questionnaire

    activity = services.activity_create(**activity_kwargs)
    questionnaire_for(activity, versions=2)
    services.activity_delete(user=activity_kwargs["user"], activity=activity)
    assert not Activity.private_objects.exists()
    assert not Questionnaire.private_objects.exists() and not Question.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.changes["questionnaires"] == ["Your views (v2)", "Your views (v1)"]


def test_a_draft_whose_questionnaire_has_answers_stays(activity_kwargs, questionnaire_for):
    from consultations.models import Response

    activity = services.activity_create(**activity_kwargs)
    questionnaire_for(activity, responses=1)
    with pytest.raises(ValidationError) as error:
        services.activity_delete(user=activity_kwargs["user"], activity=activity)
    assert "answered" in error.value.messages[0]
    assert Activity.private_objects.filter(pk=activity.pk).exists() and Response.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


def test_a_superuser_cannot_delete_past_the_draft_stage_either(activity_kwargs):
    activity = services.activity_create(**activity_kwargs)
    Activity.private_objects.filter(pk=activity.pk).update(status=Status.PLANNED)
    activity.refresh_from_db()
    boss = UserFactory(organisation=None, is_superuser=True)
    with pytest.raises(ValidationError):
        services.activity_delete(user=boss, activity=activity)
    assert Activity.private_objects.filter(pk=activity.pk).exists()
