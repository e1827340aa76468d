"""Response imports whose worker died are marked failed by the worker's sweep (core/task_recovery.py)."""

from core.task_recovery import stale_sweeps

from .import_running import response_imports_fail_stale

stale_sweeps.register("response imports", response_imports_fail_stale)
