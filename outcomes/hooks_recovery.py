"""Reports whose worker died are marked failed by the worker's sweep too (core/task_recovery.py)."""

from core.task_recovery import stale_sweeps

from .reports_making import reports_fail_stale

stale_sweeps.register("reports", reports_fail_stale)
