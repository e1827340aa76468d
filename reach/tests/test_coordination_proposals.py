"""Proposing a joint activity: who may, what is refused, the e-mails, accepting (each
organisation becomes a partner of the other's activity) and declining, under a row lock."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core.lifecycle import TransitionConflict
from engagement.models import Activity, Status
from governance.models import AuditAction, AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from reach.coordination_proposal_selectors import proposal_detail, proposal_list, proposals_waiting_count
from reach.coordination_services import proposal_accept, proposal_create, proposal_decline
from reach.models import JointProposal, MatchKind, ProposalState

from .coordination_helpers import build_places, load_reference, youth_clash

MESSAGE = "Shall we run one session? Ring Dave Smith on 07700 900123 or write to dave.smith@example.com."


@pytest.fixture(autouse=True)
def _reference(db):
    load_reference()


@pytest.fixture
def pair(police, council):
    DataSharingAgreementFactory(owner=police, recipient=council)
    DataSharingAgreementFactory(owner=council, recipient=police)
    return youth_clash(police, council, build_places())


@pytest.fixture
def answerer(outsider):
    """The council's engagement officer (the root fixture `outsider`), here a partner."""
    return outsider


def _propose(officer, pair, captured, message=MESSAGE):
    with captured(execute=True):
        return proposal_create(
            user=officer,
            activity=pair[0],
            other_activity=pair[1],
            message=message,
            site_url="https://heard.example/",
        )


def test_a_proposal_is_stored_audited_and_e_mailed_to_the_other_lead(
    officer, answerer, council, pair, django_capture_on_commit_callbacks
):
    UserFactory(organisation=council, roles=[Role.ANALYST], email="analyst@council.example")
    UserFactory(
        organisation=council, roles=[Role.ENGAGEMENT_OFFICER], email="gone@council.example", is_active=False
    )
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    assert proposal.state == ProposalState.PROPOSED and proposal.kind == MatchKind.DUPLICATE
    assert proposal.reason.startswith("Both meet young people in Stretford")
    assert (
        proposal.proposing_organisation == officer.organisation and proposal.receiving_organisation == council
    )
    event = AuditEvent.objects.for_object(proposal).get()
    assert event.action == AuditAction.CREATE and event.actor == officer
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pair[1].contact_email, answerer.email])
    sent = mail.outbox[0]
    assert sent.subject == f"Greater Manchester Police proposes joint working on {pair[1].title}"
    assert sent.reply_to == [pair[0].contact_email]
    assert "https://heard.example/staff/coordination/proposals/" in sent.body
    assert "07700 900123" not in sent.body and "Dave Smith" not in sent.body  # the message crosses redacted
    assert "Shall we run one session?" in sent.body


def test_the_proposal_reads_as_written_to_its_author_and_redacted_to_the_other(
    officer, answerer, pair, django_capture_on_commit_callbacks
):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    assert proposal_detail(user=officer, pk=proposal.pk).message == MESSAGE
    theirs = proposal_detail(user=answerer, pk=proposal.pk)
    assert "07700 900123" not in theirs.message and "dave.smith@example.com" not in theirs.message
    assert theirs.incoming and theirs.can_answer and theirs.proposed_by == ""
    assert theirs.activity.title == pair[0].title and theirs.activity.contact_email == pair[0].contact_email
    assert proposals_waiting_count(answerer) == 1 and proposals_waiting_count(officer) == 0
    assert [v.id for v in proposal_list(user=answerer)] == [proposal.pk]
    stranger = UserFactory(organisation=OrganisationFactory(name="Trafford Housing Trust"))
    assert proposal_list(user=stranger) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"marking": Marking.OFFICIAL_SENSITIVE}, "OFFICIAL-SENSITIVE"),
        ({"status": Status.CANCELLED}, "cancelled"),
    ],
)
def test_what_cannot_be_proposed(officer, pair, change, message):
    Activity.private_objects.filter(pk=pair[0].pk).update(**change)
    with pytest.raises(ValidationError, match=message):
        proposal_create(user=officer, activity=pair[0], other_activity=pair[1], message="Join us?")
    assert not JointProposal.objects.exists()


