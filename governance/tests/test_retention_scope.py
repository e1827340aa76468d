"""Whose records the retention review shows: only the viewer's organisation's, superusers
included (one of no organisation sees none), and intelligence flags only through their
need-to-know rule (intelligence officers of the owning organisation), on the page and in the API."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from governance.retention_models import RetentionDecision
from governance.retention_queue import decisions_waiting, retention_queue
from governance.retention_services import retention_decide
from organisations.models import Role
from organisations.tests.factories import UserFactory


def _due(user):
    return {g.key: {r.id for r in g.rows} for g in retention_queue(user=user)}


def _counts(user):
    return {g.key: g.count for g in retention_queue(user=user)}


def _page(user):
    client = Client()
    client.force_login(user)
    return client, client.get(reverse("retention:queue")).content.decode()


@pytest.mark.parametrize(
    ("who", "flags_shown"),
    [
        ("admin", False),
        ("intelligence_admin", True),
        ("superuser_of_police", False),
        ("intelligence_superuser_of_police", True),
    ],
)
def test_the_police_see_their_own_records_and_flags_only_on_a_need_to_know(held, police, who, flags_shown):
    roles = [Role.ADMIN, Role.INTELLIGENCE_OFFICER] if "intelligence" in who else [Role.ADMIN]
    user = UserFactory(organisation=police, roles=roles, is_superuser="superuser" in who)
    due = _due(user)
    assert due["responses"] == {held["response"].pk}  # never the council's
    flags = {held["flag"].pk, held["passed"].pk}
    assert due["intelligence_flags"] == (flags if flags_shown else set())
    assert _counts(user)["intelligence_flags"] == (2 if flags_shown else 0)
    _, page = _page(user)
    assert (f"Intelligence flag {held['passed'].pk} " in page) is flags_shown
    if not flags_shown:
        with pytest.raises(ValidationError):
            retention_decide(user=user, record_type="intelligence_flags", ids=sorted(flags), action="delete")


def test_another_organisations_admin_sees_only_their_own(held, council):
    council_intel_admin = UserFactory(organisation=council, roles=[Role.ADMIN, Role.INTELLIGENCE_OFFICER])
    due = _due(council_intel_admin)
    assert due["responses"] == {held["other"].pk}
    assert due["intelligence_flags"] == set() and due["contacts"] == set() and due["analysis_runs"] == set()


def test_a_superuser_of_no_organisation_sees_no_records(held):
    boss = UserFactory(
        username="boss", organisation=None, is_superuser=True, roles=[Role.INTELLIGENCE_OFFICER]
    )
    assert all(not ids for ids in _due(boss).values()) and not any(_counts(boss).values())
    client, page = _page(boss)
    assert "You belong to no organisation" in page
    assert (
        f"Intelligence flag {held['passed'].pk} " not in page
        and f"Response {held['response'].pk}" not in page
    )
    api = client.get(reverse("api:get_retention_queue")).json()
    assert all(g["due"] == 0 and g["records"] == [] for g in api)
    with pytest.raises(ValidationError):
        retention_decide(user=boss, record_type="responses", ids=[held["response"].pk], action="delete")


def test_an_officer_reviews_nothing(held, police):
    client, _ = _page(UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER]))
    assert client.get(reverse("retention:queue")).status_code == 403
    assert client.get(reverse("api:get_retention_queue")).status_code == 403


def test_decisions_waiting_about_flags_are_need_to_know_too(held, police, admin):
    intel_admin = UserFactory(organisation=police, roles=[Role.ADMIN, Role.INTELLIGENCE_OFFICER])
    retention_decide(
        user=intel_admin, record_type="intelligence_flags", ids=[held["passed"].pk], action="delete"
    )
    retention_decide(user=admin, record_type="analysis_runs", ids=[held["run"].pk], action="delete")
    assert RetentionDecision.objects.count() == 2
    assert {d.record_type for d in decisions_waiting(user=intel_admin)} == {
        "intelligence_flags",
        "analysis_runs",
    }
    assert {d.record_type for d in decisions_waiting(user=admin)} == {"analysis_runs"}
    boss = UserFactory(organisation=None, is_superuser=True)
    assert not decisions_waiting(user=boss).exists()
