"""A questionnaire's results (the summary, and the responses one per row) as an export that can
be made in the background (governance/export_kinds.py): the questionnaire is read again through
the reader's door, with the same filters, redaction and suppression as the direct download."""

from typing import Any

from django.core.exceptions import ValidationError

from governance.export_kinds import format_of, query_data, register_export_kind
from governance.exports import ExportPlan

from . import selectors
from .result_filters import results_filter_form

RESULTS = "consultations.results"


def results_plan(user: Any, parameters: dict[str, Any]) -> ExportPlan:
    questionnaire = selectors.questionnaire_get(user=user, pk=parameters.get("record"))
    data = query_data(parameters)
    form = results_filter_form(user=user, questionnaire=questionnaire, data=data)
    if form.errors:
        raise ValidationError("The filter is not valid: " + form.errors.as_text())
    return selectors.results_export_plan(
        user=user,
        questionnaire=questionnaire,
        filters=form.filters(),
        part=str(parameters.get("part") or ""),
        file_format=format_of(parameters),
        query=str(parameters.get("query") or ""),
    )


register_export_kind(RESULTS, "Questionnaire results", results_plan)
