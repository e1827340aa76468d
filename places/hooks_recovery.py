"""Reference-data imports whose worker died are marked failed by the worker's sweep
(core/task_recovery.py)."""

from core.task_recovery import stale_sweeps

from .import_running import reference_imports_fail_stale

stale_sweeps.register("reference imports", reference_imports_fail_stale)
