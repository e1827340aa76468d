"""Protective marking in the feedback loop is inherited: a finding of an OFFICIAL-SENSITIVE
activity (or drawn from its themes) is OFFICIAL-SENSITIVE, so is every decision that considered
it, their actions, and the feedback of such an activity. The services set it when a record is
written (`strictest`); `raise_for_activity` carries it down when an activity's marking is raised
later (hooks_loop.py connects it to the activity being saved). Markings are never lowered
automatically: lowering one is a person's decision, made by editing the record."""

from collections.abc import Iterable

from django.db.models import Q

from core.page_cache import bump_generation
from engagement.models import Activity
from governance.models import Marking

from .models import Action, Decision, Feedback, Finding


def strictest(*markings: str) -> str:
    return Marking.OFFICIAL_SENSITIVE if Marking.OFFICIAL_SENSITIVE in markings else Marking.OFFICIAL


def activity_markings(activities: Iterable[Activity | None]) -> list[str]:
    return [a.marking for a in activities if a is not None]


def raise_for_findings(finding_ids: Iterable[int]) -> int:
    """Mark these findings, the decisions that considered them and those decisions' actions
    OFFICIAL-SENSITIVE. Returns how many rows changed."""
    ids = list(finding_ids)
    if not ids:
        return 0
    sensitive = Marking.OFFICIAL_SENSITIVE
    changed = Finding.objects.filter(pk__in=ids).exclude(marking=sensitive).update(marking=sensitive)
    decisions = list(Decision.objects.filter(findings__in=ids).values_list("pk", flat=True).distinct())
    changed += Decision.objects.filter(pk__in=decisions).exclude(marking=sensitive).update(marking=sensitive)
    changed += (
        Action.objects.filter(decision__in=decisions).exclude(marking=sensitive).update(marking=sensitive)
    )
    return changed


def raise_for_activity(activity: Activity) -> int:
    """Carry an activity's OFFICIAL-SENSITIVE marking down to its part of the loop."""
    if activity.marking != Marking.OFFICIAL_SENSITIVE:
        return 0
    findings = Finding.objects.filter(
        Q(activity=activity) | Q(themes__run__questionnaire__activity=activity)
    ).values_list("pk", flat=True)
    changed = raise_for_findings(set(findings))
    changed += (
        Feedback.objects.filter(activity=activity)
        .exclude(marking=Marking.OFFICIAL_SENSITIVE)
        .update(marking=Marking.OFFICIAL_SENSITIVE)
    )
    if changed:
        bump_generation()  # update() sends no signals: the public pages must forget these rows
    return changed
