"""The two records of measures and plans that move through states, in core's one shape: a strategy
action's RAG status (any colour to any other, set with a reason) and an annual engagement plan
(draft, then agreed by the partnership). Each move runs under a row lock, so two people
setting the same row's status, or agreeing the same plan, cannot both win (TransitionConflict)."""

from core.lifecycle import Lifecycle

from .models import AnnualPlan, PlanState, StrategyAction, StrategyRag
from .rules_measures import can_agree, can_keep_partnership_record, in_partnership, is_staff_member

RAG_STATUS: Lifecycle[StrategyAction] = Lifecycle(
    model=StrategyAction,
    states=StrategyRag,
    moves={
        StrategyRag.RED: frozenset({StrategyRag.AMBER, StrategyRag.GREEN}),
        StrategyRag.AMBER: frozenset({StrategyRag.RED, StrategyRag.GREEN}),
        StrategyRag.GREEN: frozenset({StrategyRag.RED, StrategyRag.AMBER}),
    },
    rules=dict.fromkeys(StrategyRag.values, can_keep_partnership_record),
    state_field="rag",
    noun="action",
)

ANNUAL_PLAN: Lifecycle[AnnualPlan] = Lifecycle(
    model=AnnualPlan,
    states=PlanState,
    moves={PlanState.DRAFT: frozenset({PlanState.AGREED}), PlanState.AGREED: frozenset()},
    rules={PlanState.AGREED: is_staff_member & can_agree & in_partnership},
    state_field="state",
    noun="plan",
)
