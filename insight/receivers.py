"""Keeping what insight derived from a response in step when the respondent withdraws it
(`consultations.signals.response_withdrawing`, inside the withdrawal's transaction, before the
response and its answers are deleted):

- its coded answers go from every run, and with them any quote they were; the themes they were
  in are counted, numbered and labelled again from the answers left;
- its intelligence flags not yet passed on go; a flag already passed to the local intelligence
  unit stays as a police record (its copy of the text was taken when it was passed on), with
  the withdrawal recorded on it and in the audit log.

The audit log says that this happened and how many rows it touched, never what was said.
"""

from typing import Any

from django.utils import timezone

from governance.models import AuditAction
from governance.services import audit_record

from .models import AnalysisRun, CodedAnswer, FlagState, IntelligenceFlag, Theme
from .themes import refresh_sizes, relabel, renumber_quotes

KEPT_AS_POLICE_RECORD = (
    "Passed to the local intelligence unit before the response was withdrawn: kept as a police "
    "record under the police's own retention rules."
)


def _flags(answer_ids: list[int]) -> None:
    for flag in IntelligenceFlag.objects.select_for_update().filter(answer_id__in=answer_ids):
        if flag.state == FlagState.PASSED:
            flag.answer, flag.response_withdrawn_at = None, timezone.now()
            flag.save(update_fields=["answer", "response_withdrawn_at"])
            audit_record(
                actor=None, action=AuditAction.WITHDRAW, obj=flag, changes={"kept": KEPT_AS_POLICE_RECORD}
            )
        else:
            audit_record(
                actor=None,
                action=AuditAction.DELETE,
                obj=flag,
                changes={"reason": "The response was withdrawn before the flag was passed on."},
            )
            flag.delete()


def _themes(answer_ids: list[int]) -> None:
    coded = CodedAnswer.objects.filter(answer_id__in=answer_ids)
    touched = set(coded.exclude(theme=None).values_list("theme_id", flat=True))
    runs = set(coded.values_list("run_id", flat=True))
    removed = coded.delete()[0]
    for run in AnalysisRun.objects.filter(pk__in=runs):
        themes = list(Theme.objects.filter(run=run, pk__in=touched))
        refresh_sizes(run)
        renumber_quotes(themes)
        relabel(run, themes)
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=run,
            changes={"withdrawn": {"coded_answers_removed": removed, "themes_relabelled": len(themes)}},
        )


def on_response_withdrawing(sender: Any, response: Any, answer_ids: list[int], **kwargs: Any) -> None:
    _flags(answer_ids)
    _themes(answer_ids)
