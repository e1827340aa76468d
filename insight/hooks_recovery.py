"""Analyses and coding jobs whose worker died are marked failed by the worker's sweep
(core/task_recovery.py)."""

from core.task_recovery import stale_sweeps

from .coding import coding_jobs_fail_stale
from .pipeline import analysis_runs_fail_stale

stale_sweeps.register("analyses", analysis_runs_fail_stale)
stale_sweeps.register("coding", coding_jobs_fail_stale)
