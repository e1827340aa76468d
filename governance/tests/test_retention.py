"""Retention reviews: records past review per type, per organisation; decisions kept, carried
out by the background task and by `manage.py retention_run`; the audit log counts what went and
never describes it; failures are marked and can be tried again."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Response
from governance import records
from governance.models import AuditEvent
from governance.retention_models import DecisionState, RetentionDecision, RetentionRun
from governance.retention_queue import retention_queue
from governance.retention_services import retention_decide, retention_retry
from governance.retention_settings import DEFAULTS, add_months, policies
from insight.models import AnalysisRun, IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory
from reach.models import CommunityContact

from .conftest import EMAIL, WORDS


def _due(user):
    return {g.key: {r.id for r in g.rows} for g in retention_queue(user=user)}


@pytest.fixture
def intel_admin(police):
    """Intelligence flags are need-to-know: only an admin who is also an intelligence officer
    reviews them (test_retention_scope.py)."""
    return UserFactory(
        username="intel-admin", organisation=police, roles=[Role.ADMIN, Role.INTELLIGENCE_OFFICER]
    )


def test_every_default_has_a_period_and_a_reason():
    assert set(DEFAULTS) == {"responses", "email_updates", "contacts", "intelligence_flags", "analysis_runs"}
    assert all(p is not None and p.months > 0 and len(p.reason) > 80 for p in policies().values())


def test_the_setting_overrides_the_defaults():
    with override_settings(
        HEARD_RETENTION={"responses": {"months": 12, "reason": "Our own rule."}, "contacts": None}
    ):
        found = policies()
        assert found["responses"].months == 12 and found["contacts"] is None
        assert found["analysis_runs"].months == DEFAULTS["analysis_runs"]["months"]
    with (
        override_settings(HEARD_RETENTION={"responses": {"months": 0, "reason": ""}}),
        pytest.raises(ImproperlyConfigured),
    ):
        policies()


def test_months_are_calendar_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_the_queue_holds_each_type_past_review(held, intel_admin):
    due = _due(intel_admin)
    assert due["responses"] == {held["response"].pk}
    assert due["email_updates"] == {held["response"].pk}
    assert due["contacts"] == {held["contact"].pk}
    assert due["intelligence_flags"] == {held["flag"].pk, held["passed"].pk}
    assert due["analysis_runs"] == {held["run"].pk}


def test_recent_records_and_other_organisations_are_not_in_it(held, admin, council_admin):
    Response.objects.filter(pk=held["response"].pk).update(submitted_at=timezone.now() - timedelta(days=30))
    assert held["response"].pk not in _due(admin)["responses"]
    assert _due(council_admin)["responses"] == {held["other"].pk}
    assert _due(council_admin)["contacts"] == set()


def test_the_page_shows_no_residents_words(held, admin):
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("retention:queue"))
    assert page.status_code == 200
    assert f"Response {held['response'].pk}".encode() in page.content
    for secret in (WORDS, "Quiggleworth", EMAIL):
        assert secret.encode() not in page.content


def test_keeping_takes_them_out_until_the_new_review_date(held, admin):
    later = timezone.localdate() + timedelta(days=200)
    made = retention_decide(
        user=admin,
        record_type="contacts",
        ids=[held["contact"].pk],
        action="keep",
        reason="Asked again",
        review_on=later,
    )
    assert made[0].state == DecisionState.CARRIED_OUT
    assert _due(admin)["contacts"] == set()
    RetentionDecision.objects.filter(pk=made[0].pk).update(review_on=timezone.localdate())
    assert _due(admin)["contacts"] == {held["contact"].pk}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"action": "keep", "reason": "", "review_on": date(2099, 1, 1)}, "reason"),
        ({"action": "keep", "reason": "Why", "review_on": None}, "review_on"),
        ({"action": "keep", "reason": "Why", "review_on": date(2000, 1, 1)}, "review_on"),
        ({"action": "burn"}, "action"),
        ({"action": "anonymise", "record_type": "contacts"}, "action"),
        ({"action": "delete", "record_type": "nothing"}, "record_type"),
        ({"action": "delete", "ids": []}, "ids"),
    ],
)
def test_bad_decisions_are_refused(held, admin, changes, field):
    args = {"record_type": "analysis_runs", "ids": [held["run"].pk], **changes}
    with pytest.raises(ValidationError) as refused:
        retention_decide(user=admin, **args)
    assert field in refused.value.message_dict
    assert not RetentionDecision.objects.exists()


def test_another_organisations_records_cannot_be_decided(held, council_admin):
    with pytest.raises(ValidationError):
        retention_decide(
            user=council_admin, record_type="responses", ids=[held["response"].pk], action="delete"
        )
    assert Response.objects.filter(pk=held["response"].pk).exists()


@pytest.mark.parametrize(
    "role", [Role.ENGAGEMENT_OFFICER, Role.ANALYST, Role.INTELLIGENCE_OFFICER, Role.AUTHORITY_MEMBER]
)
def test_only_admins_review(held, police, role):
    user = UserFactory(organisation=police, roles=[role])
    with pytest.raises(PermissionDenied):
        retention_decide(user=user, record_type="analysis_runs", ids=[held["run"].pk], action="delete")
    client = Client()
    client.force_login(user)
    assert client.get(reverse("retention:queue")).status_code == 403
    assert client.get(reverse("api:get_retention_queue")).status_code == 403


def test_the_task_carries_out_decisions_and_counts_them(held, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        retention_decide(user=admin, record_type="responses", ids=[held["response"].pk], action="delete")
        retention_decide(user=admin, record_type="contacts", ids=[held["contact"].pk], action="delete")
    assert not Response.objects.filter(pk=held["response"].pk).exists()
    assert not Answer.objects.filter(pk=held["answer"].pk).exists()
    assert not CommunityContact.objects.filter(pk=held["contact"].pk).exists()
    assert not RetentionDecision.objects.exclude(state=DecisionState.CARRIED_OUT).exists()
    counted = AuditEvent.objects.filter(object_type="governance.retention")
    assert {e.owner_organisation_id for e in counted} == {admin.organisation_id}  # in the admins' trail
    assert sorted(e.object_repr for e in counted) == [
        "1 community contact (individual) deleted",
        "1 consultation response deleted",
    ]
    for entry in AuditEvent.objects.all():
        for secret in (WORDS, "Quiggleworth", EMAIL):
            assert secret not in str(entry.object_repr) + str(entry.changes)
    assert RetentionRun.objects.filter(state="done").count() == 2


def test_the_command_carries_out_what_is_waiting(
    held, admin, intel_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        retention_decide(
            user=intel_admin, record_type="intelligence_flags", ids=[held["passed"].pk], action="anonymise"
        )
        retention_decide(user=admin, record_type="analysis_runs", ids=[held["run"].pk], action="delete")
        retention_decide(user=admin, record_type="email_updates", ids=[held["response"].pk], action="delete")
    out = StringIO()
    call_command("retention_run", stdout=out)
    assert "analysis_runs: 1 deleted" in out.getvalue()
    assert "intelligence_flags: 1 anonymised" in out.getvalue()
    assert "zebedee" not in IntelligenceFlag.objects.get(pk=held["passed"].pk).text
    assert not AnalysisRun.objects.filter(pk=held["run"].pk).exists()
    response = Response.objects.get(pk=held["response"].pk)
    assert response.email == "" and not response.wants_updates
    assert "12 " not in out.getvalue()
    assert AuditEvent.objects.filter(object_repr="1 analysis run deleted").exists()


def test_anonymised_responses_keep_their_answers_without_personal_details(
    held, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        retention_decide(user=admin, record_type="responses", ids=[held["response"].pk], action="anonymise")
    response = Response.objects.get(pk=held["response"].pk)
    assert response.email == "" and response.receipt_hash != held["response"].receipt_hash
    text = Answer.objects.get(pk=held["answer"].pk).text
    assert "07700 900456" not in text and "Larch Close" not in text and "[PHONE]" in text


def test_a_failure_is_marked_and_can_be_tried_again(
    held, admin, monkeypatch, django_capture_on_commit_callbacks
):
    from dataclasses import replace

    kind = records.get("analysis_runs")

    def broken(ids):
        raise ValidationError("Other records still use it.")

    monkeypatch.setitem(records.record_types.items, "analysis_runs", (50, 99, replace(kind, delete=broken)))
    with django_capture_on_commit_callbacks(execute=True):
        retention_decide(user=admin, record_type="analysis_runs", ids=[held["run"].pk], action="delete")
    decision = RetentionDecision.objects.get()
    assert decision.state == DecisionState.FAILED and "still use it" in decision.error
    assert AnalysisRun.objects.filter(pk=held["run"].pk).exists()
    assert not AuditEvent.objects.filter(object_type="governance.retention").exists()
    monkeypatch.setitem(records.record_types.items, "analysis_runs", (50, 99, kind))
    with django_capture_on_commit_callbacks(execute=True):
        retention_retry(user=admin, decision=decision)
    assert not AnalysisRun.objects.filter(pk=held["run"].pk).exists()


def test_the_page_records_a_decision_one_by_one_or_in_bulk(
    held, intel_admin, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(intel_admin)
    ids = [held["flag"].pk, held["passed"].pk]
    bad = client.post(
        reverse("retention:decide"),
        {
            "record_type": "intelligence_flags",
            "intelligence_flags-ids": ids,
            "intelligence_flags-action": "keep",
        },
    )
    assert bad.status_code == 400 and b"Error: " in bad.content and b"Say why" in bad.content
    nothing = client.post(
        reverse("retention:decide"),
        {"record_type": "intelligence_flags", "intelligence_flags-action": "delete"},
    )
    assert nothing.status_code == 400 and b"Select the records" in nothing.content
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("retention:decide"),
            {
                "record_type": "intelligence_flags",
                "intelligence_flags-every": "on",
                "intelligence_flags-action": "delete",
            },
        )
    assert done.status_code == 302
    assert not IntelligenceFlag.objects.filter(pk__in=ids).exists()
    assert AuditEvent.objects.filter(object_repr="2 intelligence flags deleted").exists()
    assert client.post(reverse("retention:decide"), {"record_type": "nothing"}).status_code == 400


def test_the_api_decides_and_lists(held, admin, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(admin)
    queue = {g["record_type"]: g for g in client.get(reverse("api:get_retention_queue")).json()}
    assert queue["analysis_runs"]["due"] == 1 and queue["analysis_runs"]["reason"]
    body = {
        "record_type": "analysis_runs",
        "ids": [held["run"].pk],
        "action": "keep",
        "reason": "Annual report",
        "review_on": "2099-01-01",
    }
    too_late = client.post(reverse("api:decide_retention"), body, content_type="application/json")
    assert too_late.status_code == 422
    body["review_on"] = (timezone.localdate() + timedelta(days=90)).isoformat()
    made = client.post(reverse("api:decide_retention"), body, content_type="application/json")
    assert made.status_code == 201 and made.json()[0]["state"] == "carried_out"
    assert client.get(reverse("api:list_retention_decisions")).json() == []


def test_the_demo_shows_records_past_review_and_requests(admin):
    from governance.subject_models import SubjectRequest
    from governance.subject_selectors import due_soon_before
    from heard.demo_retention import demo_load_retention

    assert demo_load_retention(admin=admin, today=timezone.localdate()) == 2
    due = {g.key: g.count for g in retention_queue(user=admin)}
    assert due["contacts"] == 2 and due["analysis_runs"] == 1 and due["intelligence_flags"] == 0
    intel_admin = UserFactory(organisation=admin.organisation, roles=[Role.ADMIN, Role.INTELLIGENCE_OFFICER])
    assert {g.key: g.count for g in retention_queue(user=intel_admin)}["intelligence_flags"] == 1
    soon = SubjectRequest.objects.filter(due_on__lte=due_soon_before())
    assert soon.count() == 1 and soon.get().kind == "access"
    assert demo_load_retention(admin=admin, today=timezone.localdate()) == 0


def test_a_run_whose_worker_died_is_marked_failed_and_its_decisions_wait(held, admin):
    from core.task_recovery import stale_sweeps

    with_decision = retention_decide(
        user=admin, record_type="analysis_runs", ids=[held["run"].pk], action="delete"
    )
    stuck = RetentionRun.objects.create(state="running", heartbeat_at=timezone.now() - timedelta(hours=1))
    assert sum(sweep() for sweep in stale_sweeps) >= 1
    stuck.refresh_from_db()
    assert stuck.state == "failed" and stuck.error
    assert RetentionDecision.objects.get(pk=with_decision[0].pk).state == DecisionState.PENDING
