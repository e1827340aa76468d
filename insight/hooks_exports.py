"""An analysis's themes or coded answers as an export that can be made in the background
(governance/export_kinds.py), read again through the reader's text door."""

from typing import Any

from governance.export_kinds import format_of, register_export_kind
from governance.exports import ExportPlan

from . import selectors
from .exports import run_export_plan

ANALYSIS = "insight.analysis_run"


def analysis_plan(user: Any, parameters: dict[str, Any]) -> ExportPlan:
    run = selectors.run_get(user=user, pk=parameters.get("record"))
    part = str(parameters.get("part") or "")
    return run_export_plan(user=user, run=run, part=part, file_format=format_of(parameters))


register_export_kind(ANALYSIS, "Analysis", analysis_plan)
