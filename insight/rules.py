"""Who may do what with analyses and intelligence flags.

- Seeing a run follows the questionnaire's results (`consultations.view_results`).
- Starting and correcting one (`insight.change_run`) is for analysts, admins and engagement
  officers of the organisation that owns it (leads the activity).
- Priorities belong to the organisation that records them. Making them from a ranking
  question's results (`insight.add_priority_from_results`) needs `insight.add_priority` and
  sight of the results; making one from a theme needs `insight.change_run` as well.
- Intelligence flags are for intelligence officers of the owning organisation only (and
  superusers): not analysts, partners or the public.
"""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from consultations.models import Questionnaire
from organisations.predicates import (
    is_admin,
    is_analyst,
    is_engagement_officer,
    is_intelligence_officer,
    is_staff_member,
)

from .models import AnalysisRun, IntelligenceFlag


def _questionnaire(obj: Any) -> Questionnaire | None:
    if obj is None or isinstance(obj, Questionnaire):
        return obj
    if isinstance(obj, AnalysisRun):
        return obj.questionnaire
    raise TypeError(f"No questionnaire for {type(obj).__name__}")


def _owner_id(obj: Any) -> int | None:
    if isinstance(obj, AnalysisRun | IntelligenceFlag):
        return obj.organisation_id
    questionnaire = _questionnaire(obj)
    return questionnaire.activity.lead_organisation_id if questionnaire else None


@rules.predicate
def can_see_results(user: Any, obj: Any) -> bool:
    if isinstance(obj, IntelligenceFlag):
        return True
    if isinstance(obj, AnalysisRun) and obj.questionnaire_id is None:
        # across activities: the organisation's own activities, so its own staff only
        return bool(in_owning_organisation(user, obj))
    return bool(user.has_perm("consultations.view_results", _questionnaire(obj)))


@rules.predicate
def in_owning_organisation(user: Any, obj: Any) -> bool:
    if obj is None:
        return True
    return bool(user.is_superuser or (user.organisation_id and user.organisation_id == _owner_id(obj)))


can_analyse = is_analyst | is_admin | is_engagement_officer

rules.add_perm("insight.view_run", is_staff_member & can_see_results)
rules.add_perm("insight.change_run", is_staff_member & can_see_results & in_owning_organisation & can_analyse)
rules.add_perm("insight.add_run_across", is_staff_member & can_analyse)
rules.add_perm("insight.export_run", is_staff_member & can_see_results)
# Priorities: every member of staff reads their organisation's; analysts, admins and
# engagement officers enter them (PACT meetings) for their organisation.
rules.add_perm("insight.view_priority", is_staff_member)
rules.add_perm("insight.add_priority", is_staff_member & can_analyse)
# Turning a ranking question's results into priorities needs only to see the results: the
# figures are totals, and the priorities made belong to the user's own organisation.
rules.add_perm("insight.add_priority_from_results", is_staff_member & can_analyse & can_see_results)
rules.add_perm("insight.view_flag", is_staff_member & is_intelligence_officer & in_owning_organisation)
rules.add_perm("insight.change_flag", is_staff_member & is_intelligence_officer & in_owning_organisation)


def sees_unredacted(user: Any, obj: Any) -> bool:
    """Text leaves the owning organisation only redacted."""
    return bool(in_owning_organisation(user, obj))


def require(user: Any, perm: str, obj: Any = None) -> None:
    """The services' guard: PermissionDenied unless the user has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
