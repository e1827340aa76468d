"""Intelligence triage: a lifecycle under a row lock; a second decision is a conflict."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from core.lifecycle import TransitionConflict
from governance.models import AuditEvent
from insight import triage
from insight.models import FlagState, IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory


@pytest.fixture
def flag(run):
    return IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")


def test_triage(flag, intel, analyst):
    with pytest.raises(PermissionDenied):
        triage.flag_pass(user=analyst, flag=flag, reference="LIU/1")
    with pytest.raises(ValidationError):
        triage.flag_pass(user=intel, flag=flag, reference=" ")
    triage.flag_pass(user=intel, flag=flag, reference="LIU/1")
    flag.refresh_from_db()
    assert flag.state == FlagState.PASSED and AuditEvent.objects.for_object(flag).count() == 1
    assert flag.decided_by == intel and flag.reference == "LIU/1"
    assert "Dave Smith" in flag.text and flag.activity_id is not None  # the police record's own copy
    with pytest.raises(TransitionConflict):
        triage.flag_dismiss(user=intel, flag=flag, reason="dup")


def test_two_officers_deciding_the_same_flag_the_second_is_told(flag, intel, police):
    other = UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER])
    seen_by_other = IntelligenceFlag.objects.get(pk=flag.pk)
    triage.flag_pass(user=intel, flag=flag, reference="LIU/7")
    with pytest.raises(TransitionConflict) as conflict:
        triage.flag_dismiss(user=other, flag=seen_by_other, reason="Not intelligence")
    assert "passed" in conflict.value.message.lower()
    flag.refresh_from_db()
    assert flag.state == FlagState.PASSED and flag.reason == "" and flag.decided_by == intel


def test_the_api_gives_409_to_the_second_decision(flag, intel):
    client = Client()
    client.force_login(intel)
    url = reverse("api:decide_intelligence_flag", kwargs={"flag_id": flag.pk})
    first = client.post(url, {"action": "pass", "reference": "LIU/2"}, content_type="application/json")
    assert first.status_code == 200 and first.json()["state"] == "passed"
    second = client.post(url, {"action": "dismiss", "reason": "late"}, content_type="application/json")
    assert second.status_code == 409 and "already been dealt with" in second.json()["detail"]
    assert IntelligenceFlag.objects.get(pk=flag.pk).state == FlagState.PASSED


def test_the_page_tells_the_second_officer(flag, intel, police):
    other = Client()
    other.force_login(UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER]))
    triage.flag_pass(user=intel, flag=flag, reference="LIU/3")
    response = other.post(
        reverse("insight:flag_decide", kwargs={"pk": flag.pk}),
        {"action": "dismiss", "reason": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert (
        "already been dealt with" in response.content.decode() or "Somebody else" in response.content.decode()
    )


def test_flags_are_visible_only_to_intelligence_officers(run, intel, analyst, officer, council):
    assert IntelligenceFlag.objects.visible_to(intel).count() == IntelligenceFlag.objects.count() >= 1
    for user in (analyst, officer, UserFactory(organisation=council, roles=[Role.INTELLIGENCE_OFFICER])):
        assert not IntelligenceFlag.objects.visible_to(user).exists()
