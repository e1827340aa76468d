"""Starting analyses. The work itself runs in a background task (tasks.py → pipeline.py); the
analyst's corrections to themes are in themes.py, intelligence triage in triage.py, exports in
selectors.py, neighbourhood priorities in priorities.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from consultations.models import Question, QuestionKind
from core.permissions import require
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User
from places.models import Area

from .models import AnalysisRun
from .pipeline import analysis_runs_fail_stale
from .scope import AcrossFilters
from .tasks import run_analysis

__all__ = ["analysis_run_create", "analysis_run_create_across", "analysis_runs_fail_stale"]


def _queue(run: AnalysisRun, user: User) -> AnalysisRun:
    run.full_clean()
    run.save()
    audit_record(actor=user, action=AuditAction.CREATE, obj=run, changes={"filters": run.filters})
    run_id = run.pk
    transaction.on_commit(lambda: run_analysis.enqueue(run_id))
    return run


def analysis_run_create(*, user: User, question: Question) -> AnalysisRun:
    """Queue an analysis of the written answers to `question`; it runs after the commit."""
    questionnaire = question.questionnaire
    require(user, "insight.change_run", questionnaire)
    if question.kind != QuestionKind.TEXT:
        raise ValidationError({"question": gettext("Only free-text questions can be analysed.")})
    with transaction.atomic():
        run = AnalysisRun(
            questionnaire=questionnaire,
            question=question,
            organisation_id=questionnaire.activity.lead_organisation_id,
            created_by=user,
        )
        return _queue(run, user)


def analysis_run_create_across(*, user: User, filters: AcrossFilters) -> AnalysisRun:
    """Queue an analysis of the written answers across the user's organisation's activities."""
    require(user, "insight.add_run_across")
    if not user.organisation_id:
        raise ValidationError(gettext("Only members of an organisation analyse across its activities."))
    if filters.start and filters.end and filters.start > filters.end:
        raise ValidationError({"end": gettext("The end of the period must be after its start.")})
    if filters.area and not Area.objects.filter(code=filters.area).exists():
        raise ValidationError({"area": gettext("No such area.")})
    with transaction.atomic():
        run = AnalysisRun(organisation_id=user.organisation_id, filters=filters.as_json(), created_by=user)
        return _queue(run, user)
