"""The demo shows a real clash between partners, a chance to piggyback and a proposal, and loads
again without duplicating anything."""

from datetime import date

import pytest

from engagement.models import Activity
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from places.demo import places_demo_load
from reach.coordination_selectors import activity_matches, duplicates_list
from reach.demo_coordination import (
    COUNCIL_SURVEY,
    COUNCIL_YOUTH,
    POLICE_BRIEFING,
    POLICE_YOUTH,
    demo_load_coordination,
)
from reach.models import JointProposal, MatchKind, ProposalState

from .coordination_helpers import load_reference

TODAY = date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_shows_a_clash_a_piggyback_and_a_proposal(
    police, council, django_capture_on_commit_callbacks
):
    load_reference()
    places_demo_load()
    officer = UserFactory(username="officer", organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    partner = UserFactory(username="partner", organisation=council, roles=[Role.PARTNER_USER])
    DataSharingAgreementFactory(owner=police, recipient=council)
    DataSharingAgreementFactory(owner=council, recipient=police)

    with django_capture_on_commit_callbacks(execute=True):
        first = demo_load_coordination(officer=officer, partner=partner, today=TODAY)
    assert first.neighbour_pairs == 46 and first.created_activities == 4 and first.proposals == 1

    youth = Activity.private_objects.get(title=POLICE_YOUTH)
    [clash] = [m for m in activity_matches(user=officer, activity=youth) if m.other.title == COUNCIL_YOUTH]
    assert clash.kind == MatchKind.DUPLICATE
    assert clash.reason.startswith("Both meet young people in Stretford on youth safety and knife crime in ")
    briefing = Activity.private_objects.get(title=POLICE_BRIEFING)
    [chance] = [
        m for m in activity_matches(user=officer, activity=briefing) if m.other.title == COUNCIL_SURVEY
    ]
    assert chance.kind == MatchKind.PIGGYBACK
    assert "online survey could carry Greater Manchester Police's questions" in chance.advice
    assert {m.kind for m in duplicates_list(user=partner, data={})} == {
        MatchKind.DUPLICATE,
        MatchKind.PIGGYBACK,
    }
    proposal = JointProposal.objects.get()
    assert proposal.state == ProposalState.PROPOSED and proposal.receiving_organisation == council

    again = demo_load_coordination(officer=officer, partner=partner, today=TODAY)
    assert again.created_activities == 0 and again.proposals == 1
    assert Activity.private_objects.count() == 4 and JointProposal.objects.count() == 1
