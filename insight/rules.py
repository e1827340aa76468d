"""Who may do what with analyses, intelligence flags and neighbourhood priorities.

- Seeing a run follows the questionnaire's results (`consultations.view_results`); a run across
  activities is its organisation's alone.
- Starting and correcting one (`insight.change_run`) is for analysts, admins and engagement
  officers of the organisation that owns it (leads the activity).
- Priorities belong to the organisation that records them. Making them from a ranking
  question's results (`insight.add_priority_from_results`) needs `insight.add_priority` and
  sight of the results; making one from a theme needs `insight.change_run` as well.
- Publishing a priority on an area's public page (`insight.publish_priority`, object: the area)
  is for the organisations responsible for that area: those whose areas include it or an area
  above it (a force for its wards, a council for its district's wards).
- Translating an organisation's published priorities (`insight.translate_priority`, object: the
  priority) is for those who may publish them: its own organisation's, responsible for its area.
- Intelligence flags are for intelligence officers of the owning organisation only: not
  analysts, partners, superusers (unless they are such an officer) or the public.
- The policing codeframe and the codes of answers are the organisation's own: its staff read
  them; analysts and admins change the codeframe and have everything coded again; analysts,
  admins and engagement officers of the organisation leading an answer's activity correct its
  codes, and those of the organisation leading a meeting correct its notes' codes
  (`insight.correct_note_code`, object: the attendance record).
"""

from typing import Any

import rules

from consultations.models import Answer, Attendance, Questionnaire
from engagement.sharing import activity_shares
from organisations.models import Role, SharingScope, User
from organisations.predicates import holds_role, is_admin, is_analyst, is_engagement_officer, is_staff_member
from places.models import Area

from .models import AnalysisRun, IntelligenceFlag, Priority


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
def can_see_results(user: User, obj: Any) -> bool:
    if isinstance(obj, IntelligenceFlag):
        return True
    if isinstance(obj, AnalysisRun) and obj.questionnaire_id is None:
        # across activities: the organisation's own activities, so its own staff only
        return bool(in_owning_organisation(user, obj))
    return bool(user.has_perm("consultations.view_results", _questionnaire(obj)))


@rules.predicate
def themes_shared(user: User, obj: Any) -> bool:
    """Themes of another organisation's consultation: its partners, or an agreement sharing
    themes (engagement/sharing.py)."""
    questionnaire = None if isinstance(obj, IntelligenceFlag) else _questionnaire(obj)
    return questionnaire is None or activity_shares(user, questionnaire.activity, SharingScope.THEMES)


@rules.predicate
def in_owning_organisation(user: User, obj: Any) -> bool:
    if obj is None:
        return True
    return bool(user.is_superuser or (user.organisation_id and user.organisation_id == _owner_id(obj)))


@rules.predicate
def responsible_for_area(user: User, area: Area | None) -> bool:
    """The user's organisation covers the area: the area itself or one above it is one of the
    organisation's areas."""
    if area is None:
        return True
    if user.is_superuser:
        return True
    if not user.organisation_id:
        return False
    above = [code for code in area.path.split("/") if code]
    return Area.objects.filter(code__in=above, organisations__id=user.organisation_id).exists()


@rules.predicate
def priority_of_own_organisation(user: User, priority: Priority | None) -> bool:
    """The priority is the user's organisation's, which is responsible for its area."""
    if priority is None:
        return True
    own = bool(user.organisation_id and user.organisation_id == priority.organisation_id)
    return own and responsible_for_area(user, priority.area)


@rules.predicate
def in_flags_organisation(user: User, flag: IntelligenceFlag | None) -> bool:
    """Strictly the flag's own organisation: not even a superuser reads another's flags."""
    return flag is None or bool(user.organisation_id and user.organisation_id == flag.organisation_id)


@rules.predicate
def leads_answers_activity(user: User, answer: Answer | None) -> bool:
    """The answer was given to an activity the user's organisation leads."""
    if answer is None:
        return True
    lead = answer.question.questionnaire.activity.lead_organisation_id
    return bool(user.organisation_id and user.organisation_id == lead)


@rules.predicate
def leads_notes_activity(user: User, attendance: Attendance | None) -> bool:
    """The meeting whose notes these are is one the user's organisation leads."""
    if attendance is None:
        return True
    lead = attendance.activity.lead_organisation_id
    return bool(user.organisation_id and user.organisation_id == lead)


can_analyse = is_analyst | is_admin | is_engagement_officer
can_decide_flag = is_staff_member & holds_role(Role.INTELLIGENCE_OFFICER) & in_flags_organisation

rules.add_perm("insight.view_run", is_staff_member & can_see_results & themes_shared)
rules.add_perm("insight.change_run", is_staff_member & can_see_results & in_owning_organisation & can_analyse)
rules.add_perm("insight.add_run_across", is_staff_member & can_analyse)
rules.add_perm("insight.export_run", is_staff_member & can_see_results & themes_shared)
# Priorities: every member of staff reads their organisation's; analysts, admins and
# engagement officers enter them (PACT meetings) for their organisation.
rules.add_perm("insight.view_priority", is_staff_member)
rules.add_perm("insight.add_priority", is_staff_member & can_analyse)
rules.add_perm("insight.publish_priority", is_staff_member & can_analyse & responsible_for_area)
rules.add_perm("insight.translate_priority", is_staff_member & can_analyse & priority_of_own_organisation)
# Turning a ranking question's results into priorities needs only to see the results: the
# figures are totals, and the priorities made belong to the user's own organisation.
rules.add_perm("insight.add_priority_from_results", is_staff_member & can_analyse & can_see_results)
rules.add_perm("insight.view_flag", can_decide_flag)
rules.add_perm("insight.change_flag", can_decide_flag)
rules.add_perm("insight.view_codes", is_staff_member)
rules.add_perm("insight.change_codeframe", is_staff_member & (is_analyst | is_admin))
rules.add_perm("insight.code_answers", is_staff_member & (is_analyst | is_admin))
rules.add_perm("insight.correct_code", is_staff_member & can_analyse & leads_answers_activity)
rules.add_perm("insight.correct_note_code", is_staff_member & can_analyse & leads_notes_activity)