def test_one_open_proposal_per_pair_either_way_round(
    officer, answerer, pair, django_capture_on_commit_callbacks
):
    _propose(officer, pair, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="already waiting"):
        proposal_create(user=answerer, activity=pair[1], other_activity=pair[0], message="Or join us?")


def test_a_proposal_needs_a_message_and_a_partner_activity_one_may_see(officer, police, pair):
    with pytest.raises(ValidationError):
        proposal_create(user=officer, activity=pair[0], other_activity=pair[1], message="   ")
    with pytest.raises(ValidationError, match="same organisation"):
        proposal_create(
            user=officer,
            activity=pair[0],
            other_activity=pair[0].__class__.private_objects.get(pk=pair[0].pk),
            message="x",
        )
    unseen = Activity.private_objects.get(pk=pair[1].pk)
    unseen.lead_organisation = OrganisationFactory(name="Trafford Housing Trust")
    unseen.save()
    with pytest.raises(PermissionDenied):
        proposal_create(user=officer, activity=pair[0], other_activity=unseen, message="x")
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        proposal_create(user=analyst, activity=pair[0], other_activity=pair[1], message="x")


def test_accepting_makes_each_a_partner_of_the_other(
    officer, answerer, police, council, pair, django_capture_on_commit_callbacks
):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal_accept(user=answerer, proposal=proposal, reply="Yes: call Sarah Jones on 0161 496 0000.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED and proposal.decided_by == answerer
    assert list(pair[0].partners.all()) == [council] and list(pair[1].partners.all()) == [police]
    changes = AuditEvent.objects.filter(object_type="engagement.activity", action=AuditAction.UPDATE)
    assert {(e.object_id, e.actor_id) for e in changes} == {
        (str(pair[1].pk), answerer.pk),
        (str(pair[0].pk), officer.pk),
    }
    assert (
        AuditEvent.objects.for_object(proposal).filter(action=AuditAction.TRANSITION).get().actor == answerer
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted({officer.email, pair[0].contact_email})
    assert "Trafford Council accepted your proposal" in mail.outbox[0].subject
    assert "Sarah Jones" not in mail.outbox[0].body and "0161 496 0000" not in mail.outbox[0].body
    assert proposal_detail(user=officer, pk=proposal.pk).reply != proposal.reply  # redacted for the police


def test_the_proposer_cannot_answer_their_own_proposal(officer, pair, django_capture_on_commit_callbacks):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        proposal_accept(user=officer, proposal=proposal)
    assert JointProposal.objects.get().state == ProposalState.PROPOSED


def test_declining_joins_nothing(officer, answerer, pair, django_capture_on_commit_callbacks):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decline(user=answerer, proposal=proposal, reply="Ours is already booked.")
    assert JointProposal.objects.get().state == ProposalState.DECLINED
    assert not pair[0].partners.exists() and not pair[1].partners.exists()
    assert "declined your proposal" in mail.outbox[-1].subject


def test_a_stale_answer_is_a_conflict_and_changes_nothing(
    officer, answerer, pair, django_capture_on_commit_callbacks
):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    seen_then = JointProposal.objects.get(pk=proposal.pk)
    proposal_decline(user=answerer, proposal=proposal)
    with pytest.raises(TransitionConflict) as conflict:
        proposal_accept(user=answerer, proposal=seen_then, seen=ProposalState.PROPOSED)
    assert conflict.value.current == ProposalState.DECLINED
    assert JointProposal.objects.get().state == ProposalState.DECLINED
    assert not pair[1].partners.exists()


def test_accepting_is_all_or_nothing_when_the_proposer_has_left(
    officer, answerer, pair, django_capture_on_commit_callbacks
):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    officer.is_active = False
    officer.save()
    with pytest.raises(ValidationError, match="propose again"):
        proposal_accept(user=answerer, proposal=proposal)
    assert JointProposal.objects.get().state == ProposalState.PROPOSED
    assert not pair[1].partners.exists() and not pair[0].partners.exists()


def test_a_reply_has_a_length_limit(officer, answerer, pair, django_capture_on_commit_callbacks):
    proposal = _propose(officer, pair, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="2000 characters"):
        proposal_decline(user=answerer, proposal=proposal, reply="x" * 2001)
    assert JointProposal.objects.get().state == ProposalState.PROPOSED
