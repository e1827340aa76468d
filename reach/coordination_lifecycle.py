"""The lifecycle of a joint-working proposal, in core's one shape: answered once, by those who
may change the activity it was sent about."""

from core.lifecycle import Lifecycle

from .models import JointProposal, ProposalState
from .rules_coordination import can_answer_proposal

PROPOSAL = Lifecycle(
    model=JointProposal,
    states=ProposalState,
    moves={
        ProposalState.PROPOSED: frozenset({ProposalState.ACCEPTED, ProposalState.DECLINED}),
        ProposalState.ACCEPTED: frozenset(),
        ProposalState.DECLINED: frozenset(),
    },
    rules={ProposalState.ACCEPTED: can_answer_proposal, ProposalState.DECLINED: can_answer_proposal},
    noun="proposal",
)
