"""The lifecycles of an analysis run (moved by the system only) and of an intelligence flag
(moved by an intelligence officer of the owning organisation), in core's one shape."""

from core.lifecycle import Lifecycle

from .models import AnalysisRun, FlagState, IntelligenceFlag, RunState
from .rules import can_decide_flag

RUN = Lifecycle(
    model=AnalysisRun,
    states=RunState,
    moves={
        RunState.QUEUED: frozenset({RunState.RUNNING, RunState.FAILED}),
        RunState.RUNNING: frozenset({RunState.DONE, RunState.FAILED}),
        RunState.DONE: frozenset(),
        RunState.FAILED: frozenset(),
    },
    noun="analysis",
)

FLAG = Lifecycle(
    model=IntelligenceFlag,
    states=FlagState,
    moves={
        FlagState.NEW: frozenset({FlagState.PASSED, FlagState.DISMISSED}),
        FlagState.PASSED: frozenset(),
        FlagState.DISMISSED: frozenset(),
    },
    rules={FlagState.PASSED: can_decide_flag, FlagState.DISMISSED: can_decide_flag},
    noun="flag",
)
