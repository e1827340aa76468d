"""Who sees which records of the loop: an organisation's own; another organisation's only when
OFFICIAL and it may see the activity (read redacted), or when an action is its to do;
OFFICIAL-SENSITIVE never leaves its organisation, and is never public."""

import pytest
from django.urls import reverse

from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import loop_selectors, loop_selectors_work
from outcomes.models import Action, Decision, Feedback, Finding
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

WORDS = "Dave Smith of 14 Elm Street says cars speed past"


@pytest.fixture
def trail(consultation):
    return make_trail(consultation, text=WORDS)


def _sees(user, trail):
    return {
        "finding": Finding.objects.visible_to(user).filter(pk=trail.finding.pk).exists(),
        "decision": Decision.objects.visible_to(user).filter(pk=trail.decision.pk).exists(),
        "action": Action.objects.visible_to(user).filter(pk=trail.action.pk).exists(),
        "feedback": Feedback.objects.visible_to(user).filter(pk=trail.feedback.pk).exists(),
    }


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_the_organisation_sees_its_loop(police, trail, role):
    user = UserFactory(organisation=police, roles=[role])
    assert all(_sees(user, trail).values())
    assert loop_selectors.finding_list(user=user)[0].statement == WORDS


@pytest.mark.parametrize("role", list(Role))
def test_another_organisations_findings_are_never_shown(outsider, council, trail, role, client):
    user = UserFactory(organisation=council, roles=[role])
    assert not any(_sees(user, trail).values())
    assert loop_selectors.finding_list(user=user) == []
    client.force_login(user)
    for name, pk in (("finding_detail", trail.finding.pk), ("decision_detail", trail.decision.pk)):
        assert client.get(reverse(f"outcomes:{name}", kwargs={"pk": pk})).status_code in (403, 404)
    assert b"Elm Street" not in client.get(reverse("outcomes:finding_list")).content


def test_a_sharing_partner_reads_it_redacted(partner, sharing, trail):
    assert all(_sees(partner, trail).values())
    row = loop_selectors.finding_list(user=partner)[0]
    assert (
        "Elm Street" not in row.statement
        and "Dave Smith" not in row.statement
        and "cars speed" in row.statement
    )


def test_sensitive_records_stay_home_and_are_never_public(partner, sharing, police, ward):
    secret = ActivityFactory(
        lead_organisation=police,
        areas=[ward],
        marking=Marking.OFFICIAL_SENSITIVE,
        partners=[partner.organisation],
    )
    trail = make_trail(secret)
    assert not any(_sees(partner, trail).values())
    root = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    assert all(_sees(root, trail).values())
    assert loop_selectors.finding_list(user=root)[0].statement != ""  # sees it, redacted
    assert not Feedback.public_objects.filter(pk=trail.feedback.pk).exists()
    assert not Decision.public_objects.filter(pk=trail.decision.pk).exists()


def test_an_action_another_organisation_does_is_theirs_to_see(consultation, council):
    trail = make_trail(consultation, owner=council)
    doer = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    seen = _sees(doer, trail)
    assert seen["action"] and seen["decision"] and not seen["finding"] and not seen["feedback"]
    row = loop_selectors_work.action_list(user=doer)[0]
    assert row.owner_organisation == council.name


def test_anonymous_and_unattached_users_see_nothing(trail, rf):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), UserFactory(organisation=None, roles=[])):
        assert not any(_sees(user, trail).values())
